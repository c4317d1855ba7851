"""Unsupported API: select.select() on a child's sentinel.

Plain python: select waits until the child has exited (its sentinel becomes readable); exit 0.
A good checker: "not modelled" naming select (exit 2) - a simulated sentinel handed to the real
select() would wait on some unrelated descriptor, or fail.

expect: exit 2 not-modelled select
"""
import multiprocessing
import select


def work(lock):
    with lock:
        print("child")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    ready, _, _ = select.select([p.sentinel], [], [], 30)  # expect-line
    assert ready == [p.sentinel]
    p.join()
