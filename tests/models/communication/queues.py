"""multiprocessing.Queue, JoinableQueue and SimpleQueue (docs/semantics.md §7-§9).

Usage: python queues.py CASE   (each case_* function below; its docstring says what happens)
"""
import multiprocessing
import queue
import sys


def put_items(q, *items):
    for item in items:
        q.put(item)


def case_get_timeout():
    """get(timeout=...) on an empty queue: _queue.Empty."""
    q = multiprocessing.Queue()
    q.get(timeout=0.1)


def case_get_nowait():
    """get_nowait() on an empty queue: _queue.Empty."""
    multiprocessing.Queue().get_nowait()


def case_get_false():
    """get(False) on an empty queue: _queue.Empty."""
    multiprocessing.Queue().get(False)


def case_put_nowait_full():
    """Queue(1): the second put_nowait raises queue.Full."""
    q = multiprocessing.Queue(1)
    q.put_nowait(1)
    print("full", q.full(), "qsize", q.qsize())
    q.put_nowait(2)


def case_put_timeout_full():
    """Queue(1): put(timeout=...) on a full queue raises queue.Full."""
    q = multiprocessing.Queue(1)
    q.put(1)
    q.put(2, timeout=0.2)


def case_put_block_full():
    """Queue(1): a second blocking put() waits for ever (a deadlock) - nobody gets."""
    q = multiprocessing.Queue(1)
    q.put(1)
    q.put(2)


def case_put_get():
    """A child puts, the parent gets with block and timeout; full()/qsize() on the way."""
    q = multiprocessing.Queue(2)
    p = multiprocessing.Process(target=put_items, args=(q, "a", "b"))
    p.start()
    print("got", q.get(True), q.get(timeout=5))
    print("after gets: qsize", q.qsize(), "full", q.full())
    p.join()


def case_empty_after_put():
    """empty() right after put() is True or False, depending on the feeder thread."""
    q = multiprocessing.Queue()
    q.put(1)
    print("empty", q.empty(), "qsize", q.qsize())
    print("got", q.get())


def case_closed_put():
    """put() after close(): ValueError: Queue <... at 0x...> is closed."""
    q = multiprocessing.Queue()
    q.close()
    q.put(1)


def case_closed_get():
    """get() after close(): the same ValueError."""
    q = multiprocessing.Queue()
    q.put(1)
    q.close()
    q.get()


def case_closed_empty():
    """empty() after close(): True, or OSError: handle is closed once the feeder has closed the
    pipe ends."""
    q = multiprocessing.Queue()
    q.put(1)
    q.close()
    print("empty after close", q.empty())


def case_join_thread_open():
    """join_thread() before close(): AssertionError: Queue <... at 0x...> not closed."""
    q = multiprocessing.Queue()
    q.join_thread()


def case_join_thread_closed():
    """close(); join_thread() waits for the feeder to write everything, then get() finds it."""
    q = multiprocessing.Queue()
    q.put("item")
    q.close()
    q.join_thread()
    print("joined")
    print("empty", q.empty())


def big_put(q, size, cancel):
    q.put(b"x" * size)
    if cancel:
        q.cancel_join_thread()


def join_then_get(size, cancel=False):
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=big_put, args=(q, size, cancel))
    p.start()
    p.join()
    print("joined, exit code", p.exitcode)
    if not cancel:
        print("got", len(q.get()), "bytes")


def case_threshold_fits():
    """put(b"x" * 65514) pickles to 65,532 bytes: with the header it fits the pipe, the child
    exits and the parent's join() returns."""
    join_then_get(65514)


def case_threshold_blocks():
    """put(b"x" * 65515) pickles to 65,533 bytes: the child cannot exit until someone reads, and
    the parent joins first: deadlock."""
    join_then_get(65515)


def case_cancel_join_thread():
    """cancel_join_thread(): the child exits with its big item unwritten; join() returns."""
    join_then_get(100000, cancel=True)


def case_one_producer_order():
    """Items from one producer arrive in the order they were put."""
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=put_items, args=(q, 1, 2, 3))
    p.start()
    print("order", [q.get() for _ in range(3)])
    p.join()


def case_two_producers():
    """Items of two producers interleave: either may come first."""
    q = multiprocessing.Queue()
    ps = [multiprocessing.Process(target=put_items, args=(q, name)) for name in "ab"]
    for p in ps:
        p.start()
    print("order", q.get(), q.get())
    for p in ps:
        p.join()


def case_unpicklable():
    """put(lambda) returns; the feeder prints the pickling error and drops the item."""
    q = multiprocessing.Queue()
    q.put(lambda: 0)
    print("put returned")
    try:
        q.get(timeout=0.5)
    except queue.Empty:
        print("get timed out: Empty")


def case_task_done_too_many():
    """task_done() with nothing unfinished: ValueError: task_done() called too many times."""
    q = multiprocessing.JoinableQueue()
    q.put(1)
    q.get()
    q.task_done()
    print("one task done")
    q.task_done()


def worker_done(q):
    while True:
        item = q.get()
        print("handled", item)
        q.task_done()


def case_joinable_join():
    """join() returns once every item put has been marked done."""
    q = multiprocessing.JoinableQueue()
    p = multiprocessing.Process(target=worker_done, args=(q,), daemon=True)
    p.start()
    q.put(1)
    q.put(2)
    q.join()
    print("all done")


def case_joinable_join_nothing():
    """join() with nothing put returns at once."""
    q = multiprocessing.JoinableQueue()
    q.join()
    print("joined at once")


def case_simple_put_get():
    """SimpleQueue: put in a child, get in the parent, empty()."""
    q = multiprocessing.SimpleQueue()
    print("empty", q.empty())
    p = multiprocessing.Process(target=put_items, args=(q, "hello"))
    p.start()
    print("got", q.get())
    p.join()
    print("empty", q.empty())


def simple_big_put(q):
    q.put(b"x" * 70000)
    print("put done")


def case_simple_put_blocks():
    """SimpleQueue.put writes synchronously: a put bigger than the pipe blocks in put() until the
    parent reads - and the parent joins first: deadlock (the child is in put(), not at exit)."""
    q = multiprocessing.SimpleQueue()
    p = multiprocessing.Process(target=simple_big_put, args=(q,))
    p.start()
    p.join()
    q.get()


def case_simple_put_fits():
    """The same with the parent reading first: clean."""
    q = multiprocessing.SimpleQueue()
    p = multiprocessing.Process(target=simple_big_put, args=(q,))
    p.start()
    print("got", len(q.get()), "bytes")
    p.join()


def put_and_close(q):
    q.put("hi")
    q.close()


def case_simple_close_in_child():
    """A child's close() closes only its own ends: the parent still gets and polls."""
    q = multiprocessing.SimpleQueue()
    p = multiprocessing.Process(target=put_and_close, args=(q,))
    p.start()
    print("got", q.get())
    p.join()
    print("empty", q.empty())


def case_simple_get_nowait():
    """SimpleQueue has no get_nowait: AttributeError."""
    multiprocessing.SimpleQueue().get_nowait()


def case_simple_qsize():
    """SimpleQueue has no qsize: AttributeError."""
    multiprocessing.SimpleQueue().qsize()


def case_simple_closed_put():
    """SimpleQueue put() after close(): OSError: handle is closed."""
    q = multiprocessing.SimpleQueue()
    q.close()
    q.put(1)


def case_simple_closed_get():
    """SimpleQueue get() after close(): OSError: handle is closed."""
    q = multiprocessing.SimpleQueue()
    q.put(1)
    q.close()
    q.get()


if __name__ == "__main__":
    if len(sys.argv) != 2 or "case_" + sys.argv[1] not in globals():
        sys.exit(f"usage: python queues.py CASE   (unknown case {sys.argv[1:]})")
    globals()["case_" + sys.argv[1]]()
