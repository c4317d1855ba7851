"""A worker busy-waits 50 ms with `while time.monotonic() - t0 < 0.05: pass`, then sets an event.

Real CPython: "worker: warmed up", "main: worker ready", exit 0, fork and spawn.

mpsim claim tested: a busy-wait on the clock with no operation inside must end (a simulator whose
clock does not advance while code runs spins forever inside one step).
"""
# family: time
import multiprocessing
import time


def worker(ready):
    t0 = time.monotonic()
    while time.monotonic() - t0 < 0.05:
        pass
    print("worker: warmed up", flush=True)
    ready.set()


if __name__ == "__main__":
    ready = multiprocessing.Event()
    p = multiprocessing.Process(target=worker, args=(ready,))
    p.start()
    ready.wait()
    print("main: worker ready")
    p.join()
