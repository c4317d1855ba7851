"""Real pipe I/O cut where the simulator cuts it (``mpsim/primitives/channel.py``), and Pipe().

A message on a real pipe or socket is what CPython's ``Connection`` writes: a 4-byte big-endian
length, then the payload.  The simulator writes a message in one step when it fits in the OS
buffer, else the part that fits, and the rest in later steps once a reader made room; a reader
takes a whole message, or drains the part of it that is there.  So a write step waits until the
descriptor can take something, then writes without blocking as much as the kernel accepts; a read
step waits until something is readable, then reads without blocking what is there of the head
message.  The message in progress is carried from step to step (``Writing``/``Reading``).  A step
that can make no progress blocks in ``select`` - asleep in the kernel, which is what a predicted
deadlock must show.

The kernel does not count bytes the way the simulator does: a Linux pipe fills in 4 KiB pages and
a Unix socket reports room only when a quarter of its buffer is free, so near a full buffer the
real write may stop earlier or later than the simulated one.  The replay then reports the step
where they differ; it does not paper over it.

``Pipe()`` is CPython's ``multiprocessing.connection.Pipe``: a process holds its copies of the two
ends; a spawned child gets, as in CPython, exactly the ends pickled for it.
"""
from __future__ import annotations

import fcntl
import os
import select
import struct
import termios

from .cpython import real
from .outcome import Next, steps

HEADER = struct.Struct("!i")
EOF_IN_MESSAGE = "got end of file during message"


class Writing:
    """A message being written: header and payload, and how much of it is in the kernel."""

    def __init__(self, payload: bytes):
        self.data = memoryview(HEADER.pack(len(payload)) + bytes(payload))
        self.done = 0

    def complete(self) -> bool:
        return self.done == len(self.data)


class Reading:
    """The head message being read: the header's bytes, then the payload's."""

    def __init__(self):
        self.header = b""
        self.payload = bytearray()
        self.size = None

    def missing(self) -> int:
        if self.size is None:
            return HEADER.size - len(self.header)
        return self.size - len(self.payload)


def write_turn(fd: int, writing: Writing) -> bool:
    """Write what the kernel takes now (waiting until it takes something); True when the whole
    message is written.  ``BrokenPipeError`` when no reader is left, as CPython's send."""
    while True:
        progressed = _nonblocking(fd, lambda: _write_some(fd, writing))
        if progressed or writing.complete():
            return writing.complete()
        select.select([], [fd], [])


def _write_some(fd, writing) -> bool:
    progressed = False
    while not writing.complete():
        try:
            n = os.write(fd, writing.data[writing.done:])
        except BlockingIOError:
            break
        writing.done += n
        progressed = True
    return progressed


def read_turn(fd: int, reading: Reading):
    """Read what is there of the head message (waiting until something is); the payload when
    complete, else None.  ``EOFError`` at end of file before a message, ``OSError`` within one."""
    while True:
        progressed = _nonblocking(fd, lambda: _read_some(fd, reading))
        if reading.size is not None and reading.missing() == 0:
            return bytes(reading.payload)
        if progressed:
            return None
        select.select([fd], [], [])


def _read_some(fd, reading) -> bool:
    """Read the bytes that are there; an end of file only when nothing was (the simulator sees
    it in a later step than the data before it)."""
    progressed = False
    while reading.size is None or reading.missing():
        available = _available(fd)
        if available == 0 and progressed:
            break
        try:
            chunk = os.read(fd, min(available, reading.missing()) if available else reading.missing())
        except BlockingIOError:
            break
        if not chunk:
            if reading.size is None and not reading.header:
                raise EOFError
            raise OSError(EOF_IN_MESSAGE)
        progressed = True
        if reading.size is None:
            reading.header += chunk
            if len(reading.header) == HEADER.size:
                reading.size = HEADER.unpack(reading.header)[0]
        else:
            reading.payload += chunk
    return progressed


def _available(fd) -> int:
    """Bytes ready to be read from ``fd`` (pipe or socket)."""
    return struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0"))[0]


def _nonblocking(fd, do):
    was = os.get_blocking(fd)
    os.set_blocking(fd, False)
    try:
        return do()
    finally:
        os.set_blocking(fd, was)


def write_step(fd: int, payload: bytes, carry, phase: str):
    """One step of writing ``payload`` (``carry``: the message in progress, or None)."""
    writing = carry or Writing(payload)
    return None if write_turn(fd, writing) else Next(phase, None, writing)


def read_step(fd: int, carry, phase: str):
    """One step of reading a message: its payload, or a ``Next`` while it is incomplete."""
    reading = carry or Reading()
    data = read_turn(fd, reading)
    return data if data is not None else Next(phase, None, reading)


# -- Pipe() -----------------------------------------------------------------------------------------

def make_pipe(engine, state, **cpython):
    a, b = real("connection").Pipe(state.duplex)
    return {0: a, 1: b}


def export_end(engine, oid):
    """The end being pickled for a spawned child (the facade names it in ``spawning``)."""
    if not engine.spawning or engine.spawning[-1][0] != oid:
        engine.not_covered("a Connection sent through a pipe or queue")
    end = engine.spawning[-1][1]
    return end, engine.objects[oid][end]


def adopt_end(engine, oid, data):
    end, conn = data
    engine.objects.setdefault(oid, {})[end] = conn


def _end(engine, oid, args):
    return engine.objects[oid][args[0]]


def send(engine, oid, args, carry):
    return write_step(_end(engine, oid, args).fileno(), args[1], carry, "writing")


def recv(engine, oid, args, carry):
    return read_step(_end(engine, oid, args).fileno(), carry, "reading")


def poll(engine, oid, args, carry):
    return _end(engine, oid, args).poll(args[1])


def close(engine, oid, args, carry):
    _end(engine, oid, args).close()


ACTIONS = steps("pipe", send=(send, send), recv=(recv, recv), poll=poll, close=close)
