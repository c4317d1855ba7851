"""The control connection between a real model process and the replay controller.

Each real model process has one (apart from the primitives under test), and so has each of its
queues' feeder threads.  Messages, process to controller::

    ("hello", key, pid)                          key: the process's ident, or feeder_key(...)
    ("child", ident, pid)                        it has started child ``ident``
    ("at", target, method, phase, loc, out)      a declared step, waiting for its turn
    ("ok", value, out)                           the step's real action returned ``value``
    ("cont", phase, observed, out)               it went on to ``phase`` (``observed``: what
                                                 CPython's code saw there)
    ("err", type, message, out)                  it raised
    ("done", exitcode, error, out)               the process's code has ended: it exits
    ("unsupported", message)

``out`` is what the process printed since its previous message: ``((stream, text), ...)``.
Controller to process: ("go", clock, value) - the turn: the simulated clock (ns) after the step,
from which the process's clock goes on, and the value the simulator's step took where it chose
among several (an unseeded ``random`` draw) -, "stop", or ("maintain", pool oid, exited idents) -
a pool's worker handler interrupts the operation announced (``facade/pool.py``).
"""
from __future__ import annotations

import json
import os
import signal
from typing import NamedTuple

CONFIG_VAR = "MPSIM_REPLAY"
STOP_SIGNAL = signal.SIGUSR1  # the controller's "stop now" to a process that is not waiting for it


class Config(NamedTuple):
    """What every real model process of one replay is told."""

    address: str  # the controller's (abstract AF_UNIX) address
    key: str  # hex of the authentication key
    model: str  # absolute path of the model's main file
    argv: list  # the main process's sys.argv
    path: list  # the main process's sys.path
    env: dict  # the main process's os.environ
    cwd: str
    default_method: str  # the start method of the default context until the model sets one
    semprefix: str  # CPython's prefix of named semaphores: this replay's (``SEMPREFIX``)
    tempdir: str  # multiprocessing's temporary directory (a manager's socket): this replay's own
    time_scale: float  # real seconds per virtual second of a timed schedule (0: not scaled)
    origin: float  # the controller's time.monotonic() as the replay began: virtual time 0

    def encode(self) -> str:
        return json.dumps(self._asdict())

    @classmethod
    def decode(cls, text: str) -> "Config":
        return cls(**json.loads(text))

    @property
    def directory(self) -> str:
        return os.path.dirname(self.model)


def semprefix(controller_pid: int) -> str:
    """The names of the named semaphores a replay's processes create start with this (CPython's
    own prefix, ``/mp``, and the controller's pid): what a replay leaves behind can be told from
    what other programs create."""
    return f"/mp-mpsim{controller_pid}"


def tempdir_prefix(controller_pid: int) -> str:
    """The name of a replay's temporary directory (``Config.tempdir``) begins with this."""
    return f"mpsim-replay-{controller_pid}-"


def feeder_key(ident, oid) -> tuple:
    """Who the feeder thread of process ``ident`` for queue ``oid`` is to the controller."""
    return ("feeder", ident, oid)


class Control:
    """One control connection; ``on_stop()`` is called when the controller says stop (or is
    gone).  ``out`` collects what is printed until the next message."""

    def __init__(self, config: Config, key, pid: int, on_stop):
        from .cpython import real
        self.on_stop = on_stop
        self.out = []
        self.conn = real("connection").Client(config.address, authkey=bytes.fromhex(config.key))
        self.send(("hello", key, pid))

    def send(self, message):
        try:
            self.conn.send(message)
        except OSError:
            self.on_stop()

    def _with_output(self, message):
        out, self.out = tuple(self.out), []
        self.send(message + (out,))

    def turn(self, message):
        """Announce ``message`` and wait for the answer."""
        self._with_output(message)
        try:
            answer = self.conn.recv()
        except (EOFError, OSError):
            answer = "stop"
        if answer == "stop":
            self.on_stop()
        return answer

    def reply(self, message):
        self._with_output(message)

    def close(self):
        self.conn.close()
