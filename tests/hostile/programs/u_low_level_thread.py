"""Unsupported API: a raw thread from the low-level _thread module, which touches a
multiprocessing lock.

Plain python: the thread takes the lock and signals a _thread lock; main waits for it; exit 0.
A good checker: "not modelled" naming _thread (exit 2) - a real thread started inside the checker
would run model code outside any simulated process.

expect: exit 2 not-modelled _thread
"""
import _thread  # expect-line
import multiprocessing


def in_thread(lock, done):
    with lock:
        print("raw thread")
    done.release()


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    done = _thread.allocate_lock()  # expect-line
    done.acquire()
    _thread.start_new_thread(in_thread, (lock, done))  # expect-line
    done.acquire()
