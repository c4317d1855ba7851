"""No explicit join: main reaches the end, and the exit-time join of its non-daemon child waits
forever, because the child waits on an Event nobody sets -> deadlock (main at exit)."""
import multiprocessing


def waiter(e):
    e.wait()


if __name__ == "__main__":
    e = multiprocessing.Event()
    p = multiprocessing.Process(target=waiter, args=(e,), name="waiter")
    p.start()
