"""Interpreter abuse: the main process closes sys.stdout (and prints nothing afterwards).

Plain python exits 0.  A good checker: clean (exit 0), and its JSON report still reaches its own
stdout - the model's sys.stdout is not the checker's.

expect: exit 0 clean
"""
import multiprocessing
import sys


def work(lock):
    with lock:
        pass  # no print: under fork this child inherits the closed sys.stdout


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    print("before closing")
    sys.stdout.close()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    p.join()
