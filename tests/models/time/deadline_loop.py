"""A worker loops until a deadline on time.time(), sleeping between ticks: it ends (4 ticks)."""
import multiprocessing as mp
import time

def worker(q):
    deadline = time.time() + 2
    n = 0
    while time.time() < deadline:
        n += 1
        time.sleep(0.5)
    q.put(n)

if __name__ == "__main__":
    q = mp.Queue()
    p = mp.Process(target=worker, args=(q,))
    p.start()
    print("ticks", q.get())
    p.join()
