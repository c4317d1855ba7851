"""A child writes v, then tells main by EVENT, QUEUE, PIPE, BARRIER or LOCK (argv[1]); main reads v
after it hears: ordered, no race.  With "none", main reads it without waiting: a race."""
import multiprocessing as mp
import sys


def child(v, how, event, queue, conn, barrier, lock):
    if how == "lock":
        lock.acquire()
    v.value = 7
    if how == "event":
        event.set()
    elif how == "queue":
        queue.put("done")
    elif how == "pipe":
        conn.send("done")
    elif how == "barrier":
        barrier.wait()
    elif how == "lock":
        lock.release()


if __name__ == "__main__":
    how = sys.argv[1]
    v = mp.RawValue("i", 0)
    event, queue, barrier, lock = mp.Event(), mp.Queue(), mp.Barrier(2), mp.Lock()
    here, there = mp.Pipe()
    if how == "lock":
        lock.acquire()
    p = mp.Process(target=child, args=(v, how, event, queue, there, barrier, lock))
    p.start()
    if how == "event":
        event.wait()
    elif how == "queue":
        queue.get()
    elif how == "pipe":
        here.recv()
    elif how == "barrier":
        barrier.wait()
    elif how == "lock":
        lock.release()
        while True:  # wait until the child has had the lock and given it back
            lock.acquire()
            seen = v.value
            lock.release()
            if seen:
                break
    print("v =", v.value)
    p.join()
