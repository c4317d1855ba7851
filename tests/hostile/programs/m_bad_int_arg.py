"""Malformed input: an argument after `--` that the program cannot convert (int("many")).

Plain python dies at start-up with "ValueError: invalid literal for int() with base 10: 'many'".
A good checker reports it in the user's terms: an exception finding (ValueError) in the main
process, or a usage/model error quoting it.

args: many
expect: exit 1 exception ValueError
expect: exit 2 model-error ValueError
"""
import multiprocessing
import sys


def work(lock):
    with lock:
        pass


if __name__ == "__main__":
    n = int(sys.argv[1])
    lock = multiprocessing.Lock()
    procs = [multiprocessing.Process(target=work, args=(lock,)) for _ in range(min(n, 3))]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
