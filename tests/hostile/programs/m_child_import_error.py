"""Malformed input: the module raises only when a spawned child imports it (as __mp_main__).

The main process starts a child under spawn; the child dies while importing the main module with
OSError("no config in the child"), exit code 1; main then finishes.  A good checker: an exception
finding (OSError) for the child.

expect: exit 1 exception OSError: no config in the child
"""
import multiprocessing

if __name__ == "__mp_main__":
    raise OSError("no config in the child")


def work():
    print("never printed")


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    p = multiprocessing.Process(target=work, name="child")
    p.start()
    p.join()
    print("child exit code", p.exitcode)
