"""Simulated multiprocessing.queues: Queue, JoinableQueue, SimpleQueue.

Items are pickled by the putting process as multiprocessing's ForkingPickler does (so message
sizes, and so pipe capacity, match CPython) - by the feeder thread, when it gets to them, for an
item the program could still change: ``put`` keeps it in this process's feeder buffer
(``ProcessMemory.feeding``) and ``feed`` pickles it when the world moves the feeder
(``primitives/queue.py``).  An item that cannot be pickled is not refused by ``put`` - as in
CPython, the feeder thread prints the error and drops it.  Each process's copy of a queue has its
own ``closed`` flag, as each real process has its own Queue object.
"""
from __future__ import annotations

import traceback


from ..primitives import queue as q
from . import util
from ._engine import engine
from .base import Handle, perform
from .process import MEMORY


class Queue(Handle):
    _kind = "Queue"
    _named_semaphores = True

    def __init__(self, maxsize=0, *, ctx=None):
        self._bind(q.new(self._kind, maxsize), ctx)
        self._reset()
        util.register_after_fork(self, Queue._after_fork)

    def _reset(self):
        """What CPython's ``Queue._reset`` clears: this process's copy has no feeder yet."""
        self._closed = False
        self._close = None  # the finalizer that closes this process's feeder
        self._jointhread = None  # the finalizer that waits for it at exit
        self._joincancelled = False

    def _after_fork(self):
        self._reset()
        MEMORY.feeding.pop(self._mpsim_oid, None)  # the parent's feeder thread is not copied

    def _restore(self, extra):
        self._reset()

    def _mpsim_local(self):
        return self._closed

    def _start_thread(self):
        """The first put in this process starts its feeder: CPython registers the finalizers that
        close the feeder (exit priority 10) and wait for it (-5) - at exit, or as soon as this
        Queue object is collected (they hold the queue's buffer and thread, not the queue)."""
        if not self._joincancelled:
            self._jointhread = util.Finalize(self, Queue._finalize_join, [self._mpsim_oid],
                                             exitpriority=-5)
        self._close = util.Finalize(self, Queue._finalize_close, [self._mpsim_oid],
                                    exitpriority=10)

    @staticmethod
    def _finalize_join(oid):
        perform(oid, "join_thread", (), "{}.join_thread()  [finalizer]")

    @staticmethod
    def _finalize_close(oid):
        perform(oid, "close", (), "{}.close()  [finalizer]")

    def __repr__(self):
        return f"<multiprocessing.queues.{self._kind} object at 0x7f00{self._mpsim_oid[1]:08x}>"

    def _check_closed(self):
        if self._closed:
            raise ValueError(f"Queue {self!r} is closed")

    def put(self, obj, block=True, timeout=None):
        self._put(obj, block, timeout, _unchanging(obj))

    def _put(self, obj, block, timeout, now):
        """``put``; ``now``: pickle ``obj`` here rather than when the feeder gets to it (also
        for the facade's own items, which nothing changes after their put)."""
        self._check_closed()
        if now:
            item = _pickle(obj)
        else:  # the feeder pickles it when it gets to it (``feed``)
            item = q.LATER
            MEMORY.feeding.setdefault(self._mpsim_oid, []).append(obj)
        shown = "put(...)" if block and timeout is None else f"put(..., {'timeout=' + repr(timeout) if block else 'False'})"
        try:
            self._op("put", (item, bool(block), timeout if block else None), shown)
        except BaseException:
            if item == q.LATER:  # it never reached the buffer (queue.Full)
                MEMORY.feeding[self._mpsim_oid].pop()
            raise
        if self._close is None:
            self._start_thread()

    def put_nowait(self, obj):
        return self.put(obj, False)

    def get(self, block=True, timeout=None):
        self._check_closed()
        shown = "get()" if block and timeout is None else f"get({'timeout=' + repr(timeout) if block else 'False'})"
        data = self._op("get", (bool(block), timeout if block else None), shown, decode=True)
        return self._loads(data)

    def get_nowait(self):
        return self.get(False)

    def qsize(self):
        return self._op("qsize", (), "qsize()")

    def empty(self):
        return self._op("empty", (), "empty()")

    def full(self):
        return self._op("full", (), "full()")

    def close(self):
        self._closed = True
        close, self._close = self._close, None
        if close:
            close()

    def join_thread(self):
        assert self._closed, f"Queue {self!r} not closed"
        if self._jointhread:
            self._jointhread()

    def cancel_join_thread(self):
        self._joincancelled = True
        if self._jointhread is not None:
            self._jointhread.cancel()


def feed(oid):
    """This process's feeder for queue ``oid`` pickles the next item it was given: the bytes, or
    ("error", traceback) for an item that cannot be pickled."""
    items = MEMORY.feeding[oid]
    obj = items.pop(0)
    if not items:
        del MEMORY.feeding[oid]
    return _pickle(obj)


def _pickle(obj):
    try:
        return engine().dumps(obj)
    except Exception as exc:  # noqa: BLE001 - reported by the feeder, as in CPython
        return ("error", "Traceback (most recent call last):\n" + "".join(
            traceback.format_exception_only(type(exc), exc)))


_ATOMS = (type(None), bool, int, float, complex, str, bytes)


def _unchanging(obj, depth=0) -> bool:
    """Does ``obj`` pickle the same whenever it is pickled (nothing in it can change)?"""
    t = type(obj)
    if t in _ATOMS:
        return True
    if t in (tuple, frozenset) and depth < 8:
        return all(_unchanging(x, depth + 1) for x in obj)
    return False


class JoinableQueue(Queue):
    _kind = "JoinableQueue"

    def task_done(self):
        self._op("task_done", (), "task_done()")

    def join(self):
        self._op("join", (), "join()")


class SimpleQueue(Handle):
    _named_semaphores = True
    def __init__(self, *, ctx=None):
        self._bind(q.new("SimpleQueue"), ctx)

    def __repr__(self):
        return f"<multiprocessing.queues.SimpleQueue object at 0x7f00{self._mpsim_oid[1]:08x}>"

    def put(self, obj):
        self._op("put", (self._dumps(obj),), "put(...)")

    def get(self):
        return self._loads(self._op("get", (True, None), "get()", decode=True))

    def empty(self):
        return self._op("empty", (), "empty()")

    def close(self):
        self._op("close", (), "close()")

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        raise AttributeError(f"'SimpleQueue' object has no attribute '{name}'")
