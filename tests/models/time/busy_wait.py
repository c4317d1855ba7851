"""A busy wait on the clock with no operation in it: it ends (and so does mpsim)."""
import multiprocessing as mp
import time

def spin():
    t0 = time.monotonic()
    while time.monotonic() - t0 < 0.05:
        pass
    print("spun")

if __name__ == "__main__":
    p = mp.Process(target=spin)
    p.start()
    p.join()
