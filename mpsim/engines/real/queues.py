"""Queue, JoinableQueue and SimpleQueue: CPython's objects, stepped; feeder threads as real threads.

Each queue is CPython's own object of the right context - a one-way pipe, a read lock, a write
lock and a bounded semaphore of free slots (JoinableQueue: a semaphore of unfinished tasks and a
condition) - driven by the simulator's steps instead of CPython's methods:

* ``put`` takes a slot and hands the item to this process's feeder thread for the queue: pickled,
  or ``LATER`` for one the program could still change (then ``put`` takes a second step, as the
  simulator's does);
* the feeder thread is a real thread with its own control connection: each of its moves (write
  an item, or the part that fits - a ``LATER`` item pickled first, from the process's memory as
  it is now; write more; drop an item that could not be pickled; close the pipe ends once the
  queue is closed) is a turn of its own, taken when the simulator takes it - also while its
  process is blocked in ``join()`` or waits for it at exit;
* ``get`` takes the read lock and reads one message (holding the lock across steps while a big
  message arrives in parts), then frees a slot; ``SimpleQueue.put`` writes under the write lock.

``JoinableQueue.join`` is CPython's ``Condition.wait`` cut where the simulator cuts it (sleep |
woken); ``task_done`` wakes the sleepers without CPython's notify rendezvous, which would need the
sleepers' steps inside the notifier's (``sync.wake_all``).  A manager's queue is the server's
``queue.Queue`` through its real proxy, one remote call a step (its ``join()`` is not covered).
"""
from __future__ import annotations

import queue as stdqueue
import threading
from collections import deque

from . import sync, wire
from .cpython import real, real_getpid, real_thread_start
from .outcome import Next, steps
from .pipes import Writing, read_step, write_step, write_turn
from ...facade.queues import feed
from ...primitives.queue import LATER


def make_queue(engine, state, method=None, **cpython):
    if state.kind == "queue.Queue":
        from .managed import server_object
        return server_object(engine, "Queue", (state.maxsize,))
    queues = real("queues")
    ctx = sync.context(method)
    if state.kind == "SimpleQueue":
        return queues.SimpleQueue(ctx=ctx)
    return getattr(queues, state.kind)(state.maxsize, ctx=ctx)


def semaphores(obj) -> list:
    """The named semaphores that go when the queue goes."""
    parts = [obj._rlock, obj._wlock] + ([obj._sem] if hasattr(obj, "_sem") else [])
    if hasattr(obj, "_unfinished_tasks"):
        parts += [obj._unfinished_tasks, obj._cond._lock, *sync.semaphores(obj._cond)]
    return parts


def _proxy(q) -> bool:
    return not hasattr(q, "_reader")


class Local:
    """This process's own part of a queue: its feeder, whether it cancelled joining it."""

    def __init__(self):
        self.feeder = None
        self.cancelled = False


def _local(engine, oid) -> Local:
    return engine.local.setdefault(("queue", oid), Local())


class Feeder:
    """This process's feeder thread for one queue, and what it has been given."""

    def __init__(self, engine, oid, q):
        self.queue = q
        self.oid = oid
        self.cond = threading.Condition(threading.Lock())
        self.buffer = deque()
        self.closing = False
        self.ended = False
        self.writing = None
        self.thread = threading.Thread(target=self._run, args=(engine, oid), daemon=True,
                                       name="QueueFeederThread")
        real_thread_start(self.thread)

    def give(self, item, joinable):
        q = self.queue
        with self.cond:
            if joinable:
                with q._cond:
                    self.buffer.append(item)
                    q._unfinished_tasks.release()
            else:
                self.buffer.append(item)
            self.cond.notify()

    def close(self):
        with self.cond:
            self.closing = True
            self.cond.notify()

    def pending(self) -> bool:
        return not self.ended

    def _run(self, engine, oid):
        control = wire.Control(engine.config, wire.feeder_key(engine.ident, oid), real_getpid(),
                               engine.stop_from_thread)
        try:
            while not self.ended:
                with self.cond:
                    while not (self.buffer or self.closing or self.writing):
                        self.cond.wait()
                control.turn(("at", oid, "feed", None, ("", 0)))
                what = self._move(control)
                control.reply(("cont", "feed", what))
        finally:
            control.close()

    def _move(self, control) -> str:
        """One move of the feeder, as ``primitives.queue.feeder_moves`` has it: what it did."""
        q = self.queue
        first = self.writing is None
        if first:
            with self.cond:
                item = self.buffer.popleft() if self.buffer else None
                if item == LATER:  # pickled now, then written (or dropped) in this move
                    item = feed(self.oid)
            if item is None:  # closed, and everything written: CPython's sentinel
                q._reader.close()
                q._writer.close()
                self.ended = True
                return "closes"
            if isinstance(item, tuple):  # ("error", traceback): the item could not be pickled
                q._sem.release()
                control.out.append(("stderr", item[1]))
                return "drops"
            q._wlock.acquire()
            self.writing = Writing(item)
        if not write_turn(q._writer.fileno(), self.writing):
            return "part" if first else "more"
        self.writing = None
        q._wlock.release()
        return "writes" if first else "finishes"


# -- the operations ---------------------------------------------------------------------------------

def put(engine, oid, args, carry):
    q = engine.objects[oid]
    if _proxy(q):
        item, block, timeout = args
        return q.put(engine.loads(item), block, timeout)
    if not hasattr(q, "_sem"):  # SimpleQueue: written at once, under the write lock
        if carry is None:
            q._wlock.acquire()
        return _holding(q._wlock, lambda: write_step(q._writer.fileno(), args[0], carry, "writing"))
    item, block, timeout = args
    if not q._sem.acquire(block, timeout):
        raise stdqueue.Full
    local = _local(engine, oid)
    if local.feeder is None:
        local.feeder = Feeder(engine, oid, q)
    local.feeder.give(item, hasattr(q, "_unfinished_tasks"))
    if item == LATER:
        return Next("handed", None)


def handed(engine, oid, args, carry):
    """The second step of a ``put`` whose item the feeder pickles: it returns."""


def get(engine, oid, args, carry):
    q = engine.objects[oid]
    block, timeout = args
    if _proxy(q):
        return engine.dumps(q.get(block, timeout))
    simple = not hasattr(q, "_sem")
    if carry is None:
        if simple or (block and timeout is None):
            q._rlock.acquire()
        else:
            if not q._rlock.acquire(block, timeout):
                raise stdqueue.Empty
            if not (q._reader.poll(timeout) if block else q._reader.poll()):
                q._rlock.release()
                raise stdqueue.Empty
    got = _holding(q._rlock, lambda: read_step(q._reader.fileno(), carry, "reading"))
    if not isinstance(got, Next) and not simple:
        q._sem.release()
    return got


def _holding(lock, do):
    """Run ``do()`` holding ``lock``: released when the operation completes or fails, kept while
    its message is still in progress (a ``Next``)."""
    try:
        result = do()
    except BaseException:
        lock.release()
        raise
    if not isinstance(result, Next):
        lock.release()
    return result


def qsize(engine, oid, args, carry):
    q = engine.objects[oid]
    return q.qsize() if _proxy(q) else q._maxsize - q._sem._semlock._get_value()


def empty(engine, oid, args, carry):
    q = engine.objects[oid]
    return q.empty() if _proxy(q) else not q._reader.poll()


def full(engine, oid, args, carry):
    q = engine.objects[oid]
    return q.full() if _proxy(q) else bool(q._sem._semlock._is_zero())


def close(engine, oid, args, carry):
    q = engine.objects[oid]
    if _proxy(q):  # the server's queue.Queue: no pipe, no feeder
        return
    if not hasattr(q, "_sem"):
        q.close()
        return
    feeder = _local(engine, oid).feeder
    if feeder is not None:
        feeder.close()


def join_thread(engine, oid, args, carry):
    local = _local(engine, oid)
    if local.feeder is not None and not local.cancelled:
        local.feeder.thread.join()


def cancel_join_thread(engine, oid, args, carry):
    _local(engine, oid).cancelled = True


def task_done(engine, oid, args, carry):
    q = engine.objects[oid]
    if _proxy(q):
        return q.task_done()
    with q._cond:
        if not q._unfinished_tasks.acquire(False):
            raise ValueError("task_done() called too many times")
        if q._unfinished_tasks._semlock._is_zero():
            sync.wake_all(q._cond)


def join(engine, oid, args, carry):
    q = engine.objects[oid]
    if _proxy(q):
        engine.not_covered("a managed queue's join()", "one remote call the simulator takes in steps")
    q._cond.acquire()
    if q._unfinished_tasks._semlock._is_zero():
        q._cond.release()
        return None
    sync.release_and_sleep(q._cond)
    return Next("sleep", None)


def join_woken(engine, oid, args, carry):
    cond = engine.objects[oid]._cond
    sync.sleep(cond, None)
    sync.reacquire(cond, 1)
    cond.release()


ACTIONS = steps("queue", put=(put, put, handed), get=(get, get), qsize=qsize, empty=empty, full=full,
                close=close, join_thread=join_thread, cancel_join_thread=cancel_join_thread,
                task_done=task_done, join=(join, join_woken))
