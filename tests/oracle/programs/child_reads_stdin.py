"""A worker asks for input() (a debugging leftover): a child's stdin is /dev/null.

What it does: the worker calls input("continue? ") inside try/except EOFError and prints what
happened; the parent joins it.

Real CPython: the child's stdin is redirected to os.devnull by multiprocessing: "worker: no
input (EOFError)", exit 0, fork and spawn (the prompt "continue? " is written to stdout too).

mpsim claim tested: a child process reading stdin gets end-of-file at once.
"""
# family: per-process interpreter state
# oracle: -n 40
import multiprocessing


def worker():
    try:
        answer = input("continue? ")
        print(f"worker: got {answer!r}", flush=True)
    except EOFError:
        print("worker: no input (EOFError)", flush=True)


if __name__ == "__main__":
    p = multiprocessing.Process(target=worker)
    p.start()
    p.join()
