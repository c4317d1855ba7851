"""A child loops forever (while True toggling an Event) and main joins it -> nontermination."""
import multiprocessing


def spinner(e):
    while True:
        e.set()
        e.clear()


if __name__ == "__main__":
    e = multiprocessing.Event()
    p = multiprocessing.Process(target=spinner, args=(e,), name="spinner")
    p.start()
    p.join()
