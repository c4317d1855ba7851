"""Settings stored on the program's own module object via sys.modules[__name__].

What it does: `this = sys.modules[__name__]`; the main block sets `this.db_url`, and the worker
reads `this.db_url` to "connect".

Real CPython: fork - the child's module object still has db_url: prints "connecting to
sqlite:///shop.db", exit 0. spawn - in the child the module is __mp_main__ without db_url:
AttributeError: module '__mp_main__' has no attribute 'db_url' (exit 1).

mpsim claim tested: sys.modules[__name__] is the process's own module (named __mp_main__ in a
spawned child).
"""
# family: per-process interpreter state
import multiprocessing
import sys

this = sys.modules[__name__]


def worker():
    print(f"connecting to {this.db_url}")


if __name__ == "__main__":
    this.db_url = "sqlite:///shop.db"
    p = multiprocessing.Process(target=worker)
    p.start()
    p.join()
    print(f"worker exit code {p.exitcode}")
