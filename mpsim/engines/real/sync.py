"""Lock, RLock, Semaphore, BoundedSemaphore, Condition and Event: CPython's objects, stepped.

A lock or semaphore is CPython's ``multiprocessing.synchronize`` object of the right context, and
each operation one real call.  ``Condition.wait`` and ``notify`` and ``Event.set``/``wait`` are a few
semaphore operations each in CPython (Lib/multiprocessing/synchronize.py); the simulator makes
each part a step of its own, so here each part is its own action on the real object's own
semaphores, in the order CPython's code performs them:

* ``wait``: register and release the lock | sleep on the wake-up semaphore | re-acquire the lock;
* ``notify(n)``: count the sleepers and release the wake-up semaphore for them | wait until each
  woken sleeper has signalled (the ``woken_count`` rendezvous);
* ``Event.set`` is the condition's lock around ``notify_all``, ``Event.wait`` around ``wait``.

Because a sleeper takes the wake-up semaphore only in its own turn, a ``notify(1)`` with two
sleepers wakes exactly the one the simulator chose: the other is not waiting on the real
semaphore yet.  A manager's locks and semaphores are the server's, reached through their real
proxies; a manager's Condition and Event are one remote call where the simulator takes several
steps, so they are not covered.
"""
from __future__ import annotations

import sys

from .cpython import real
from .outcome import Next, steps

SEMLOCK_KINDS = ("Lock", "RLock", "Semaphore", "BoundedSemaphore")


def context(method):
    """CPython's context for a primitive made under start method ``method``."""
    return real("context")._concrete_contexts[method or "spawn"]


def make_semlock(engine, state, method=None):
    if state.kind.startswith("threading."):
        from .managed import server_object
        return server_object(engine, state.kind.rpartition(".")[2],
                             () if state.kind.endswith("Lock") else (state.value,))
    cls = getattr(real("synchronize"), state.kind)
    ctx = context(method)
    return cls(ctx=ctx) if state.kind in ("Lock", "RLock") else cls(state.value, ctx=ctx)


def make_condition(engine, state, method=None):
    lock = engine.objects[state.lock]
    if not hasattr(lock, "_semlock"):
        engine.not_covered("Manager().Condition", "one remote wait() the simulator takes in steps")
    return real("synchronize").Condition(lock, ctx=context(method))


def make_event(engine, state, method=None):
    if state.threading:
        engine.not_covered("Manager().Event", "one remote wait() the simulator takes in steps")
    return real("synchronize").Event(ctx=context(method))


def semaphores(obj) -> list:
    """The named semaphores that go when ``obj`` goes (not a Condition's lock: its own object)."""
    sync = real("synchronize")
    if isinstance(obj, sync.SemLock):
        return [obj]
    if isinstance(obj, sync.Condition):
        return [obj._sleeping_count, obj._woken_count, obj._wait_semaphore]
    if isinstance(obj, sync.Event):
        return [obj._cond._lock, *semaphores(obj._cond), obj._flag]
    return []


# -- locks and semaphores --------------------------------------------------------------------------

def acquire(engine, oid, args, carry):
    block, timeout = args
    return bool(engine.objects[oid].acquire(block, timeout))


def release(engine, oid, args, carry):
    engine.objects[oid].release()


def get_value(engine, oid, args, carry):
    return engine.objects[oid].get_value()


def is_mine(engine, oid, args, carry):
    return bool(engine.objects[oid]._semlock._is_mine())


def peek(engine, oid, args, carry):
    """What CPython's ``__repr__`` reads: _is_mine(), _get_value(), _count(), maxvalue."""
    sl = engine.objects[oid]._semlock
    return (bool(sl._is_mine()), sl._get_value(), sl._count(), sl.maxvalue)


# -- Condition --------------------------------------------------------------------------------------

def release_and_sleep(cond) -> int:
    """The first step of CPython's ``wait``: register as a sleeper and release the lock fully."""
    assert cond._lock._semlock._is_mine(), "must acquire() condition before using wait()"
    cond._sleeping_count.release()
    count = cond._lock._semlock._count()
    for _ in range(count):
        cond._lock.release()
    return count


def sleep(cond, timeout) -> bool:
    try:
        return cond._wait_semaphore.acquire(True, timeout)
    finally:
        cond._woken_count.release()


def reacquire(cond, count: int):
    for _ in range(count):
        cond._lock.acquire()


def _wake(cond, n: int) -> int:
    """The first step of CPython's ``notify``: how many sleepers it woke."""
    assert cond._lock._semlock._is_mine(), "lock is not owned"
    assert not cond._wait_semaphore.acquire(False), (
        "notify: Should not have been able to acquire _wait_semaphore")
    while cond._woken_count.acquire(False):
        res = cond._sleeping_count.acquire(False)
        assert res, "notify: Bug in sleeping_count.acquire - res should not be False"
    sleepers = 0
    while sleepers < n and cond._sleeping_count.acquire(False):
        cond._wait_semaphore.release()
        sleepers += 1
    return sleepers


def wake_all(cond):
    """``notify_all`` without its rendezvous: count the sleepers and release the wake-up semaphore
    for each.  The woken sleepers take it in their own later steps; the next notify's first loop
    (CPython's) settles their ``woken_count`` signals."""
    while cond._woken_count.acquire(False):
        cond._sleeping_count.acquire(False)
    while cond._sleeping_count.acquire(False):
        cond._wait_semaphore.release()


def _rendezvous(cond, sleepers: int):
    for _ in range(sleepers):
        cond._woken_count.acquire()
    while cond._wait_semaphore.acquire(False):
        pass


def cond_wait(engine, oid, args, carry):
    count = release_and_sleep(engine.objects[oid])
    return Next("sleep", count, count)


def cond_sleep(engine, oid, args, carry):
    woken = sleep(engine.objects[oid], args[0])
    return Next("reacquire", woken, (carry, woken))


def cond_reacquire(engine, oid, args, carry):
    count, woken = carry
    reacquire(engine.objects[oid], count)
    return woken


def _notify(n):
    def notify(engine, oid, args, carry):
        sleepers = _wake(engine.objects[oid], args[0] if n is None else n)
        return Next("rendezvous", sleepers, sleepers) if sleepers else None
    return notify


def cond_rendezvous(engine, oid, args, carry):
    _rendezvous(engine.objects[oid], carry)


def cond_is_mine(engine, oid, args, carry):
    return bool(engine.objects[oid]._lock._semlock._is_mine())


def cond_peek(engine, oid, args, carry):
    cond = engine.objects[oid]
    return cond._sleeping_count._semlock._get_value() - cond._woken_count._semlock._get_value()


# -- Event ------------------------------------------------------------------------------------------

def event_is_set(engine, oid, args, carry):
    return engine.objects[oid].is_set()


def event_clear(engine, oid, args, carry):
    engine.objects[oid].clear()


def event_set(engine, oid, args, carry):
    event = engine.objects[oid]
    event._cond.acquire()
    event._flag.acquire(False)
    event._flag.release()
    sleepers = _wake(event._cond, sys.maxsize)
    if not sleepers:
        event._cond.release()
        return None
    return Next("rendezvous", sleepers, sleepers)


def event_set_rendezvous(engine, oid, args, carry):
    event = engine.objects[oid]
    _rendezvous(event._cond, carry)
    event._cond.release()


def event_wait(engine, oid, args, carry):
    """True when the flag is set (one step); else the waiter goes to sleep."""
    event = engine.objects[oid]
    event._cond.acquire()
    if event._flag.acquire(False):
        event._flag.release()
        event._cond.release()  # CPython re-reads the flag (set) before it returns True
        return True
    release_and_sleep(event._cond)
    return Next("sleep", None, None)


def event_sleep(engine, oid, args, carry):
    woken = sleep(engine.objects[oid]._cond, args[0])
    return Next("reread", woken, None)


def event_reread(engine, oid, args, carry):
    event = engine.objects[oid]
    reacquire(event._cond, 1)
    try:
        if event._flag.acquire(False):
            event._flag.release()
            return True
        return False
    finally:
        event._cond.release()


ACTIONS = {
    **steps("semlock", acquire=acquire, release=release, get_value=get_value, is_mine=is_mine,
            peek=peek),
    **steps("condition", wait=(cond_wait, cond_sleep, cond_reacquire),
            notify=(_notify(None), cond_rendezvous), notify_all=(_notify(sys.maxsize), cond_rendezvous),
            is_mine=cond_is_mine, peek=cond_peek),
    **steps("event", is_set=event_is_set, clear=event_clear, set=(event_set, event_set_rendezvous),
            wait=(event_wait, event_sleep, event_reread)),
}
