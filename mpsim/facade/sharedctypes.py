"""Simulated multiprocessing.sharedctypes: Value, Array, RawValue, RawArray.

Values are converted by ctypes itself in the calling process (so overflow wraps and bad types
raise exactly as in CPython); each element read or write is then one operation on the shared
cells, taking the wrapper's lock around it when there is one.
"""
from __future__ import annotations

import ctypes

from ..primitives import shared
from .base import Handle

typecode_to_type = {
    "c": ctypes.c_char, "u": ctypes.c_wchar, "b": ctypes.c_byte, "B": ctypes.c_ubyte,
    "h": ctypes.c_short, "H": ctypes.c_ushort, "i": ctypes.c_int, "I": ctypes.c_uint,
    "l": ctypes.c_long, "L": ctypes.c_ulong, "q": ctypes.c_longlong, "Q": ctypes.c_ulonglong,
    "f": ctypes.c_float, "d": ctypes.c_double,
}


def _ctype(typecode_or_type):
    return typecode_to_type.get(typecode_or_type, typecode_or_type)


def _convert(ctype, value):
    return ctype(value).value


class _Memory(Handle):
    """Shared cells; ``_lock`` is the guarding lock handle or None for raw memory."""

    def __init__(self, ctype, cells, lock):
        self._ctype = ctype
        self._size = len(cells)
        self._lock = lock
        self._bind(shared.new(cells), ctype=ctype)

    def _extra(self):
        return (self._ctype, self._size, self._lock)

    def _restore(self, extra):
        self._ctype, self._size, self._lock = extra

    def _mpsim_parts(self):
        return [("'s lock", self._lock)] if self._lock is not None else []  # "v's lock"

    def _lock_id(self):
        return self._lock._mpsim_oid if self._lock is not None else None

    def _get(self, index, shown):
        return self._op("get", (index, self._lock_id()), shown)

    def _set(self, index, value, shown):
        self._op("set", (index, value, self._lock_id()), shown)


class _ValueBase(_Memory):
    @property
    def value(self):
        return self._get(0, "{}.value")

    @value.setter
    def value(self, new):
        new = _convert(self._ctype, new)
        self._set(0, new, f"{{}}.value = {new!r}")


class RawValueObject(_ValueBase):
    def _shared_name(self):
        return self._ctype.__name__

    def __getattr__(self, name):
        raise AttributeError(f"'{self._ctype.__name__}' object has no attribute '{name}'")

    def __repr__(self):
        return f"{self._ctype.__name__}({self._op('get', (0, None), '{}  [repr]')!r})"


class Synchronized(_ValueBase):
    _raw_class = RawValueObject  # what get_obj() returns

    def get_lock(self):
        return self._lock

    def get_obj(self):
        raw = self._raw_class.__new__(self._raw_class)
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
        # CPython shows the raw object, read without the lock
        value = self._op("get", (0, None), "{}  [repr]")
        return f"<Synchronized wrapper for {self._ctype.__name__}({value!r})>"


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

    def __getitem__(self, i, *_):
        # ``*_`` keeps CPython 3.11 from specialising the caller's BINARY_SUBSCR into an inlined
        # call (BINARY_SUBSCR_GETITEM), which moves the caller's f_lasti from the instruction to
        # its last cache entry after a few runs - the same local state would get two fingerprints.
        idx = self._index(i)
        got = self._get(idx, f"{{}}[{_shown_index(i)}]")
        if not isinstance(idx, tuple):
            return got
        # a slice of a char array is bytes (c_char) or str (c_wchar), as in ctypes
        return b"".join(got) if self._ctype is ctypes.c_char else (
            "".join(got) if self._ctype is ctypes.c_wchar else list(got))

    def __setitem__(self, i, value):
        idx = self._index(i)
        if isinstance(idx, tuple):
            value = [_convert(self._ctype, v) for v in value]
            if len(value) != len(range(*idx)):
                raise ValueError("Can only assign sequence of same size")
        else:
            value = _convert(self._ctype, value)
        self._set(idx, value, f"{{}}[{_shown_index(i)}] = {value!r}")


    def _string(self, attr):
        """``.value`` / ``.raw`` of a char array: all its cells read in one operation."""
        cells = self._get((0, self._size, 1), f"{{}}.{attr}")
        return getattr((self._ctype * self._size)(*cells), attr)

    def _set_string(self, attr, new):
        """Assign ``.value`` / ``.raw`` as ctypes does (its checks and messages), writing the
        cells it changes (``.value`` adds a terminating NUL when there is room) in one
        operation."""
        cells = _assigned(self._ctype, self._size, attr, new)
        self._set((0, len(cells), 1), cells, f"{{}}.{attr} = {new!r}")


def _assigned(ctype, size, attr, new) -> list:
    """The first cells of a char array of ``size`` after ``array.attr = new``."""
    local = (ctype * size)()
    setattr(local, attr, new)
    n = min(len(new) + (attr == "value"), size)
    return [local[i] for i in range(n)]


def _string_property(attr, types):
    def get(self):
        if self._ctype not in types:
            raise AttributeError(f"'{self._typename()}' object has no attribute '{attr}'")
        return self._string(attr)

    def put(self, new):
        if self._ctype not in types:
            raise AttributeError(f"'{self._typename()}' object has no attribute '{attr}'")
        self._set_string(attr, new)
    return property(get, put)


def _shown_index(i):
    if isinstance(i, slice):
        return ":".join("" if x is None else str(x) for x in (i.start, i.stop)) + (
            f":{i.step}" if i.step is not None else "")
    return str(i)


class RawArrayObject(_ArrayBase):
    value = _string_property("value", (ctypes.c_char, ctypes.c_wchar))
    raw = _string_property("raw", (ctypes.c_char,))

    def _typename(self):
        return f"{self._ctype.__name__}_Array_{self._size}"

    def _shared_name(self):
        return self._typename()

    def __repr__(self):
        return f"<{self._ctype.__name__}_Array_{self._size}>"


class SynchronizedArray(_ArrayBase):
    _raw_class = RawArrayObject
    get_lock = Synchronized.get_lock
    get_obj = Synchronized.get_obj
    acquire = Synchronized.acquire
    release = Synchronized.release
    __enter__ = Synchronized.__enter__
    __exit__ = Synchronized.__exit__

    def __repr__(self):
        return f"<{type(self).__name__} wrapper for {self._ctype.__name__}_Array_{self._size}>"


class SynchronizedString(SynchronizedArray):
    """CPython's wrapper of a locked ``c_char`` array: ``.value`` and ``.raw`` too."""

    value = _string_property("value", (ctypes.c_char,))
    raw = _string_property("raw", (ctypes.c_char,))


def _new_lock(ctx):
    from .synchronize import RLock

    return RLock(ctx=ctx)


def _guard(lock, ctx):
    if lock is None or lock is True:
        return _new_lock(ctx)
    if not hasattr(lock, "acquire"):
        raise AttributeError("%r has no method 'acquire'" % lock)
    return lock


def RawValue(typecode_or_type, *args):
    ctype = _ctype(typecode_or_type)
    return RawValueObject(ctype, [ctype(*args).value], None)


def RawArray(typecode_or_type, size_or_initializer):
    ctype = _ctype(typecode_or_type)
    if isinstance(size_or_initializer, int):
        cells = [ctype().value] * size_or_initializer
    else:
        cells = [_convert(ctype, v) for v in size_or_initializer]
    return RawArrayObject(ctype, cells, None)


def Value(typecode_or_type, *args, lock=True, ctx=None):
    if lock is False:
        return RawValue(typecode_or_type, *args)
    ctype = _ctype(typecode_or_type)
    cell = ctype(*args).value
    return Synchronized(ctype, [cell], _guard(lock, ctx))


def Array(typecode_or_type, size_or_initializer, *, lock=True, ctx=None):
    raw = RawArray(typecode_or_type, size_or_initializer)
    if lock is False:
        return raw
    cls = SynchronizedString if raw._ctype is ctypes.c_char else SynchronizedArray
    arr = cls.__new__(cls)
    arr.__dict__.update(raw.__dict__, _lock=_guard(lock, ctx))
    return arr
