"""Simulated multiprocessing.queues: Queue, JoinableQueue, SimpleQueue.

Items are pickled by the putting process as multiprocessing's ForkingPickler does (so message
sizes, and so pipe capacity, match CPython); an item that cannot be pickled is not refused by
``put`` - as in CPython, the feeder thread later prints the error and drops it.  Each process's
copy of a queue has its own ``closed`` flag, as each real process has its own Queue object.
"""
from __future__ import annotations

import traceback

import _queue

from ..primitives import queue as q
from .base import Handle


class Queue(Handle):
    _kind = "Queue"

    def __init__(self, maxsize=0, *, ctx=None):
        self._closed = False
        self._bind(q.new(self._kind, maxsize))

    def _restore(self, extra):
        self._closed = False

    def _mpsim_local(self):
        return self._closed

    def __deepcopy__(self, memo):  # a forked child's copy starts open, with no feeder
        copy = type(self).__new__(type(self))
        copy._mpsim_oid = self._mpsim_oid
        copy._closed = False
        return copy

    def __repr__(self):
        return f"<multiprocessing.queues.{self._kind} object at 0x7f00{self._mpsim_oid[1]:08x}>"

    def _check_closed(self):
        if self._closed:
            raise ValueError(f"Queue {self!r} is closed")

    def put(self, obj, block=True, timeout=None):
        self._check_closed()
        try:
            item = self._dumps(obj)
        except Exception as exc:  # noqa: BLE001 - reported by the feeder, as in CPython
            item = ("error", "Traceback (most recent call last):\n" + "".join(
                traceback.format_exception_only(type(exc), exc)))
        shown = "put(...)" if block and timeout is None else f"put(..., {'timeout=' + repr(timeout) if block else 'False'})"
        self._op("put", (item, bool(block), timeout if block else None), shown)

    def put_nowait(self, obj):
        return self.put(obj, False)

    def get(self, block=True, timeout=None):
        self._check_closed()
        shown = "get()" if block and timeout is None else f"get({'timeout=' + repr(timeout) if block else 'False'})"
        try:
            data = self._op("get", (bool(block), timeout if block else None), shown, decode=True)
        except _queue.Empty:
            if block and timeout:
                self._waited(timeout)
            raise
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
        self._op("close", (), "close()")

    def join_thread(self):
        assert self._closed, f"Queue {self!r} not closed"
        self._op("join_thread", (), "join_thread()")

    def cancel_join_thread(self):
        self._op("cancel_join_thread", (), "cancel_join_thread()")


class JoinableQueue(Queue):
    _kind = "JoinableQueue"

    def task_done(self):
        self._op("task_done", (), "task_done()")

    def join(self):
        self._op("join", (), "join()")


class SimpleQueue(Handle):
    def __init__(self, *, ctx=None):
        self._bind(q.new("SimpleQueue"))

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
