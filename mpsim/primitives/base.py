"""The vocabulary shared by the pure primitive state machines.

A primitive is an immutable state value plus pure functions.  An operation on it is applied by
``step(view, pid, method, args, phase)`` which returns every possible outcome (an empty list means
the operation cannot move now: the process is blocked).  Outcomes never touch the scheduler: they
say which world entries change and what the calling process gets back.
"""
from __future__ import annotations

from typing import Any, NamedTuple


class Err(NamedTuple):
    """An exception to raise in the calling process, as CPython would print its last line."""

    type: str  # "ValueError", "threading.BrokenBarrierError", ...
    message: str = ""
    pickled: bytes | None = None  # the exception itself, when it came from running real code

    def __str__(self) -> str:
        return f"{self.type}: {self.message}" if self.message else self.type


class Outcome(NamedTuple):
    """One way an operation can go.

    ``updates`` maps world keys (a primitive id, or ``("proc", ident)``) to new values.
    ``kind`` is ``"return"`` (value goes back to the process), ``"raise"`` (value is an ``Err``)
    or ``"continue"`` (the operation is still in progress; value is its next phase).
    ``note`` is a few words for the trace ("times out", "sleeps", ...).
    ``timed``: this is the operation's timeout firing (or a sleep ending): the world allows it once
    the clock reaches the operation's deadline (always, in the untimed mode).
    """

    updates: tuple
    kind: str
    value: Any = None
    note: str = ""
    timed: bool = False


def ret(value=None, updates=(), note="", timed=False):
    return Outcome(tuple(updates), "return", value, note, timed)


def fail(err: Err, updates=(), note="", timed=False):
    return Outcome(tuple(updates), "raise", err, note, timed)


def cont(phase, updates=(), note="", timed=False):
    return Outcome(tuple(updates), "continue", phase, note, timed)


def bump(pairs: tuple, key, delta: int) -> tuple:
    """Add ``delta`` to ``key`` in a sorted tuple of (key, count) pairs, dropping zeros."""
    d = dict(pairs)
    n = d.get(key, 0) + delta
    if n:
        d[key] = n
    else:
        d.pop(key, None)
    return tuple(sorted(d.items()))
