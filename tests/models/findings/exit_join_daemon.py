"""Like exit_join.py, but the child is a daemon: main's exit terminates it -> clean."""
import multiprocessing


def waiter(e):
    e.wait()


if __name__ == "__main__":
    e = multiprocessing.Event()
    p = multiprocessing.Process(target=waiter, args=(e,), name="waiter", daemon=True)
    p.start()
