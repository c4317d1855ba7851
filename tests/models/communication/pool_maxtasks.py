"""Pool(maxtasksperchild=N): workers retire after N tasks and the parent's worker handler starts
replacements (pool.py in CPython: worker(), _maintain_pool, _handle_workers).

Usage: python pool_maxtasks.py CASE   (each case_* function below; its docstring says what happens)
The cases are dispatched by plain calls (not ``globals()[...]()``), so the main module's frame is
at a clean point while a case runs and the checker can merge its states.
"""
import multiprocessing
import os
import sys


def who(x):
    return os.getpid(), multiprocessing.current_process().name


def square(x):
    return x * x


def say(x):
    print("task", x)
    return x


def case_names():
    """maxtasksperchild=1: each worker runs one task and is replaced, so four tasks run in four
    different workers, named on from the parent's process counter (SpawnPoolWorker-3...)."""
    p = multiprocessing.Pool(2, maxtasksperchild=1)
    pending, results = [], []
    for i in range(4):  # loops, not comprehensions: a comprehension's frame is never merged
        pending.append(p.apply_async(who, (i,)))
    for r in pending:
        results.append(r.get())
    p.close()
    p.join()
    print("distinct pids", len({pid for pid, _ in results}), "names", len({n for _, n in results}))
    print("names", sorted(n for _, n in results))


def case_two_each():
    """maxtasksperchild=2 with one worker: the first runs two tasks, its replacement the next two."""
    with multiprocessing.Pool(1, maxtasksperchild=2) as p:
        print("names", [name for _, name in p.map(who, range(4), chunksize=1)])


def case_get():
    """The only worker retires after one task while the parent waits in get() for the second
    result: the replacement that runs it is started from inside that get()."""
    p = multiprocessing.Pool(1, maxtasksperchild=1)
    first = p.apply_async(square, (2,))
    second = p.apply_async(square, (3,))
    print("got", first.get(), second.get())
    p.terminate()


def case_close_join():
    """close() then join() with tasks still waiting: the replacements run them, join() returns
    once all are done."""
    p = multiprocessing.Pool(2, maxtasksperchild=1)
    results = []
    for i in range(4):
        results.append(p.apply_async(say, (i,)))
    p.close()
    p.join()
    print("all ready", all(r.ready() for r in results), [r.get() for r in results])


STAGE = "before"


def stage(_):
    return STAGE


def case_fork_memory():
    """Under fork a replacement is a copy of the parent's memory when the worker handler starts it:
    before or after the parent changed STAGE.  The assert (a model bug) fails on the runs where the
    replacement was forked before the change."""
    global STAGE
    with multiprocessing.get_context("fork").Pool(1, maxtasksperchild=1) as p:
        first = p.apply(stage, (0,))
        STAGE = "after"
        second = p.apply(stage, (1,))
        print("stages", first, second)
        assert second == "after", "the replacement was forked before STAGE changed"


def case_zero():
    """maxtasksperchild=0: ValueError."""
    multiprocessing.Pool(1, maxtasksperchild=0)


def case_negative():
    """maxtasksperchild=-1: ValueError."""
    multiprocessing.Pool(1, maxtasksperchild=-1)


def case_float():
    """maxtasksperchild=1.5: ValueError."""
    multiprocessing.Pool(1, maxtasksperchild=1.5)


def main(case):
    if case == "names":
        case_names()
    elif case == "two_each":
        case_two_each()
    elif case == "get":
        case_get()
    elif case == "close_join":
        case_close_join()
    elif case == "fork_memory":
        case_fork_memory()
    elif case == "zero":
        case_zero()
    elif case == "negative":
        case_negative()
    elif case == "float":
        case_float()
    else:
        sys.exit(f"usage: python pool_maxtasks.py CASE   (unknown case {case!r})")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) == 2 else "")
