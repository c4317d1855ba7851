"""Messages between the controller and a simulated process over a Unix socket.

A message is a zero byte, a 4-byte length and a pickle.  Anything else on the socket is the text
``faulthandler`` writes when the process dies of a fatal signal (it is enabled on the same
socket), which the controller shows as the process's last words; so is a message that does not
unpickle (a model that broke the process's own code).  File descriptors travel beside a message
(``send_fds``): a forked process hands its new control socket to the controller so.

The sockets are ``_socket`` objects, made without the ``socket`` module's names, which a model
process has replaced (``facade/_stdlib.py``).
"""
from __future__ import annotations

import _socket
import pickle
import socket
import struct
import time
from typing import NamedTuple

_HEADER = struct.Struct(">BI")
FLUSH = 0  # in Report.lines: the process flushed its stdout here (what a pipe would then carry)


class Report(NamedTuple):
    """What a simulated process reports when it stops at an operation or ends."""

    op: tuple | None  # (target, method, args, shown, loc, decode); None once it has ended
    done: tuple | None  # (exit code, error) once it has ended
    fp: bytes | None  # its fingerprint; None: it cannot be merged
    why: str | None  # why not
    out: tuple  # ((stream, text), ...) printed since its last report
    lines: tuple  # whole stdout lines completed since, and FLUSH where stdout was flushed
    effects: tuple  # (("create", oid, state) | ("unlink", oid), ...)
    names: dict  # oid -> the variable that holds it
    shown: str | None  # how the value it received last looked
    signals: tuple  # ((signum, "ignore" | "handler"), ...): the signals it does not take by default
    draws: tuple  # ((what, (file, line)), ...) values drawn from the OS in CPython (random...)
    advanced: int  # how far (ns) its reads of the clock moved the machine's clock
    clock_aware: bool  # it has read the clock (its memory may hold what it read)
    asked: bool  # this run asked for the default start method


def socketpair():
    """A connected pair of Unix stream sockets."""
    return _socket.socketpair(_socket.AF_UNIX, _socket.SOCK_STREAM)


class Closed(Exception):
    """The other side is gone; ``text`` is what it wrote last outside the protocol, if anything."""

    def __init__(self, text: str = ""):
        super().__init__(text)
        self.text = text


class Channel:
    def __init__(self, sock: _socket.socket):
        self.sock = sock

    @classmethod
    def from_fd(cls, fd: int) -> "Channel":
        return cls(_socket.socket(fileno=fd))

    def fileno(self) -> int:
        return self.sock.fileno()

    def send(self, message, fds=()):
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        frame = _HEADER.pack(0, len(data)) + data
        if fds:
            sent = socket.send_fds(self.sock, [frame[:1]], list(fds))
            if sent != 1:
                raise Closed()
            frame = frame[1:]
        self.sock.sendall(frame)

    def recv(self, with_fds: int = 0):
        """The next message (and the descriptors sent with it when ``with_fds``)."""
        fds = []
        if with_fds:
            first, fds, _, _ = socket.recv_fds(self.sock, 1, with_fds)
            if not first:
                raise Closed()
            head = first + self._exactly(_HEADER.size - 1)
        else:
            head = self._exactly(_HEADER.size)
        marker, size = _HEADER.unpack(head)
        if marker != 0:
            raise Closed((head + self._rest()).decode("utf-8", "replace"))
        data = self._exactly(size)
        try:
            message = pickle.loads(data)
        except Exception as exc:  # noqa: BLE001 - whatever it sent, it no longer speaks the protocol
            raise Closed(f"a message that does not unpickle ({type(exc).__name__}: {exc})") from None
        return (message, fds) if with_fds else message

    def _exactly(self, n: int) -> bytes:
        chunks = []
        while n:
            chunk = self.sock.recv(min(n, 1 << 20))
            if not chunk:
                raise Closed(b"".join(chunks).decode("utf-8", "replace"))
            chunks.append(chunk)
            n -= len(chunk)
        return b"".join(chunks)

    def _rest(self, idle=0.1, most=1.0) -> bytes:
        """What follows, until the other side closes, is silent for ``idle`` s (faulthandler
        wrote a stack and the process goes on) or ``most`` s have passed."""
        chunks = []
        end = time.monotonic() + most
        try:
            while time.monotonic() < end:
                self.sock.settimeout(idle)
                chunk = self.sock.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        except OSError:
            pass
        finally:
            try:
                self.sock.settimeout(None)
            except OSError:
                pass
        return b"".join(chunks)

    def close(self):
        self.sock.close()
