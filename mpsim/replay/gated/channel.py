"""Real pipe I/O cut where the simulator cuts it (``mpsim/primitives/channel.py``).

A message on a real pipe or socket is what ``multiprocessing.connection.Connection`` writes: a
4-byte big-endian length, then the payload.  The simulator writes a message in one step when it
fits in the OS buffer, else the part that fits, and the rest in later steps once a reader made
room; a reader takes a whole message, or drains the part of it that is there.  So here a write
turn waits until the descriptor can take something, then writes without blocking as much as the
kernel accepts; a read turn waits until something is readable, then reads without blocking what
is there of the head message.  The state of a message in progress lives in ``Writing`` /
``Reading`` between turns.  A turn that can make no progress blocks in ``select`` - asleep in the
kernel, which is what a predicted deadlock must show.

The kernel does not count bytes the way the simulator does: a Linux pipe fills in 4 KiB pages
and a Unix socket reports room only when a quarter of its buffer is free, so near a full buffer
the real write may stop earlier or later than the simulated one.  The replay then reports the
step where they differ (``DidNotReproduce``); it does not paper over it.
"""
from __future__ import annotations

import fcntl
import os
import select
import struct
import termios

from ..gate import GATE, Continue

HEADER = struct.Struct("!i")
EOF_IN_MESSAGE = "got end of file during message"


class Writing:
    """A message being written: header and payload, and how much of it is in the kernel."""

    def __init__(self, payload: bytes):
        self.data = memoryview(HEADER.pack(len(payload)) + bytes(payload))
        self.done = 0


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
        if progressed or writing.done == len(writing.data):
            return writing.done == len(writing.data)
        select.select([], [fd], [])


def _write_some(fd, writing) -> bool:
    progressed = False
    while writing.done < len(writing.data):
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


def send(oid, method, fd, payload, *, lock=None):
    """Write ``payload`` to descriptor ``fd()`` as the operation ``method`` of object ``oid``."""
    writing = Writing(payload)
    phase = None

    def turn():
        if phase is None and lock is not None:
            lock.acquire()
        return _holding(lock, lambda: None if write_turn(fd(), writing) else Continue(None))
    while GATE.perform(oid, method, turn, phase=phase) is not None:
        phase = "writing"


def receive(oid, method, fd, *, lock=None, begin=None, done=None, timeout=None) -> bytes:
    """Read one message from descriptor ``fd()``.  The first turn takes ``lock``, or calls
    ``begin()`` which takes it (and may raise, as a timed ``get`` does); ``done()`` runs once the
    message is complete."""
    reading = Reading()
    phase = None

    def turn():
        if phase is None:
            if begin is not None:
                begin()
            elif lock is not None:
                lock.acquire()
        got = _holding(lock, lambda: Continue(None) if (data := read_turn(fd(), reading)) is None else data)
        if not isinstance(got, Continue) and done is not None:
            done()
        return got
    got = GATE.perform(oid, method, turn, timeout=timeout)
    while isinstance(got, Continue):
        phase = "reading"
        got = GATE.perform(oid, method, turn, phase=phase)
    return got


def _holding(lock, do):
    """Run ``do()`` holding ``lock`` (if any): released when it completes or fails, kept while
    the message is still in progress (a ``Continue``)."""
    try:
        result = do()
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    if lock is not None and not isinstance(result, Continue):
        lock.release()
    return result
