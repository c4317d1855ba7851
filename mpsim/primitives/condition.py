"""Condition: CPython's multiprocessing.Condition as a pure state machine (docs/semantics.md §4).

``wait`` is three steps, each an interleaving point: release the lock completely and register as a
sleeper; be woken (by a notify, or a timeout - which can also fire after a notify chose this
sleeper, and then absorbs that notify, as in CPython); re-acquire the lock to the saved depth.
``notify(n)`` chooses which sleepers wake (each choice is an outcome) and then, still holding the
lock, waits until every woken sleeper has taken its wake step - CPython's ``woken_count``
rendezvous.
"""
from __future__ import annotations

from itertools import combinations
from typing import NamedTuple

from . import semlock
from ..i18n import N_, Note, Procs, _
from .base import Err, cont, fail, ret
from .declare import ONE, READ, RELEASE, SYNC, OpDecl, declare

WAIT_UNOWNED = Err("AssertionError", "must acquire() condition before using wait()")
NOTIFY_UNOWNED = Err("AssertionError", "lock is not owned")
# A Manager's Condition is the server's threading.Condition: other messages, no rendezvous.
THREADING_WAIT_UNOWNED = Err("RuntimeError", "cannot wait on un-acquired lock")
THREADING_NOTIFY_UNOWNED = Err("RuntimeError", "cannot notify on un-acquired lock")


OPS = declare(
    OpDecl("wait", SYNC, "until a notify wakes it, then while another process holds the lock",
           phases=("sleep", "reacquire"), timeout=0, touches=("lock",)),
    OpDecl("notify", RELEASE, "until each sleeper it woke has taken its wake step",
           phases=("rendezvous",), touches=("lock",), results=ONE),
    OpDecl("notify_all", RELEASE, "until each sleeper it woke has taken its wake step",
           phases=("rendezvous",), touches=("lock",), results=ONE),
    OpDecl("is_mine", READ, touches=("lock",)),
    OpDecl("peek", READ),
)


class CondState(NamedTuple):
    lock: object  # id of the Lock/RLock primitive
    waiters: tuple = ()  # ((pid, depth, notified), ...) in registration order


def new(lock_id) -> CondState:
    return CondState(lock_id)


def _without(waiters, pid):
    return tuple(w for w in waiters if w[0] != pid)


def step(view, oid, pid, method, args, phase):
    c = view[oid]
    lock = view[c.lock]
    threading = lock.kind.startswith("threading.")
    if method == "wait":
        (timeout,) = args
        if phase is None:
            if not semlock.is_mine(lock, pid):
                return [fail(THREADING_WAIT_UNOWNED if threading else WAIT_UNOWNED)]
            depth = semlock.my_count(lock, pid)
            return [cont(("sleep", depth), [(oid, c._replace(waiters=c.waiters + ((pid, depth, False),))),
                                             (c.lock, semlock.give_all(lock, pid))], "releases the lock, sleeps")]
        if phase[0] == "sleep":
            me = next(w for w in c.waiters if w[0] == pid)
            rest = [(oid, c._replace(waiters=_without(c.waiters, pid)))]
            outs = []
            if me[2]:
                outs.append(cont(("reacquire", phase[1], True), rest, "woken"))
            if timeout is not None:  # a timeout racing a notify absorbs it (the notify is lost)
                outs.append(cont(("reacquire", phase[1], False), rest,
                                 N_("times out, losing the notify") if me[2] else N_("times out"),
                                 timed=True))
            return outs
        _, depth, result = phase
        if not semlock.can_take(lock, pid):
            return []
        return [ret(result, [(c.lock, semlock.take(lock, pid, depth))], "re-acquires the lock")]
    if method in ("notify", "notify_all"):
        if phase is not None:  # waiting for the woken sleepers to take their wake step
            return [ret(None)] if not any(w[0] in phase for w in c.waiters) else []
        if not semlock.is_mine(lock, pid):
            return [fail(THREADING_NOTIFY_UNOWNED if threading else NOTIFY_UNOWNED)]
        sleepers = [w[0] for w in c.waiters if not w[2]]
        n = len(sleepers) if method == "notify_all" else min(args[0], len(sleepers))
        if n <= 0:
            return [ret(None, note=N_("nobody is waiting"))]
        outs = []
        for chosen in combinations(sleepers, n):
            woken = tuple((p, d, notified or p in chosen) for p, d, notified in c.waiters)
            update = [(oid, c._replace(waiters=woken))]
            note = Note(N_("wakes {who}"), who=Procs(chosen))
            outs.append(ret(None, update, note) if threading else cont(frozenset(chosen), update, note))
        return outs
    if method == "is_mine":
        return [ret(semlock.is_mine(lock, pid))]
    if method == "peek":  # __repr__: sleeping_count - woken_count, the registered waiters
        return [ret(len(c.waiters))]
    raise ValueError(f"unknown condition operation {method}")


def holders(c: CondState) -> list:
    return []


def describe(c: CondState, name) -> str:
    if not c.waiters:
        return _("no waiters")
    return _("waiters: {who}").format(who=", ".join(
        _("{process} (notified)").format(process=name(p)) if n else name(p)
        for p, _w, n in c.waiters))


def short(c: CondState, name) -> str:
    return f"{len(c.waiters)}w"
