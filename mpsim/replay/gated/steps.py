"""CPython's multi-step operations, cut where the simulator cuts them.

``multiprocessing.synchronize.Condition.wait`` and ``notify`` and ``Event.set``/``wait`` are a few
real semaphore operations each (CPython 3.11, Lib/multiprocessing/synchronize.py).  The simulator
makes each part its own step, so here each part is its own function, run in its own turn on the
real objects' own semaphores - the code is CPython's, statement for statement, only split:

* ``wait``: register and release the lock | sleep on the wake-up semaphore | re-acquire the lock;
* ``notify(n)``: count the sleepers and release the wake-up semaphore for them | wait until each
  woken sleeper has signalled (the ``woken_count`` rendezvous);
* ``Event.set`` is the condition's lock around ``notify_all``, ``Event.wait`` around ``wait``.

Because a sleeper takes the wake-up semaphore only in its own turn, a ``notify(1)`` with two
sleepers wakes exactly the one the simulator chose: the other is not yet waiting on the real
semaphore.  Each function returns a ``Continue`` when the operation goes on in a further turn.
"""
from __future__ import annotations

import sys

from ..gate import Continue


def wait_release(cond) -> Continue:
    assert cond._lock._semlock._is_mine(), "must acquire() condition before using wait()"
    cond._sleeping_count.release()
    count = cond._lock._semlock._count()
    for _ in range(count):
        cond._lock.release()
    return Continue(count)


def wait_sleep(cond, timeout) -> Continue:
    try:
        return Continue(cond._wait_semaphore.acquire(True, timeout))
    finally:
        cond._woken_count.release()


def wait_reacquire(cond, count: int):
    for _ in range(count):
        cond._lock.acquire()


def notify_wake(cond, n: int):
    """The sleepers woken: a ``Continue`` (the rendezvous follows) or None when nobody sleeps."""
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
    return Continue(sleepers) if sleepers else None


def notify_rendezvous(cond, sleepers: int):
    for _ in range(sleepers):
        cond._woken_count.acquire()
    while cond._wait_semaphore.acquire(False):
        pass


def event_set_wake(event):
    event._cond.acquire()
    event._flag.acquire(False)
    event._flag.release()
    woken = notify_wake(event._cond, sys.maxsize)
    if woken is None:
        event._cond.release()
    return woken


def event_set_rendezvous(event, sleepers: int):
    notify_rendezvous(event._cond, sleepers)
    event._cond.release()


def event_wait_begin(event):
    """True when the flag is set (one step), else a ``Continue``: the waiter sleeps."""
    event._cond.acquire()
    if event._flag.acquire(False):
        event._flag.release()
        event._cond.release()  # CPython re-reads the flag (set) before it returns True
        return True
    wait_release(event._cond)
    return Continue(None)


def event_wait_end(event) -> bool:
    wait_reacquire(event._cond, 1)
    try:
        if event._flag.acquire(False):
            event._flag.release()
            return True
        return False
    finally:
        event._cond.release()


def wake_all(cond):
    """``notify_all`` without its rendezvous: count the sleepers and release the wake-up
    semaphore for each.  The woken sleepers take it in their own later turns; the next notify's
    first loop (CPython's) settles their ``woken_count`` signals."""
    while cond._woken_count.acquire(False):
        cond._sleeping_count.acquire(False)
    while cond._sleeping_count.acquire(False):
        cond._wait_semaphore.release()
