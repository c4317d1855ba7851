"""Gated multiprocessing.connection: Pipe() over a real OS pipe or socket pair, and wait().

The class is the simulator's ``Connection`` (``mpsim/facade/connection.py``) - its argument
checks, its ``closed``/read-only/write-only errors and its pickling happen locally, the same code
- with each operation performed as a turn on the real descriptor instead of a simulated step:
``send`` writes the message (``channel.write_turn``, one turn per part when the buffer is full),
``recv`` reads one (``channel.read_turn``), ``poll`` and ``close`` are the real ones.  A
connection passed to a spawned child travels as CPython passes it (the real ``Connection``'s own
reduction duplicates the descriptor); a forked child inherits it.  ``wait`` is one turn of the
real ``multiprocessing.connection.wait`` over the real connections and sentinels.
"""
from __future__ import annotations

import multiprocessing as mp
from multiprocessing import connection as real_connection
from multiprocessing import process as real_process

from ...facade import connection as simulated
from ..gate import GATE
from . import channel
from .process import Process
from .real import Real


class Connection(Real, simulated.Connection):
    def _gate(self, oid, end, real):
        self._setup(oid, end, real.readable, real.writable)
        self._real = real
        return self

    def __reduce__(self):
        return _rebuild, (self._mpsim_oid, self._end, self._real, self._closed)

    def _op(self, method, args=(), shown="", decode=False):
        if method == "send":
            return self._send(args[1])
        if method == "recv":
            return self._recv()
        if method == "poll":
            timeout = args[1]
            return GATE.perform(self._mpsim_oid, "poll", lambda: self._real.poll(timeout), timeout=timeout)
        if method == "close":
            return GATE.perform(self._mpsim_oid, "close", self._real.close)
        raise ValueError(method)

    def _send(self, payload):
        channel.send(self._mpsim_oid, "send", self._real.fileno, payload)

    def _recv(self):
        return channel.receive(self._mpsim_oid, "recv", self._real.fileno)


def _rebuild(oid, end, real, closed):
    conn = Connection.__new__(Connection)._gate(oid, end, real)
    conn._closed = closed
    return conn


def Pipe(duplex=True, *, ctx=None):
    oid = GATE.new_oid()
    a, b = mp.Pipe(duplex)
    return Connection()._gate(oid, 0, a), Connection()._gate(oid, 1, b)


def wait(object_list, timeout=None):
    """What the simulator's ``connection.wait`` accepts (the same local checks), then one turn."""
    objects = list(object_list)
    sentinels = {p.sentinel for p in real_process._children if isinstance(p, Process)}
    for obj in objects:
        if isinstance(obj, Connection):
            obj._check()
        elif not (isinstance(obj, int) and obj in sentinels):
            GATE.unsupported(f"multiprocessing.connection.wait on {obj!r}")
    reals = [obj._real if isinstance(obj, Connection) else obj for obj in objects]

    def do():
        ready = real_connection.wait(reals, timeout)
        return tuple(i for i, r in enumerate(reals) if any(r is x or r == x for x in ready))
    return [objects[i] for i in GATE.perform(None, "wait", do, timeout=timeout)]
