"""Event: CPython's multiprocessing.Event as a pure state machine (docs/semantics.md §5).

``wait`` on an unset event is three steps: register and sleep; be woken by ``set()`` (or time
out); re-read the flag under the internal lock - so a ``clear()`` that gets in first makes
``wait()`` return False.  ``set()`` wakes every current waiter and, holding the internal lock,
waits until each has taken its wake step (the notify_all rendezvous); meanwhile every other
operation on the event waits for that lock.
"""
from __future__ import annotations

from typing import NamedTuple

from ..i18n import N_, Note, Procs, _
from .base import cont, ret
from .declare import ACQUIRE, ONE, READ, RELEASE, WRITE, OpDecl, declare


OPS = declare(
    OpDecl("is_set", READ, "while another process is inside set()"),
    OpDecl("clear", WRITE, "while another process is inside set()", results=ONE),
    OpDecl("set", RELEASE, "until each waiter it woke has taken its wake step",
           phases=("rendezvous",), results=ONE),
    OpDecl("wait", ACQUIRE, "until the event is set", phases=("sleep", "reread"),
           timeout=0),
)


class EventState(NamedTuple):
    flag: bool = False
    waiters: tuple = ()  # ((pid, woken), ...)
    busy: object = None  # the process inside set()'s rendezvous, holding the internal lock
    threading: bool = False  # a Manager's Event: threading.Event (no rendezvous; wait says if woken)


def new(threading: bool = False) -> EventState:
    return EventState(threading=threading)


def step(view, oid, pid, method, args, phase):
    e = view[oid]
    if e.busy is not None and e.busy != pid and not (method == "wait" and phase == "sleep"):
        return []
    if method == "is_set":
        return [ret(e.flag)]
    if method == "clear":
        return [ret(None, [(oid, e._replace(flag=False))])]
    if method == "set":
        if phase is not None:
            if any(p in phase for p, _ in e.waiters):
                return []
            return [ret(None, [(oid, e._replace(busy=None))])]
        sleeping = frozenset(p for p, woken in e.waiters if not woken)
        if not sleeping:
            return [ret(None, [(oid, e._replace(flag=True))])]
        woken = tuple((p, True) for p, _ in e.waiters)
        note = Note(N_("wakes {who}"), who=Procs(p for p, w in e.waiters if not w))
        if e.threading:
            return [ret(None, [(oid, e._replace(flag=True, waiters=woken))], note)]
        return [cont(sleeping, [(oid, e._replace(flag=True, waiters=woken, busy=pid))], note)]
    if method == "wait":
        (timeout,) = args
        if phase is None:
            if e.flag:
                return [ret(True)]
            return [cont("sleep", [(oid, e._replace(waiters=e.waiters + ((pid, False),)))], "sleeps")]
        if phase == "sleep":
            woken = dict(e.waiters)[pid]
            rest = [(oid, e._replace(waiters=tuple(w for w in e.waiters if w[0] != pid)))]
            if e.threading and woken:
                return [ret(True, rest, "woken")]
            if e.threading and timeout is not None:
                return [ret(False, rest, "times out", timed=True)]
            if woken:
                return [cont("reread", rest, "woken")]
            if timeout is not None:
                return [cont("reread", rest, "times out", timed=True)]
            return []
        return [ret(e.flag, note=N_("re-reads the flag"))]
    raise ValueError(f"unknown event operation {method}")


def holders(e: EventState) -> list:
    return [e.busy] if e.busy is not None else []


def describe(e: EventState, name) -> str:
    text = _("set") if e.flag else _("unset")
    if e.waiters:
        text += "; " + _("waiters: {who}").format(who=", ".join(
            _("{process} (woken)").format(process=name(p)) if w else name(p)
            for p, w in e.waiters))
    return text


def short(e: EventState, name) -> str:
    return "set" if e.flag else "unset"
