"""What a child's stdin is: the parent's stdin is replaced by /dev/null in every child.

    echo hello | python docs/probes/child_stdin.py [fork|spawn|forkserver]

The child reads sys.stdin.read() and then calls input(); the parent reads its own stdin after
the child has finished.
"""
import sys

import multiprocessing as mp


def child():
    print(f"child: sys.stdin.name={sys.stdin.name!r} read() -> {sys.stdin.read()!r}", flush=True)
    try:
        input()
    except EOFError as e:
        print(f"child: input() raised EOFError: {e}", flush=True)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        mp.set_start_method(sys.argv[1])
    p = mp.Process(target=child)
    p.start()
    p.join()
    print(f"parent: read() -> {sys.stdin.read()!r}", flush=True)
