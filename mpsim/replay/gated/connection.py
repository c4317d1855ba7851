"""Gated multiprocessing.connection: Pipe() over a real OS pipe or socket pair.

The class is the simulator's ``Connection`` (``mpsim/facade/connection.py``) - its argument
checks, its ``closed``/read-only/write-only errors and its pickling happen locally, the same code
- with each operation performed as a turn on the real descriptor instead of a simulated step:
``send`` writes the message (``channel.write_turn``, one turn per part when the buffer is full),
``recv`` reads one (``channel.read_turn``), ``poll`` and ``close`` are the real ones.  A
connection passed to a spawned child travels as CPython passes it (the real ``Connection``'s own
reduction duplicates the descriptor); a forked child inherits it.
"""
from __future__ import annotations

import multiprocessing as mp
from multiprocessing.reduction import ForkingPickler

from ...facade import connection as simulated
from ..gate import GATE, Continue
from . import channel


class Connection(simulated.Connection):
    def _gate(self, oid, end, real):
        self._setup(oid, end, real.readable, real.writable)
        self._real = real
        self._writing = None
        self._reading = None
        return self

    def __reduce__(self):
        return _rebuild, (self._mpsim_oid, self._end, self._real, self._closed)

    def __deepcopy__(self, memo):
        raise TypeError("a gated connection is not copied")

    def _dumps(self, obj) -> bytes:
        return bytes(ForkingPickler.dumps(obj))

    def _loads(self, data: bytes):
        return ForkingPickler.loads(data)

    def _waited(self, seconds):
        pass  # the real time has passed

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
        writing = channel.Writing(payload)
        phase = None

        def turn():
            return None if channel.write_turn(self._real.fileno(), writing) else Continue(None)
        while GATE.perform(self._mpsim_oid, "send", turn, phase=phase) is not None:
            phase = "writing"

    def _recv(self):
        reading = channel.Reading()
        phase = None

        def turn():
            got = channel.read_turn(self._real.fileno(), reading)
            return Continue(None) if got is None else got
        while True:
            got = GATE.perform(self._mpsim_oid, "recv", turn, phase=phase)
            if not isinstance(got, Continue):
                return got
            phase = "reading"


def _rebuild(oid, end, real, closed):
    conn = Connection.__new__(Connection)._gate(oid, end, real)
    conn._closed = closed
    return conn


def Pipe(duplex=True, *, ctx=None):
    oid = GATE.new_oid()
    a, b = mp.Pipe(duplex)
    return Connection()._gate(oid, 0, a), Connection()._gate(oid, 1, b)
