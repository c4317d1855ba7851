"""multiprocessing.Pool and its AsyncResult (docs/semantics.md §14).

Usage: python pools.py CASE   (each case_* function below; its docstring says what happens)
"""
import multiprocessing
import sys


def square(x):
    return x * x


def add(a, b):
    return a + b


def bad(x):
    raise ValueError(f"bad {x}")


def bad_if_odd(x):
    if x % 2:
        raise ValueError(f"bad {x}")
    return x


def say(x):
    print("task", x)
    return x


def case_apply():
    """apply() returns the result; a failing task's error is raised again in the caller."""
    with multiprocessing.Pool(1) as p:
        print("apply", p.apply(square, (3,)), p.apply(add, (1,), {"b": 2}))
        p.apply(bad, (1,))


def case_callbacks():
    """apply_async with callback and error_callback: each runs in the parent with the result."""
    p = multiprocessing.Pool(2)
    ok = p.apply_async(square, (4,), callback=lambda r: print("callback", r))
    err = p.apply_async(bad, (2,), error_callback=lambda e: print("error_callback", repr(e)))
    p.close()
    p.join()
    print("ready", ok.ready(), err.ready(), "successful", ok.successful(), err.successful())
    print("get", ok.get())
    err.get()


def case_callbacks_done_at_join():
    """Every callback has run when join() returns (CPython joins the result handler thread)."""
    results = []
    p = multiprocessing.Pool(2)
    for i in range(3):
        p.apply_async(square, (i,), callback=results.append)
    p.close()
    p.join()
    print("results", sorted(results))


def case_map():
    """map keeps the order of its input; so does imap; starmap unpacks argument tuples."""
    with multiprocessing.Pool(2) as p:
        print("map", p.map(square, [1, 2, 3]))
        print("imap", list(p.imap(square, [4, 5])))
        print("starmap", p.starmap(add, [(1, 2), (3, 4)]))
        print("map_async", p.map_async(square, [6]).get(), p.starmap_async(add, [(5, 5)]).get())
        print("empty map", p.map(square, []))


def case_imap_unordered():
    """imap_unordered yields results as they arrive: both orders are possible."""
    with multiprocessing.Pool(2) as p:
        print("imap_unordered", list(p.imap_unordered(square, [1, 2])))


def case_map_two_errors():
    """map over items where two fail: the error raised is either one."""
    with multiprocessing.Pool(2) as p:
        p.map(bad_if_odd, [1, 2, 3], chunksize=1)


def case_map_error_waits():
    """map over items where one fails: map() raises only once every task has run (CPython 3.8+),
    so the tasks after the failing one printed before the error reaches the caller."""
    with multiprocessing.Pool(2) as p:
        try:
            p.map(say_or_fail, [1, 2, 3], chunksize=1)
        except ValueError as exc:
            print("map failed:", exc)


def say_or_fail(x):
    print("task", x, flush=True)
    if x == 1:
        raise ValueError(f"bad {x}")
    return x


def case_imap_error():
    """imap raises a task's error when its result is reached."""
    with multiprocessing.Pool(1) as p:
        for x in p.imap(bad_if_odd, [0, 1, 2]):
            print("imap got", x)


def case_imap_next():
    """next() on imap goes on after a failed item (chunksize 1); empty and chunked imap."""
    with multiprocessing.Pool(1) as p:
        it = p.imap(bad_if_odd, [0, 1, 2])
        print("first", next(it))
        try:
            next(it)
        except ValueError as e:
            print("caught", e)
        print("then", next(it), next(it, "end"))
        print("empty", list(p.imap(square, [])), list(p.imap_unordered(square, [])))
        print("chunked", list(p.imap(square, [1, 2, 3], chunksize=2)))


def case_imap_timeout():
    """imap's next(timeout) before the result arrives: multiprocessing.context.TimeoutError."""
    with multiprocessing.Pool(1) as p:
        print("next", p.imap(square, [2]).next(timeout=1))


def case_close_join():
    """close(); join() waits for every task submitted before close()."""
    p = multiprocessing.Pool(2)
    results = [p.apply_async(say, (i,)) for i in range(3)]
    p.close()
    p.join()
    print("all ready", all(r.ready() for r in results), [r.get() for r in results])


def case_join_running():
    """join() before close(): ValueError: Pool is still running."""
    p = multiprocessing.Pool(1)
    p.join()


def case_apply_after_close():
    """apply_async after close(): ValueError: Pool not running."""
    p = multiprocessing.Pool(1)
    p.close()
    p.apply_async(square, (1,))


def case_map_after_terminate():
    """map after terminate(): ValueError: Pool not running."""
    p = multiprocessing.Pool(1)
    p.terminate()
    p.map(square, [1])


def case_apply_after_with():
    """The with block terminates the pool: apply after it raises ValueError: Pool not running."""
    with multiprocessing.Pool(1) as p:
        print("inside", p.apply(square, (2,)))
    p.apply(square, (3,))


def case_with_terminates():
    """Leaving the with block terminates the workers: a task not yet run never runs."""
    with multiprocessing.Pool(1) as p:
        p.apply_async(say, ("maybe",))
    print("after with")


def case_terminate():
    """terminate() stops the workers at once; join() then returns."""
    p = multiprocessing.Pool(1)
    p.apply_async(say, ("maybe",))
    p.terminate()
    p.join()
    print("terminated")


def case_zero_processes():
    """Pool(0): ValueError: Number of processes must be at least 1."""
    multiprocessing.Pool(0)


def case_get_timeout():
    """get(timeout) before the result arrives: multiprocessing.context.TimeoutError."""
    with multiprocessing.Pool(1) as p:
        r = p.apply_async(square, (5,))
        print("got", r.get(timeout=1))


def case_wait_ready():
    """wait(timeout) returns None either way; ready() says whether the result arrived."""
    with multiprocessing.Pool(1) as p:
        r = p.apply_async(square, (6,))
        print("wait", r.wait(0.5), "ready", r.ready())
        r.wait()
        print("ready", r.ready(), r.successful(), r.get())


def case_successful_not_ready():
    """successful() before the result arrived: ValueError: <...ApplyResult object at 0x...> not
    ready (or, on other schedules, True)."""
    with multiprocessing.Pool(1) as p:
        r = p.apply_async(square, (7,))
        print("successful", r.successful())


def case_pickle_pool():
    """A Pool cannot be sent to a task: NotImplementedError."""
    with multiprocessing.Pool(1) as p:
        p.apply(square, (p,))


def case_unpicklable_task():
    """A task that cannot be pickled fails in the parent: error_callback runs, get() raises."""
    with multiprocessing.Pool(1) as p:
        r = p.apply_async(square, (lambda: 0,),
                          error_callback=lambda e: print("error_callback", type(e).__name__))
        r.wait()
        print("ready", r.ready(), "successful", r.successful())
        r.get()


def nested_pool(x):
    with multiprocessing.Pool(1) as inner:
        return inner.apply(square, (x,))


def case_pool_in_worker():
    """A Pool created inside a (daemonic) pool worker: AssertionError: daemonic processes are
    not allowed to have children, raised again by apply() in the parent."""
    with multiprocessing.Pool(1) as p:
        p.apply(nested_pool, (2,))


def hello(prefix):
    print(prefix, "from", multiprocessing.current_process().name)


def case_initializer():
    """initializer(*initargs) runs once in each worker before its tasks."""
    with multiprocessing.Pool(1, initializer=hello, initargs=("init",)) as p:
        p.apply(hello, ("task",))


if __name__ == "__main__":
    if len(sys.argv) != 2 or "case_" + sys.argv[1] not in globals():
        sys.exit(f"usage: python pools.py CASE   (unknown case {sys.argv[1:]})")
    globals()["case_" + sys.argv[1]]()
