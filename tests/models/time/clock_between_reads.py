"""Two reads of the clock with computation between them differ; a child's first read is later
than the timestamp its parent took before starting it; the clock crosses process lines in order."""
import multiprocessing as mp
import time


def child(t0, q):
    t1 = time.time()
    assert t1 > t0, (t0, t1)
    q.put(t1)


if __name__ == "__main__":
    a = time.perf_counter()
    b = time.perf_counter()
    assert b > a
    assert time.monotonic_ns() < time.monotonic_ns()
    q = mp.Queue()
    t0 = time.time()
    p = mp.Process(target=child, args=(t0, q))
    p.start()
    t1 = q.get()
    assert time.time() > t1 > t0
    p.join()
    print("ok")
