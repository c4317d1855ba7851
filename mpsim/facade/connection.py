"""Simulated multiprocessing.connection: Pipe(), its Connection ends, and wait().

``send`` pickles in the sending process (errors are raised there, as in CPython) and writes the
message; ``recv`` unpickles in the receiving process.  The handle's own ``closed`` flag is local to
each process's copy; whether the *other* end is still open anywhere is world state.
"""
from __future__ import annotations

from ..primitives import pipe
from ._engine import engine
from .base import Handle, perform, unsupported

_CLOSED = "handle is closed"


class Connection(Handle):
    _inheritance_only = False  # connections may be pickled and sent (as DupFd) at any time

    def _setup(self, oid, end, readable, writable):
        self._mpsim_oid = oid
        self._end = end
        self._readable = readable
        self._writable = writable
        self._closed = False
        return self

    def _extra(self):
        spawning = engine().spawning
        if spawning is not None:
            spawning.append((self._mpsim_oid, self._end))
        return (self._end, self._readable, self._writable, self._closed)

    def _restore(self, extra):
        self._end, self._readable, self._writable, self._closed = extra

    def _mpsim_local(self):
        return (self._end, self._readable, self._writable, self._closed)

    def _check(self, readable=False, writable=False):
        if self._closed:
            raise OSError(_CLOSED)
        if readable and not self._readable:
            raise OSError("connection is write-only")
        if writable and not self._writable:
            raise OSError("connection is read-only")

    @property
    def closed(self):
        return self._closed

    @property
    def readable(self):
        return self._readable

    @property
    def writable(self):
        return self._writable

    def send(self, obj):
        self._check(writable=True)
        self._op("send", (self._end, self._dumps(obj)), "send(...)")

    def send_bytes(self, buf, offset=0, size=None):
        self._check(writable=True)
        data = bytes(memoryview(buf))
        if offset < 0:
            raise ValueError("offset is negative")
        if len(data) < offset:
            raise ValueError("buffer length < offset")
        if size is None:
            size = len(data) - offset
        elif size < 0:
            raise ValueError("size is negative")
        elif offset + size > len(data):
            raise ValueError("buffer length < offset + size")
        self._op("send", (self._end, data[offset:offset + size]), "send_bytes(...)")

    def recv(self):
        self._check(readable=True)
        return self._loads(self._op("recv", (self._end,), "recv()", decode=True))

    def recv_bytes(self, maxlength=None):
        self._check(readable=True)
        if maxlength is not None and maxlength < 0:
            raise ValueError("negative maxlength")
        data = self._op("recv", (self._end,), "recv_bytes()")
        if maxlength is not None and len(data) > maxlength:  # CPython's _bad_message_length
            if self._writable:
                self._readable = False
            else:
                self.close()
            raise OSError("bad message length")
        return data

    def recv_bytes_into(self, buf, offset=0):
        self._check(readable=True)
        view = memoryview(buf)
        if offset < 0 or offset > view.nbytes:
            raise ValueError("offset out of bounds")
        data = self._op("recv", (self._end,), "recv_bytes_into(...)")
        if len(data) > view.nbytes - offset:
            from multiprocessing import BufferTooShort
            raise BufferTooShort(data)
        view.cast("B")[offset:offset + len(data)] = data
        return len(data)

    def poll(self, timeout=0.0):
        self._check(readable=True)
        return self._op("poll", (self._end, timeout), "poll()" if timeout == 0.0 else f"poll({timeout!r})")

    def close(self):
        if not self._closed:
            self._closed = True
            self._op("close", (self._end,), "close()")

    def fileno(self):
        self._check()
        return 10 + 2 * self._mpsim_oid[1] + self._end

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return f"<multiprocessing.connection.Connection object at 0x7f01{self._mpsim_oid[1]:06x}{self._end:02x}>"


def Pipe(duplex=True, *, ctx=None):
    eng = engine()
    oid = eng.create(pipe.new(bool(duplex), eng.ident))
    eng.name_ends(oid)
    if duplex:
        return (Connection()._setup(oid, 0, True, True), Connection()._setup(oid, 1, True, True))
    return (Connection()._setup(oid, 0, True, False), Connection()._setup(oid, 1, False, True))


def wait(object_list, timeout=None):
    """``multiprocessing.connection.wait``: the objects that are ready - a Connection with data
    to read or whose other end is closed everywhere, the ``sentinel`` of a child that has ended -
    waiting (at most ``timeout`` seconds) until one is.  One operation: the world looks at all of
    them at once."""
    objects = list(object_list)
    specs = tuple(_wait_spec(obj) for obj in objects)
    shown = "wait([...])" if timeout is None else f"wait([...], {timeout!r})"
    ready = perform(None, "wait", (specs, timeout), shown)
    return [objects[i] for i in ready]


def _wait_spec(obj):
    if isinstance(obj, Connection):
        obj._check()
        return ("conn", obj._mpsim_oid, obj._end)
    from .process import MEMORY
    for child in MEMORY.children.values():
        if isinstance(obj, int) and child._popen is not None and child._popen.sentinel == obj:
            return ("proc", child._identity)
    unsupported(f"multiprocessing.connection.wait on {obj!r} (neither a Connection nor the "
                "sentinel of a child)")
