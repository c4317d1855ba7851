"""Like spin_wait.py, but main sets the event before joining -> clean (every run ends)."""
import multiprocessing
import time


def spinner(e):
    while not e.is_set():
        time.sleep(0.1)


if __name__ == "__main__":
    e = multiprocessing.Event()
    p = multiprocessing.Process(target=spinner, args=(e,), name="spinner")
    p.start()
    e.set()
    p.join()
