"""No `if __name__ == "__main__":` guard, with the spawn start method: the spawned child re-runs
the module's top level, reaches p.start() while still bootstrapping, and CPython raises
RuntimeError ("An attempt has been made to start a new process before the current process has
finished its bootstrapping phase...") in the child, which dies with exit code 1.  Main then
finishes normally.  Expected: one exception finding, for the child - not an endless tower of
children."""
import multiprocessing


def work():
    print("working")


ctx = multiprocessing.get_context("spawn")
p = ctx.Process(target=work, name="child")
p.start()
p.join()
print("exitcode", p.exitcode)
