"""A child's clock is never behind the timestamp its parent took before starting it."""
import multiprocessing as mp
import time

def child(t0):
    now = time.time()
    assert now >= t0, f"child clock {now} is behind the parent's {t0}"
    print("child ok")

if __name__ == "__main__":
    t0 = time.time()
    p = mp.Process(target=child, args=(t0,))
    p.start()
    p.join()
