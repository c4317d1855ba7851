"""A child spins on `while not e.is_set(): time.sleep(0.1)` and nobody sets e -> nontermination."""
import multiprocessing
import time


def spinner(e):
    while not e.is_set():
        time.sleep(0.1)


if __name__ == "__main__":
    e = multiprocessing.Event()
    p = multiprocessing.Process(target=spinner, args=(e,), name="spinner")
    p.start()
    p.join()
