"""The controller's end of the control connections: one per real process, apart from the primitives.

A listening socket (an abstract AF_UNIX name on Linux - no file to leave behind - else a loopback
TCP port) takes a connection from each real process as it starts, authenticated with a random
key as ``multiprocessing.connection`` does it; the first message names the process's identity.
Messages are kept per process until the controller asks for them.  Once ``stopping`` is set,
every turn a process asks for is answered "stop".
"""
from __future__ import annotations

import os
import socket
import sys
import time
from collections import deque
from multiprocessing import AuthenticationError
from multiprocessing.connection import Connection, answer_challenge, deliver_challenge, wait

from ..engines.real.wire import Config, semprefix


class Switchboard:
    def __init__(self):
        self.key = os.urandom(32)
        if sys.platform.startswith("linux"):
            self.address = f"\0mpsim-replay-{os.getpid()}-{os.urandom(8).hex()}"
            self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        else:
            self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self.address = ("127.0.0.1", 0)
        self._socket.bind(self.address)
        if not isinstance(self.address, str):
            self.address = self._socket.getsockname()
        self._socket.listen(64)
        self.conns = {}  # identity -> Connection
        self.pids = {}  # identity -> pid
        self.inbox = {}  # identity -> deque of messages; ("eof",) when the connection closes
        self.stopping = False

    def config(self, model: str, spec: dict, default_method: str, time_scale: float,
               tempdir: str) -> Config:
        """What the real processes are told: this switchboard, how the simulator started the
        main process (``spec``), how fast their clock runs (``time_scale``), and the directory
        their ``multiprocessing`` keeps its temporary files in (``tempdir``)."""
        return Config(self.address, self.key.hex(), model, list(spec["argv"]), list(spec["path"]),
                      dict(spec["env"]), spec["cwd"], default_method, semprefix(os.getpid()),
                      tempdir, time_scale, time.monotonic())

    # -- receiving ------------------------------------------------------------------------------
    def receive(self, ident, timeout: float):
        """The next message of process ``ident`` (connecting it if need be), or None on timeout."""
        deadline = time.monotonic() + timeout
        while not self.inbox.get(ident):
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.pump(left)
        return self.inbox[ident].popleft()

    def pump(self, timeout: float):
        """Accept new connections and read every message that has arrived, waiting at most
        ``timeout`` for the first."""
        ready = wait([self._socket, *self._connected()], timeout)
        for obj in ready:
            if obj is self._socket:
                self._accept()
            else:
                self._read(obj)

    def _connected(self) -> list:
        return [c for i, c in self.conns.items() if not c.closed]

    def _accept(self):
        sock, _ = self._socket.accept()
        conn = Connection(sock.detach())
        try:
            deliver_challenge(conn, self.key)
            answer_challenge(conn, self.key)
            _, ident, pid = conn.recv()
        except (OSError, EOFError, ValueError, AuthenticationError):
            conn.close()
            return
        self.conns[ident] = conn
        self.pids[ident] = pid
        self.inbox.setdefault(ident, deque())

    def _read(self, conn):
        ident = next(i for i, c in self.conns.items() if c is conn)
        try:
            message = conn.recv()
        except (EOFError, OSError):
            conn.close()
            message = ("eof",)
        if message[0] == "child":  # a process started a child: its pid, before it connects
            self.pids.setdefault(message[1], message[2])
            return
        if self.stopping and message[0] == "at":
            self.send(ident, "stop")
            return
        self.inbox[ident].append(message)

    # -- sending --------------------------------------------------------------------------------
    def send(self, ident, message):
        """Send if the process is still connected (a process that is gone cannot take a turn;
        the controller notices when it waits for its answer)."""
        conn = self.conns.get(ident)
        if conn is not None and not conn.closed:
            try:
                conn.send(message)
            except OSError:
                pass

    def close(self):
        for conn in self.conns.values():
            conn.close()
        self._socket.close()
