"""Lock, RLock, Semaphore and BoundedSemaphore: CPython's SemLock as a pure state machine.

docs/semantics.md §0-§3.  ``value`` is the OS semaphore; ``counts`` is each process's acquire/release
balance through its own copy of the object (CPython's per-process ``count``), which is what
``_is_mine`` (used by Condition) looks at.  For an RLock, ``owner``/``depth`` say who holds it and
how often.  Which of several blocked acquirers gets a released lock is not decided here: every
process whose acquire is enabled may move next, which is exactly the OS's freedom (barging
included).
"""
from __future__ import annotations

from typing import NamedTuple

from ..i18n import N_, _
from .base import Err, bump, fail, ret
from .declare import ACQUIRE, ONE, READ, RELEASE, OpDecl, declare

SEM_VALUE_MAX = 2147483647
TOO_MANY = Err("ValueError", "semaphore or lock released too many times")
NOT_OWNER = Err("AssertionError", "attempt to release recursive lock not owned by thread")
# A Manager's locks are the server's threading objects, with threading's messages.
THREADING_ERRORS = {
    "threading.Lock": Err("RuntimeError", "release unlocked lock"),
    "threading.RLock": Err("RuntimeError", "cannot release un-acquired lock"),
    "threading.BoundedSemaphore": Err("ValueError", "Semaphore released too many times"),
}


OPS = declare(
    OpDecl("acquire", ACQUIRE, "while its value is 0 (a lock: while another process holds it)",
           timeout=1),
    OpDecl("release", RELEASE, results=ONE),
    OpDecl("get_value", READ),
    OpDecl("is_mine", READ),
    OpDecl("peek", READ),
)


class SemState(NamedTuple):
    kind: str  # "Lock" | "RLock" | "Semaphore" | "BoundedSemaphore", or "threading.Lock"...
    value: int
    maxvalue: int
    owner: object = None  # RLock owner (process ident)
    depth: int = 0  # RLock recursion depth
    counts: tuple = ()  # ((pid, n), ...) for the other kinds


def new(kind: str, value: int = 1) -> SemState:
    base = kind.rpartition(".")[2]
    maxvalue = {"Lock": 1, "RLock": 1, "BoundedSemaphore": value}.get(base, SEM_VALUE_MAX)
    return SemState(kind, value, maxvalue)


def recursive(s: SemState) -> bool:
    return s.kind.endswith("RLock")


def is_mine(s: SemState, pid) -> bool:
    if recursive(s):
        return s.owner == pid
    if s.kind == "threading.Lock":
        return s.value == 0  # threading.Condition counts a locked Lock as owned by anyone
    return dict(s.counts).get(pid, 0) > 0


def my_count(s: SemState, pid) -> int:
    """How many times ``pid`` holds it (CPython's ``_count()``)."""
    if recursive(s):
        return s.depth if s.owner == pid else 0
    return max(dict(s.counts).get(pid, 0), 0)


def can_take(s: SemState, pid) -> bool:
    """Would ``acquire()`` by ``pid`` succeed right now without blocking?"""
    return s.value > 0 or (recursive(s) and s.owner == pid)


def take(s: SemState, pid, times: int = 1) -> SemState:
    """The state after ``pid`` acquires ``times`` times (``can_take`` must hold)."""
    if recursive(s):
        if s.owner == pid:
            return s._replace(depth=s.depth + times)
        return s._replace(value=s.value - 1, owner=pid, depth=times)
    return s._replace(value=s.value - times, counts=bump(s.counts, pid, times))


def give_all(s: SemState, pid) -> SemState:
    """``pid`` releases every level it holds (Condition.wait)."""
    if recursive(s):
        return s._replace(value=s.value + 1, owner=None, depth=0)
    n = my_count(s, pid)
    return s._replace(value=s.value + n, counts=bump(s.counts, pid, -n))


def holders(s: SemState) -> list:
    if recursive(s):
        return [s.owner] if s.owner is not None else []
    return [p for p, n in s.counts if n > 0]


def step(view, oid, pid, method, args, phase):
    s = view[oid]
    if method == "acquire":
        block, timeout = args
        if can_take(s, pid):
            return [ret(True, [(oid, take(s, pid))], "acquired")]
        if not block:
            return [ret(False, note=N_("busy"))]
        if timeout is not None:
            return [ret(False, note=N_("times out"), timed=True)]
        return []
    if method == "release":
        if recursive(s):
            if s.owner != pid:
                return [fail(THREADING_ERRORS.get(s.kind, NOT_OWNER))]
            if s.depth > 1:
                return [ret(None, [(oid, s._replace(depth=s.depth - 1))])]
            return [ret(None, [(oid, s._replace(value=1, owner=None, depth=0))], "released")]
        if s.maxvalue != SEM_VALUE_MAX and s.value >= s.maxvalue:
            return [fail(THREADING_ERRORS.get(s.kind, TOO_MANY))]
        return [ret(None, [(oid, s._replace(value=s.value + 1, counts=bump(s.counts, pid, -1)))],
                    "released")]
    if method == "get_value":
        return [ret(s.value)]
    if method == "is_mine":
        return [ret(is_mine(s, pid))]
    if method == "peek":  # what __repr__ reads: _is_mine(), _get_value(), _count(), maxvalue
        return [ret((is_mine(s, pid), s.value, my_count(s, pid), s.maxvalue))]
    raise ValueError(f"unknown semlock operation {method}")


def describe(s: SemState, name) -> str:
    if recursive(s):
        return (_("held by {who} (depth {depth})").format(who=name(s.owner), depth=s.depth)
                if s.owner is not None else _("free"))
    if s.kind.endswith("Lock"):
        if s.value:
            return _("free")
        who = holders(s)
        return _("held by {who}").format(who=", ".join(name(p) for p in who)) if who else _("held")
    if s.kind == "BoundedSemaphore":
        return _("value {value} of {bound}").format(value=s.value, bound=s.maxvalue)
    return _("value {value}").format(value=s.value)


def short(s: SemState, name) -> str:
    """A few characters for a graph node: ``P2``, ``free``, ``1``."""
    if s.kind.endswith("Lock"):
        who = holders(s)
        return ",".join(name(p) for p in who) if who else ("free" if s.value else "held")
    return str(s.value)
