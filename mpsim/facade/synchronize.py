"""Simulated multiprocessing.synchronize: Lock, RLock, Semaphore, BoundedSemaphore, Condition,
Event, Barrier.  Each method is one operation on a pure state machine in ``mpsim.primitives``;
Barrier is CPython's own ``threading.Barrier`` logic over a simulated Condition and shared memory,
exactly as ``multiprocessing.synchronize.Barrier`` builds it.
"""
from __future__ import annotations

import threading

from ..primitives import condition, event, semlock
from ._engine import engine
from .base import Handle


def _acquire_args(args, kw):
    """``(block, timeout)`` as _multiprocessing.SemLock.acquire(block=True, timeout=None) parses them."""
    for name in kw:
        if name not in ("block", "timeout"):
            raise TypeError(f"'{name}' is an invalid keyword argument for acquire()")
    if len(args) + len(kw) > 2:
        raise TypeError(f"acquire() takes at most 2 arguments ({len(args) + len(kw)} given)")
    for i, name in enumerate(("block", "timeout")[:len(args)]):
        if name in kw:
            raise TypeError(f"argument for acquire() given by name ('{name}') and position ({i + 1})")
    given = dict(zip(("block", "timeout"), args), **kw)
    return given.get("block", True), given.get("timeout")


class SemLock(Handle):
    _kind = "Lock"
    _named_semaphores = True

    def __init__(self, value=1, *, ctx=None):
        if value < 0:
            raise OSError(22, "Invalid argument")
        self._bind(semlock.new(self._kind, value), ctx)

    def acquire(self, *args, **kw):
        block, timeout = _acquire_args(args, kw)
        timeout = None if not block else timeout
        return self._op("acquire", (bool(block), timeout), "acquire()" if block and timeout is None
                        else f"acquire({'False' if not block else f'timeout={timeout!r}'})")

    def release(self):
        self._op("release", (), "release()")

    def __enter__(self):
        return self._op("acquire", (True, None), "acquire()  [with]")

    def __exit__(self, *exc):
        self._op("release", (), "release()  [end of with]")

    def _process_name(self) -> str:
        from .process import MEMORY
        return MEMORY.current.name

    def _is_mine(self):
        return self._op("is_mine", (), "_is_mine()")

    def _peek(self):
        """(_is_mine(), _get_value(), _count(), maxvalue); 'unknown' ones if it cannot be read
        (CPython's reprs catch every exception; here: outside a simulated process)."""
        try:
            return self._op("peek", (), "__repr__()")
        except Exception:  # noqa: BLE001 - as CPython's __repr__
            return None, "unknown", "unknown", "unknown"

    def __repr__(self):
        mine, value, count, _ = self._peek()
        if mine:
            owner = self._process_name()
        elif value == 1:
            owner = "None"
        elif value == "unknown":
            owner = "unknown"
        else:
            owner = "SomeOtherProcess"
        return f"<{type(self).__name__}(owner={owner})>"


class Lock(SemLock):
    _kind = "Lock"

    def __init__(self, *, ctx=None):
        super().__init__(1, ctx=ctx)


class RLock(SemLock):
    _kind = "RLock"

    def __init__(self, *, ctx=None):
        super().__init__(1, ctx=ctx)

    def __repr__(self):
        mine, value, count, _ = self._peek()
        if mine:
            owner = self._process_name()
        elif value == 1:
            owner, count = "None", 0
        elif value == "unknown":
            owner = "unknown"
        else:
            owner, count = "SomeOtherProcess", "nonzero"
        return f"<{type(self).__name__}({owner}, {count})>"


class Semaphore(SemLock):
    _kind = "Semaphore"

    def __init__(self, value=1, *, ctx=None):
        super().__init__(value, ctx=ctx)

    def get_value(self):
        return self._op("get_value", (), "get_value()")

    def __repr__(self):
        value = self._peek()[1]
        return f"<{type(self).__name__}(value={value})>"


class BoundedSemaphore(Semaphore):
    _kind = "BoundedSemaphore"

    def __repr__(self):
        _, value, _, maxvalue = self._peek()
        return f"<{type(self).__name__}(value={value}, maxvalue={maxvalue})>"


class Condition(Handle):
    _named_semaphores = True
    def __init__(self, lock=None, *, ctx=None):
        self._lock = lock if lock is not None else self._new_lock(ctx)
        self._bind(condition.new(self._lock._mpsim_oid), ctx)
        self._bind_methods()

    def _extra(self):
        return self._lock

    def _restore(self, lock):
        self._lock = lock
        self._bind_methods()

    def _new_lock(self, ctx):
        return RLock(ctx=ctx)

    def _now(self) -> float:
        return engine().now_ns() / 1e9  # CPython's wait_for reads time.monotonic

    def _mpsim_parts(self):
        return [("'s lock", self._lock)]  # "cond's lock" (a lock the program named keeps its name)

    def _bind_methods(self):
        self.acquire = self._lock.acquire
        self.release = self._lock.release

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *exc):
        return self._lock.__exit__(*exc)

    def wait(self, timeout=None):
        return self._op("wait", (timeout,), "wait()" if timeout is None else f"wait({timeout!r})")

    def notify(self, n=1):
        self._op("notify", (n,), "notify()" if n == 1 else f"notify({n})")

    def notify_all(self):
        self._op("notify_all", (None,), "notify_all()")

    def __repr__(self):
        try:
            waiters = self._op("peek", (), "__repr__()")
        except Exception:  # noqa: BLE001 - as CPython's __repr__
            waiters = "unknown"
        return f"<Condition({self._lock!r}, {waiters})>"

    def wait_for(self, predicate, timeout=None):
        # CPython's Condition.wait_for (on the simulated clock in the simulator).
        result = predicate()
        if result:
            return result
        if timeout is not None:
            endtime = self._now() + timeout
        else:
            endtime = None
            waittime = None
        while not result:
            if endtime is not None:
                waittime = endtime - self._now()
                if waittime <= 0:
                    break
            self.wait(waittime)
            result = predicate()
        return result


class Event(Handle):
    _named_semaphores = True
    def _shared_name(self):
        return "Condition"  # pickling an Event pickles its Condition, which refuses

    def __init__(self, *, ctx=None):
        self._bind(event.new(), ctx)

    def is_set(self):
        return self._op("is_set", (), "is_set()")

    def __repr__(self):
        state = "set" if self.is_set() else "unset"
        return f"<Event at 0x7f00{self._mpsim_oid[1]:08x} {state}>"  # a stable stand-in address

    def set(self):
        self._op("set", (), "set()")

    def clear(self):
        self._op("clear", (), "clear()")

    def wait(self, timeout=None):
        return self._op("wait", (timeout,), "wait()" if timeout is None else f"wait({timeout!r})")


class SharedBarrier(threading.Barrier):
    """threading.Barrier with its state and count in a shared two-cell array, as
    ``multiprocessing.synchronize.Barrier`` keeps them (used by the simulator and the replayer)."""

    def __setstate__(self, state):
        (self._parties, self._action, self._timeout, self._cond, self._array) = state

    def __getstate__(self):
        return (self._parties, self._action, self._timeout, self._cond, self._array)

    @property
    def _state(self):
        return self._array[0]

    @_state.setter
    def _state(self, value):
        self._array[0] = value

    @property
    def _count(self):
        return self._array[1]

    @_count.setter
    def _count(self, value):
        self._array[1] = value


class Barrier(SharedBarrier):
    """``multiprocessing.Barrier``: threading.Barrier's algorithm on a shared Condition and array."""

    def __init__(self, parties, action=None, timeout=None, *, ctx=None):
        from .sharedctypes import RawArray

        self.__setstate__((parties, action, timeout, Condition(ctx=ctx), RawArray("i", 2)))
        self._state = 0
        self._count = 0

    _mpsim_compound = True  # a call on it is one step of the trace (SimEngine.within)

    def _mpsim_face(self):
        return self._cond._mpsim_oid

    def _mpsim_parts(self):
        # The barrier's condition stands for the barrier itself in traces ("barrier.wait()").
        return [("", self._cond), ("'s lock", self._cond._lock), ("'s state", self._array)]
