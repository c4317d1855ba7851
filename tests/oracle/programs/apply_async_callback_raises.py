"""An apply_async callback raises: the exception kills the pool's result-handler thread in the
parent, and the result is never marked ready.

What it does: apply_async(square, (3,), callback=record) where record() prints and raises
ValueError; the main block then calls r.get(timeout=1) and reports the TimeoutError; leaving the
with block terminates the pool.

Real CPython: "callback: got 9", "get timed out: the callback failed"; the result thread's
traceback ends in ValueError: cannot store 9; then Pool.__exit__'s terminate() raises
AssertionError: Cannot have cache with result_hander not alive (CPython's spelling), exit 1, fork
and spawn.

mpsim claim tested: callbacks run in the parent's result-handler thread; an exception there kills
that thread (printed, not raised to the caller) and leaves the result pending for ever.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing


def square(x):
    return x * x


def record(value):
    print(f"callback: got {value}", flush=True)
    raise ValueError(f"cannot store {value}")


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        r = pool.apply_async(square, (3,), callback=record)
        try:
            print(f"got {r.get(timeout=1)}")
        except multiprocessing.TimeoutError:
            print("get timed out: the callback failed")
