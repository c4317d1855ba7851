"""A real process's end of its control connection: wait for the turn, perform, report.

Every gated operation goes through ``GATE.perform``: it announces the operation to the controller
(the object's id, the method, the phase of a multi-step operation, the model line, and what the
process printed since its last message), waits for "go", performs the real operation and reports
its result or exception (type and message).  When the model's code has ended, the steps of the
process's exit are turns as well (``exit_turn``).  Messages, process to controller::

    ("hello", identity, pid)
    ("at", target, method, phase, loc, timeout, out)   # out: ((stream, text), ...)
    ("ok", value) | ("cont", value) | ("err", type, message)
    ("exit", exitcode, died, phase, out)               # died: "Type: message" or None
    ("unsupported", what)

and controller to process: "go", "stop", or ("maintain", pool oid, exited idents) - a pool's worker
handler interrupts the operation announced: replace those workers, then announce it again.  The
connection is the process's own (a forked child opens a new one, a queue's feeder thread has its
own: ``ThreadGate``), apart from the primitives under test.  "stop", or SIGUSR1 while the model runs,
raises ``ReplayStopped``: the model unwinds without further operations and the process exits
through CPython's normal exit path, so its semaphores are unlinked and nothing is left behind.
"""
from __future__ import annotations

import os
import signal
import sys
import traceback
from multiprocessing.connection import Client
from typing import NamedTuple

STOP_SIGNAL = signal.SIGUSR1
RUNNING, STOPPING, EXITING = "running", "stopping", "exiting"


def feeder_key(ident, oid) -> tuple:
    """The identity of the feeder thread of process ``ident`` for queue ``oid``."""
    return ("feeder", ident, oid)


class ReplayStopped(BaseException):
    """The controller ended the replay; a BaseException so that the model cannot swallow it."""


class Continue(NamedTuple):
    """A step of a multi-step operation finished; ``value`` is what the step reports."""

    value: object


class Capture:
    """Stands in for sys.stdout/sys.stderr: the model's output travels with the next message."""

    def __init__(self, gate, stream):
        self.gate = gate
        self.stream = stream

    def write(self, text):
        self.gate.out.append((self.stream, str(text)))
        return len(text)

    def flush(self):
        pass

    def isatty(self):
        return False


def error_line(exc: BaseException) -> str:
    """The last line of the traceback CPython would print: ``Type: message``."""
    return traceback.format_exception_only(type(exc), exc)[-1].strip()


def type_name(exc: BaseException) -> str:
    t = type(exc)
    return t.__qualname__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"


class Gate:
    def __init__(self):
        self.config = None
        self.identity = None
        self.conn = None
        self.state = RUNNING
        self.out = []
        self.seq = 0  # objects created so far by this process: ids as the simulator numbers them
        self.model_files = set()
        self.streams = None  # the real sys.stdout/sys.stderr while they are captured
        self.pools = {}  # pool oid -> gated Pool with maxtasksperchild (its worker handler)
        self.base = None  # the frame this process's code runs under (a forked child's stack
        # goes on with its parent's frames beyond it, which are not this process's code)

    # -- installing ---------------------------------------------------------------------------
    def install(self, config, identity: tuple):
        """Connect this process (the main one, or a child before its target runs)."""
        if self.identity == identity and self.conn is not None:
            return  # a spawned child connected while re-importing the main module
        if self.config is None:
            os.register_at_fork(after_in_child=self._forked)
        self.config = config
        self.identity = identity
        self.state = RUNNING
        self.out = []
        self.seq = 0
        self.model_files.add(config.model)
        signal.signal(STOP_SIGNAL, self._on_stop_signal)
        self.connect()
        if self.streams is None:
            self.streams = (sys.stdout, sys.stderr)
            sys.stdout, sys.stderr = Capture(self, "stdout"), Capture(self, "stderr")

    def connect(self):
        """Open this gate's control connection and say who it is."""
        self.conn = Client(self.config.address, authkey=self.config.key)
        self.conn.send(("hello", self.identity, os.getpid()))

    def _forked(self):
        """In a forked child: drop the parent's connection and streams until ``install``."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        if self.streams is not None:
            sys.stdout, sys.stderr = self.streams
            self.streams = None
        self.identity = None

    def new_oid(self) -> tuple:
        self.seq += 1
        return (self.identity, self.seq)

    # -- turns --------------------------------------------------------------------------------
    def perform(self, target, method, do, *, phase=None, timeout=None, report=None):
        """Wait for the turn, run ``do()`` (the real operation) and report how it went.

        ``do`` may return a ``Continue`` (a step of a multi-step operation).  ``report`` maps the
        result to the value the controller compares, when that differs from what is returned.
        After the exit turn (atexit code) operations run ungated."""
        if self.state == EXITING:
            return do()
        while (answer := self._announce(("at", target, method, phase, self._location(), timeout))) != "go":
            self.pools[answer[1]]._maintain(answer[2])  # then announce the operation again
        try:
            result = do()
        except ReplayStopped:
            raise
        except BaseException as exc:
            self._send(("err", type_name(exc), str(exc)) + self._reply_extra())
            raise
        if isinstance(result, Continue):
            self._send(("cont", result.value) + self._reply_extra())
        else:
            self._send(("ok", report(result) if report else result) + self._reply_extra())
        return result

    def _reply_extra(self) -> tuple:
        """Anything more a reply carries (a thread gate: what it printed in the turn)."""
        return ()

    def exit_turn(self, exitcode: int, died: str | None, phase: str, do):
        """A step of the process's exit (its code has ended: ``exitcode``, ``died``), as
        ``perform`` does an operation's."""
        self._announce(("exit", exitcode, died, phase))
        result = do()
        self._send(("cont", None) if isinstance(result, Continue) else ("ok", None))
        return result

    def leave(self):
        """From here on CPython exits the process (joining children, unlinking semaphores):
        operations run ungated, the stop signal is ignored, output is no longer captured."""
        self.state = EXITING
        signal.signal(STOP_SIGNAL, signal.SIG_IGN)
        if self.streams is not None:
            sys.stdout, sys.stderr = self.streams
            self.streams = None

    def unsupported(self, what: str):
        """The model used something the replayer does not gate: tell the controller, stop."""
        self._send(("unsupported", f"{what} is not covered by replay on real primitives yet"))
        self.state = STOPPING
        raise ReplayStopped

    def _announce(self, message):
        if self.state == STOPPING:
            raise ReplayStopped
        self._send(message + (tuple(self.out),))
        self.out = []
        try:
            answer = self.conn.recv()
        except EOFError:  # the controller is gone
            answer = "stop"
        if answer != "go" and not (isinstance(answer, tuple) and answer[0] == "maintain"):
            self.state = STOPPING
            raise ReplayStopped
        return answer

    def _send(self, message):
        try:
            self.conn.send(message)
        except OSError:
            self.state = STOPPING
            raise ReplayStopped from None

    def _on_stop_signal(self, signum, frame):
        if self.state == RUNNING:
            self.state = STOPPING
            raise ReplayStopped

    def _location(self) -> tuple:
        """(file, line) of the innermost model frame: where the simulator locates the operation."""
        frame = sys._getframe(2)
        while frame is not None and frame is not self.base:
            if frame.f_code.co_filename in self.model_files:
                return (frame.f_code.co_filename, frame.f_lineno)
            frame = frame.f_back
        return ("<exit>", 0)


GATE = Gate()
