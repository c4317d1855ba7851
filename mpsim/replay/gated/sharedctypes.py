"""Gated multiprocessing.sharedctypes: the simulator's classes on real shared memory.

The classes and constructors are the simulator's (``mpsim/facade/sharedctypes.py``: conversion,
index checks, the wrapper's lock, reprs - the same code); only the memory differs: a real
``RawArray`` (a Value is its one cell), and each element read or write the simulator makes one
operation is one turn here, holding the real lock around it when the simulator does - which is
what CPython's ``Synchronized`` does - so ``v.value += 1`` is two turns.
"""
from __future__ import annotations

from multiprocessing import sharedctypes as real

from ...facade import sharedctypes as simulated
from ..gate import GATE
from .real import Real


class _Real(Real):
    """Real cells instead of a simulated shared state."""

    def _bind(self, state):
        self._raw = real.RawArray(self._ctype, list(state.cells))
        self._mpsim_oid = GATE.new_oid()

    def _op(self, method, args=(), shown="", decode=False):
        index, locked = args[0], args[-1] is not None  # (index, [value,] the lock's id or None)
        at = slice(*index) if isinstance(index, tuple) else index
        if method == "get":
            def do():
                return self._raw[at]
        else:
            def do():
                self._raw[at] = args[1]
        if locked:
            unlocked = do

            def do():
                with self._lock._real:
                    return unlocked()
        return GATE.perform(self._mpsim_oid, method, do)


class RawValueObject(_Real, simulated.RawValueObject):
    pass


class Synchronized(_Real, simulated.Synchronized):
    _raw_class = RawValueObject


class RawArrayObject(_Real, simulated.RawArrayObject):
    pass


class SynchronizedArray(_Real, simulated.SynchronizedArray):
    _raw_class = RawArrayObject


class Constructors(simulated.Constructors):
    RawValueObject = RawValueObject
    RawArrayObject = RawArrayObject
    Synchronized = Synchronized
    SynchronizedArray = SynchronizedArray

    def new_lock(self, ctx):
        from .synchronize import RLock

        return RLock(ctx=ctx)


_MAKE = Constructors()
RawValue, RawArray = _MAKE.RawValue, _MAKE.RawArray


def Value(typecode_or_type, *args, lock=True, ctx):
    return _MAKE.Value(typecode_or_type, *args, lock=lock, ctx=ctx)


def Array(typecode_or_type, size_or_initializer, *, lock=True, ctx):
    return _MAKE.Array(typecode_or_type, size_or_initializer, lock=lock, ctx=ctx)
