"""Malformed input: bad arguments after `--` (an option the program does not know).

argparse prints "usage: ... error: unrecognized arguments: --frobnicate" to stderr and exits 2.
A good checker shows the usage message and does not claim a clean check: a usage/model error
(exit 2) or a finding (exit 1) that carries the word "usage".

args: 2 --frobnicate
expect: exit 2 model-error usage
expect: exit 1 finding usage
"""
import argparse
import multiprocessing


def work(lock, i):
    with lock:
        print("worker", i)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="m_argparse_bad_args")
    parser.add_argument("workers", type=int)
    args = parser.parse_args()
    lock = multiprocessing.Lock()
    procs = [multiprocessing.Process(target=work, args=(lock, i)) for i in range(min(args.workers, 3))]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
