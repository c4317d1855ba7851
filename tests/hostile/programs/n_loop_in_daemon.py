"""Never reaching an operation: a daemon child spins for ever (`while True: pass`); main does not
wait for it.

Plain python: main finishes, CPython terminates the daemon at exit; exit 0.  A good checker:
clean (exit 0), or, since the daemon's loop never reaches an operation, a search cut short by
--time-limit (exit 3) within a second of the limit - never a hang past it.

expect: exit 0 clean
expect: exit 3 budget
"""
import multiprocessing


def spin():
    while True:
        pass


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=spin, name="spinner", daemon=True)
    p.start()
    with lock:
        print("main done")
