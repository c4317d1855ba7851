"""Gated multiprocessing.sharedctypes: Value, Array, RawValue, RawArray on real shared memory.

As in the simulator (``mpsim/facade/sharedctypes.py``), each element read or write is one turn,
taking the wrapper's lock around it when there is one - which is what CPython's ``Synchronized``
does - so ``v.value += 1`` is two turns, a locked read then a locked write.  Values are converted
and indices checked locally first, as in the simulator.
"""
from __future__ import annotations

from multiprocessing import sharedctypes as real
from multiprocessing.sharedctypes import typecode_to_type

from ..gate import GATE


def _ctype(typecode_or_type):
    return typecode_to_type.get(typecode_or_type, typecode_or_type)


def _convert(ctype, value):
    return ctype(value).value


class _Memory:
    """Real shared ctypes memory; ``_lock`` is the gated lock guarding it, or None."""

    def __init__(self, raw, ctype, size, lock):
        self._raw = raw
        self._ctype = ctype
        self._size = size
        self._lock = lock
        self._oid = GATE.new_oid()

    def _locked(self, do):
        if self._lock is None:
            return do()
        with self._lock._real:
            return do()

    def _get(self, index):
        if isinstance(index, tuple):
            return GATE.perform(self._oid, "get", lambda: self._locked(lambda: self._raw[slice(*index)]),
                                report=tuple)
        read = (lambda: self._raw.value) if index is None else (lambda: self._raw[index])
        return GATE.perform(self._oid, "get", lambda: self._locked(read))

    def _set(self, index, value):
        def write():
            if index is None:
                self._raw.value = value
            elif isinstance(index, tuple):
                self._raw[slice(*index)] = value
            else:
                self._raw[index] = value
        GATE.perform(self._oid, "set", lambda: self._locked(write))


class _ValueBase(_Memory):
    def _peek(self):
        GATE.perform(self._oid, "get", lambda: self._raw.value)

    @property
    def value(self):
        return self._get(None)

    @value.setter
    def value(self, new):
        self._set(None, _convert(self._ctype, new))


class RawValueObject(_ValueBase):
    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        raise AttributeError(f"'{self._ctype.__name__}' object has no attribute '{name}'")

    def __repr__(self):
        self._peek()
        return repr(self._raw)


class Synchronized(_ValueBase):
    def get_lock(self):
        return self._lock

    def get_obj(self):
        raw = RawValueObject.__new__(RawValueObject)
        raw.__dict__.update(self.__dict__, _lock=None)
        return raw

    def acquire(self, *args, **kwargs):
        return self._lock.acquire(*args, **kwargs)

    def release(self):
        return self._lock.release()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *exc):
        return self._lock.__exit__(*exc)

    def __repr__(self):
        self._peek()  # CPython shows the raw object, read without the lock
        return f"<Synchronized wrapper for {self._raw!r}>"


class _ArrayBase(_Memory):
    def __len__(self):
        return self._size

    def _index(self, i):
        if isinstance(i, slice):
            return i.indices(self._size)
        if not isinstance(i, int):
            raise TypeError("indices must be integers")
        if i < 0:
            i += self._size
        if not 0 <= i < self._size:
            raise IndexError("invalid index")
        return i

    def __getitem__(self, i):
        idx = self._index(i)
        got = self._get(idx)
        return list(got) if isinstance(idx, tuple) else got

    def __setitem__(self, i, value):
        idx = self._index(i)
        if isinstance(idx, tuple):
            value = [_convert(self._ctype, v) for v in value]
            if len(value) != len(range(*idx)):
                raise ValueError("Can only assign sequence of same size")
        else:
            value = _convert(self._ctype, value)
        self._set(idx, value)


class RawArrayObject(_ArrayBase):
    def __repr__(self):
        return repr(self._raw)


class SynchronizedArray(_ArrayBase):
    get_lock = Synchronized.get_lock
    acquire = Synchronized.acquire
    release = Synchronized.release
    __enter__ = Synchronized.__enter__
    __exit__ = Synchronized.__exit__

    def get_obj(self):
        raw = RawArrayObject.__new__(RawArrayObject)
        raw.__dict__.update(self.__dict__, _lock=None)
        return raw

    def __repr__(self):
        return f"<SynchronizedArray wrapper for {self._raw!r}>"


def _guard(lock, ctx):
    from .synchronize import RLock

    if lock is None or lock is True:
        return RLock(ctx=ctx)
    if not hasattr(lock, "acquire"):
        raise AttributeError("%r has no method 'acquire'" % lock)
    return lock


def RawValue(typecode_or_type, *args):
    ctype = _ctype(typecode_or_type)
    return RawValueObject(real.RawValue(ctype, *args), ctype, 1, None)


def RawArray(typecode_or_type, size_or_initializer):
    ctype = _ctype(typecode_or_type)
    raw = real.RawArray(ctype, size_or_initializer)
    return RawArrayObject(raw, ctype, len(raw), None)


def Value(typecode_or_type, *args, lock=True, ctx):
    if lock is False:
        return RawValue(typecode_or_type, *args)
    ctype = _ctype(typecode_or_type)
    raw = real.RawValue(ctype, *args)
    return Synchronized(raw, ctype, 1, _guard(lock, ctx))


def Array(typecode_or_type, size_or_initializer, *, lock=True, ctx):
    raw = RawArray(typecode_or_type, size_or_initializer)
    if lock is False:
        return raw
    arr = SynchronizedArray.__new__(SynchronizedArray)
    arr.__dict__.update(raw.__dict__, _lock=_guard(lock, ctx))
    return arr
