"""A child naps for half a second; main waits for its word (one second at most) and says how long
everything took, on the clock the program reads.

Replayed on real processes, a process reads the simulator's clock (handed with each turn), so the
times printed are the simulated ones at any time scale; the scale says how long the nap and the
timeout really take.  On the one clock every run prints "napper slept 0.5" and "main waited 0.5";
the untimed search finds the get timing out first (queue.Empty in MainProcess, timing-dependent).
"""
import multiprocessing
import time


def nap(q):
    t0 = time.monotonic()
    time.sleep(0.5)
    q.put(round(time.monotonic() - t0, 1))


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=nap, args=(q,), name="napper")
    t0 = time.time()
    p.start()
    print("napper slept", q.get(timeout=1.0))
    p.join()
    print("main waited", round(time.time() - t0, 1))
