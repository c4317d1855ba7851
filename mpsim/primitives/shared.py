"""Value and Array: shared ctypes memory as a pure state machine (docs/semantics.md §11).

Each element read or write is one operation.  Through a synchronized wrapper the access takes and
returns the wrapper's lock around it, so the operation names that lock and is enabled only while
the caller could take it - which is how ``with v.get_lock(): v.value += 1`` self-deadlocks when
the lock given was a plain ``Lock``.  ``v.value += 1`` is a read then a write: two operations.
"""
from __future__ import annotations

from typing import NamedTuple

from . import semlock
from .base import ret
from .declare import ONE, READ, WRITE, OpDecl, declare


OPS = declare(
    OpDecl("get", READ, "while another process holds its lock", touches=("lock",), data=True),
    OpDecl("set", WRITE, "while another process holds its lock", touches=("lock",), results=ONE,
           data=True),
)


class SharedState(NamedTuple):
    cells: tuple


def new(cells) -> SharedState:
    return SharedState(tuple(cells))


def step(view, oid, pid, method, args, phase):
    lock = args[-1]
    if lock is not None and not semlock.can_take(view[lock], pid):
        return []
    return [access(view, oid, pid, method, args)]


def kind(method, args) -> str:
    """READ (``get``) or WRITE (``set``)."""
    return OPS[method].access


def access(view, oid, pid, method, args):
    """The read or write itself, as if the guarding lock were free."""
    m = view[oid]
    index = args[0]
    if method == "get":
        if isinstance(index, tuple):  # a slice: a tuple, as results must be hashable
            return ret(m.cells[slice(*index)])
        return ret(m.cells[index])
    if method == "set":
        cells = list(m.cells)
        if isinstance(index, tuple):
            cells[slice(*index)] = args[1]
        else:
            cells[index] = args[1]
        return ret(None, [(oid, m._replace(cells=tuple(cells)))])
    raise ValueError(f"unknown shared memory operation {method}")


def holders(m: SharedState) -> list:
    return []


def describe(m: SharedState, name) -> str:
    return repr(m.cells[0]) if len(m.cells) == 1 else repr(list(m.cells))


def short(m: SharedState, name) -> str:
    return describe(m, name)
