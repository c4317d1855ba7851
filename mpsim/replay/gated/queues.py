"""Gated multiprocessing.queues: Queue, JoinableQueue and SimpleQueue on real OS primitives.

Each is CPython's own structure - a real one-way pipe, a read lock, a write lock and a bounded
semaphore of free slots (JoinableQueue: a semaphore of unfinished tasks and a condition) - and
the simulator's class (``mpsim/facade/queues.py``) for everything local: argument checks, the
per-process ``closed`` flag, pickling at ``put`` (an unpicklable item is reported by the feeder).
Each simulated step is one turn on the real objects:

* ``put`` takes a slot and hands the pickled item to this process's feeder thread;
* the feeder thread is a real thread with its own control connection: each of its simulated
  moves (write an item, or the part that fits; write more; drop an unpicklable item; close the
  pipe ends after ``close()`` or at exit) is its own turn, so it runs exactly when the simulator
  lets it, also while its process is blocked in ``join()`` or waits for it at exit;
* ``get`` takes the read lock and reads one message (holding the lock across turns while a big
  message arrives in parts), then frees a slot; ``SimpleQueue.put`` writes under the write lock.

``JoinableQueue.join`` is CPython's ``Condition.wait`` split where the simulator splits it (sleep
| woken); ``task_done`` wakes the sleepers without CPython's notify rendezvous, which would need the
sleepers' turns inside the notifier's (``steps.wake_all``).
"""
from __future__ import annotations

import multiprocessing as mp
import os
import queue as stdqueue
import threading
import weakref
from collections import deque
from multiprocessing.synchronize import SEM_VALUE_MAX
from multiprocessing.util import register_after_fork

from ...facade import queues as simulated
from ..gate import GATE, Continue, Gate, ReplayStopped, feeder_key
from . import channel, steps
from .real import Real

_FEEDING = weakref.WeakSet()  # this process's queues whose feeder thread was started
os.register_at_fork(after_in_child=_FEEDING.clear)  # a forked child has no feeder threads


class Queue(Real, simulated.Queue):
    def __init__(self, maxsize=0, *, ctx):
        self._closed = False
        self._mpsim_oid = GATE.new_oid()
        self._maxsize = maxsize if maxsize > 0 else SEM_VALUE_MAX
        self._reader, self._writer = mp.Pipe(duplex=False)
        self._rlock = ctx.Lock()
        self._wlock = ctx.Lock()
        self._sem = ctx.BoundedSemaphore(self._maxsize)
        self._reset()
        register_after_fork(self, Queue._reset)

    def _reduced(self):
        return _rebuild, (type(self), self._shared())

    def _shared(self) -> dict:
        return {k: getattr(self, k) for k in ("_mpsim_oid", "_maxsize", "_reader", "_writer",
                                              "_rlock", "_wlock", "_sem")}

    def _reset(self):
        """This process's own part: a fresh buffer and no feeder (a forked child's copy too)."""
        self._closed = False
        self._notempty = threading.Condition(threading.Lock())
        self._buffer = deque()
        self._thread = None
        self._closing = False
        self._ended = False
        self._cancelled = False
        self._writing = None

    # -- operations, each one turn ------------------------------------------------------------
    def _op(self, method, args=(), shown="", decode=False):
        oid = self._mpsim_oid
        if method == "put":
            item, block, timeout = args
            return GATE.perform(oid, "put", lambda: self._put(item, block, timeout), timeout=timeout)
        if method == "get":
            return self._get(*args)
        do = {"qsize": lambda: self._maxsize - self._sem._semlock._get_value(),
              "empty": lambda: not self._reader.poll(),
              "full": lambda: self._sem._semlock._is_zero(),
              "close": self._close,
              "join_thread": self._join_thread,
              "cancel_join_thread": self._cancel}[method]
        return GATE.perform(oid, method, do)

    def _put(self, item, block, timeout):
        if not self._sem.acquire(block, timeout):
            raise stdqueue.Full
        with self._notempty:
            if self._thread is None:
                self._start_feeder()
            self._buffer.append(item)
            self._notempty.notify()

    def _get(self, block, timeout):
        def begin():
            if block and timeout is None:
                self._rlock.acquire()
                return
            if not self._rlock.acquire(block, timeout):
                raise stdqueue.Empty
            if not (self._reader.poll(timeout) if block else self._reader.poll()):
                self._rlock.release()
                raise stdqueue.Empty
        return channel.receive(self._mpsim_oid, "get", self._reader.fileno, lock=self._rlock,
                               begin=begin, done=self._sem.release, timeout=timeout if block else None)

    def _close(self):
        if self._thread is not None:
            with self._notempty:
                self._closing = True
                self._notempty.notify()

    def _join_thread(self):
        if self._thread is not None and not self._cancelled:
            self._thread.join()

    def _cancel(self):
        self._cancelled = True

    # -- the feeder thread ----------------------------------------------------------------------
    def _start_feeder(self):
        self._thread = threading.Thread(target=self._feed, args=(GATE.identity,), daemon=True,
                                        name="QueueFeederThread")
        self._thread.start()
        _FEEDING.add(self)

    def _feed(self, identity):
        gate = ThreadGate(feeder_key(identity, self._mpsim_oid))
        try:
            while not self._ended:
                with self._notempty:
                    while not (self._buffer or self._closing or self._writing):
                        self._notempty.wait()
                gate.perform(self._mpsim_oid, "feed", lambda: self._feed_step(gate))
        except ReplayStopped:
            pass
        finally:
            gate.close()

    def _feed_step(self, gate) -> Continue:
        """One move of the feeder, as ``primitives.queue.feeder_moves`` has it."""
        if self._writing is None:
            with self._notempty:
                item = self._buffer.popleft() if self._buffer else None
            if item is None:  # closed, everything written: CPython's sentinel
                self._reader.close()
                self._writer.close()
                self._ended = True
                return Continue(None)
            if isinstance(item, tuple):  # ("error", text): the item could not be pickled
                self._sem.release()
                gate.out.append(("stderr", item[1]))
                return Continue(None)
            self._wlock.acquire()
            self._writing = channel.Writing(item)
        if channel.write_turn(self._writer.fileno(), self._writing):
            self._writing = None
            self._wlock.release()
        return Continue(None)

    def _at_exit(self):
        """The process is exiting: CPython's finalizer closes the queue (the feeder ends once it
        has written everything)."""
        self._close()

    def _pending(self) -> bool:
        """Must the exiting process wait for this feeder (``queue.feeder_pending``)?"""
        return self._thread is not None and not self._ended and not self._cancelled


class JoinableQueue(Queue, simulated.JoinableQueue):
    def __init__(self, maxsize=0, *, ctx):
        super().__init__(maxsize, ctx=ctx)
        self._unfinished_tasks = ctx.Semaphore(0)
        self._cond = ctx.Condition()

    def _shared(self) -> dict:
        return {**super()._shared(), "_unfinished_tasks": self._unfinished_tasks, "_cond": self._cond}

    def _put(self, item, block, timeout):
        if not self._sem.acquire(block, timeout):
            raise stdqueue.Full
        with self._notempty, self._cond:
            if self._thread is None:
                self._start_feeder()
            self._buffer.append(item)
            self._unfinished_tasks.release()
            self._notempty.notify()

    def _op(self, method, args=(), shown="", decode=False):
        if method == "task_done":
            return GATE.perform(self._mpsim_oid, "task_done", self._task_done)
        if method == "join":
            if GATE.perform(self._mpsim_oid, "join", self._join_begin) is not None:
                GATE.perform(self._mpsim_oid, "join", self._join_end, phase="sleep")
            return None
        return super()._op(method, args, shown, decode)

    def _task_done(self):
        with self._cond:
            if not self._unfinished_tasks.acquire(False):
                raise ValueError("task_done() called too many times")
            if self._unfinished_tasks._semlock._is_zero():
                steps.wake_all(self._cond)

    def _join_begin(self):
        self._cond.acquire()
        if self._unfinished_tasks._semlock._is_zero():
            self._cond.release()
            return None
        steps.wait_release(self._cond)
        return Continue(None)

    def _join_end(self):
        steps.wait_sleep(self._cond, None)
        steps.wait_reacquire(self._cond, 1)
        self._cond.release()


class SimpleQueue(Real, simulated.SimpleQueue):
    def __init__(self, *, ctx):
        self._mpsim_oid = GATE.new_oid()
        self._reader, self._writer = mp.Pipe(duplex=False)
        self._rlock = ctx.Lock()
        self._wlock = ctx.Lock()

    def _reduced(self):
        return _rebuild, (type(self), {k: getattr(self, k) for k in (
            "_mpsim_oid", "_reader", "_writer", "_rlock", "_wlock")})

    def _op(self, method, args=(), shown="", decode=False):
        oid = self._mpsim_oid
        if method == "put":
            return channel.send(oid, "put", self._writer.fileno, args[0], lock=self._wlock)
        if method == "get":
            return channel.receive(oid, "get", self._reader.fileno, lock=self._rlock)
        if method == "empty":
            return GATE.perform(oid, "empty", lambda: not self._reader.poll())
        if method == "close":
            return GATE.perform(oid, "close", self._close_ends)
        raise ValueError(method)

    def _close_ends(self):
        self._reader.close()
        self._writer.close()


def _rebuild(cls, shared):
    obj = cls.__new__(cls)
    obj.__dict__.update(shared)
    if isinstance(obj, Queue):
        obj._reset()
    return obj


class ThreadGate(Gate):
    """A thread's own gate (a queue's feeder): its own control connection, no signal handler,
    no stream capture; what it prints travels with its reply."""

    def __init__(self, identity):
        super().__init__()
        self.config = GATE.config
        self.identity = identity
        self.model_files = set()
        self.connect()

    def _location(self) -> tuple:
        return ("", 0)

    def _reply_extra(self) -> tuple:
        out, self.out = tuple(self.out), []
        return (out,)

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def at_exit():
    """This process is exiting: close its queues, so each feeder ends after its items."""
    for q in list(_FEEDING):
        q._at_exit()


def feeders_pending() -> list:
    """The feeder threads an exiting process must wait for."""
    return [q._thread for q in list(_FEEDING) if q._pending()]
