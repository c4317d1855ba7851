"""Control flow that swallows: a `finally:` that loops for ever only if the `try` did not finish.

    done = False
    try:
        item = q.get(); done = True
    finally:
        while not done:
            pass

Plain python: q.get() always returns (main puts an item), `done` is True, nothing loops; exit 0.
A good checker: clean (exit 0).  If the checker abandons the child by throwing something into it
while it waits in q.get(), this finally loops for ever: the checker must not hang on that.

expect: exit 0 clean
"""
import multiprocessing


def worker(q, lock):
    done = False
    try:
        item = q.get()
        with lock:
            print("got", item)
        done = True
    finally:
        while not done:
            pass


if __name__ == "__main__":
    q, lock = multiprocessing.Queue(), multiprocessing.Lock()
    p = multiprocessing.Process(target=worker, args=(q, lock), name="worker")
    p.start()
    with lock:
        q.put("item")
    p.join()
    assert p.exitcode == 0
