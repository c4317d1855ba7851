"""Malformed input: a required argument is missing (run without arguments).

argparse prints "usage: ... error: the following arguments are required: workers" to stderr and
exits with status 2.  A good checker shows the program's usage message and does not claim a clean
check: a usage/model error (exit 2) or a finding (exit 1) that carries the word "usage".

expect: exit 2 model-error usage
expect: exit 1 finding usage
"""
import argparse
import multiprocessing


def work(lock, i):
    with lock:
        print("worker", i)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="m_argparse_missing_arg")
    parser.add_argument("workers", type=int)
    args = parser.parse_args()
    lock = multiprocessing.Lock()
    procs = [multiprocessing.Process(target=work, args=(lock, i)) for i in range(min(args.workers, 3))]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
