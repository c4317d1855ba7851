"""q.get(timeout=10) while the child puts an item at once: it gets the item; Empty only if
the child is held up for 10 s (a timing-dependent finding)."""
import multiprocessing as mp
import queue

def worker(q):
    q.put("hello")

if __name__ == "__main__":
    q = mp.Queue()
    p = mp.Process(target=worker, args=(q,))
    p.start()
    try:
        print("got", q.get(timeout=10))
    except queue.Empty:
        print("nothing came")
        raise
    p.join()
