"""The module a replay's real main process runs, and spawned children re-import (see ``boot``)."""
if __name__ == "__main__":
    from mpsim.replay import boot

    boot.main()
elif __name__ == "__mp_main__":
    from mpsim.replay import boot

    boot.spawned(globals())
