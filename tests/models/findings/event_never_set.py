"""Main joins a child that waits on an Event nobody sets -> deadlock (main in join)."""
import multiprocessing


def waiter(e):
    e.wait()


if __name__ == "__main__":
    e = multiprocessing.Event()
    p = multiprocessing.Process(target=waiter, args=(e,), name="waiter")
    p.start()
    p.join()
