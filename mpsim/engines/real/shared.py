"""Value, Array, RawValue, RawArray: CPython's shared memory, one element access a step.

The facade converts and checks values in the calling process (ctypes itself, as CPython); what
is shared is a real ``RawArray`` of the model's ctype (a Value is its one cell).  Each read or write
the simulator makes one operation is one step here, holding the wrapper's real lock around it
when the simulator does - which is what CPython's ``Synchronized`` does - so ``v.value += 1`` is
two steps.
"""
from __future__ import annotations

from .cpython import real
from .outcome import steps


def make_shared(engine, state, ctype=None, **cpython):
    return real("sharedctypes").RawArray(ctype, list(state.cells))


def _access(engine, oid, index, lock, do):
    raw = engine.objects[oid]
    at = slice(*index) if isinstance(index, tuple) else index
    if lock is None:
        return do(raw, at)
    with engine.objects[lock]:
        return do(raw, at)


def get(engine, oid, args, carry):
    got = _access(engine, oid, args[0], args[-1], lambda raw, at: raw[at])
    return tuple(got) if isinstance(args[0], tuple) else got


def set_(engine, oid, args, carry):
    def write(raw, at):
        raw[at] = args[1]
    _access(engine, oid, args[0], args[-1], write)


ACTIONS = steps("shared", get=get, set=set_)
