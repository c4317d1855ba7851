"""The controller's side of simulated processes: starting, copying and stopping them.

Every simulated process is an OS process of its own (``mpsim/engines/sim``), forked from a zygote
interpreter started once per controller process (with ``PYTHONHASHSEED=0``, in a session of its
own).  A ``Runner`` is the controller's handle on one of them: its control channel.  ``fork``
copies a runner (the copy waits at the same state), so a state can be left with several results
without re-running its history; the same message can tell the original what to do next.  A
check's ``RunnerPool`` knows every process it started and kills them all when the check ends,
whatever the model made them do; a process whose controller is gone ends when its control socket
closes.
"""
from __future__ import annotations

import atexit
import os
import re
import select
import signal
import subprocess
import sys

from ..engines.sim.wire import Channel, Closed, socketpair
from ..errors import ModelError, MpsimError, UnsupportedAPI

QUIET = 0.5  # seconds to wait for the stack of a process told to print it

# What faulthandler prints for each fatal signal, and the exit code CPython's parent sees.
_FATAL = {"Segmentation fault": -signal.SIGSEGV, "Aborted": -signal.SIGABRT,
          "Floating point exception": -signal.SIGFPE, "Bus error": -signal.SIGBUS,
          "Illegal instruction": -signal.SIGILL}


class RunnerDied(Exception):
    """A simulated process died without reporting (a fatal signal, or killed)."""

    def __init__(self, exitcode: int, text: str, line):
        super().__init__(text)
        self.exitcode = exitcode
        self.text = text
        self.line = line  # (file, line) of its innermost model frame, when known


class Runner:
    __slots__ = ("pid", "chan", "pool")

    def __init__(self, pid: int, chan: Channel, pool=None):
        self.pid = pid
        self.chan = chan
        self.pool = pool

    def send(self, message):
        try:
            self.chan.send(message)
        except OSError:
            pass  # it died; the next receive says how

    def receive(self, is_model_file, timeout=None):
        """The next message; ``RunnerDied`` if the process died instead."""
        if timeout is not None:
            ready, _, _ = select.select([self.chan.sock], [], [], timeout)
            if not ready:
                raise TimeoutError
        try:
            message = self.chan.recv()
        except (Closed, OSError) as exc:
            raise _death(getattr(exc, "text", ""), is_model_file) from None
        if message[0] == "unsupported":
            raise UnsupportedAPI(message[1])
        if message[0] == "internal":
            raise MpsimError(f"internal error in a simulated process:\n{message[1]}")
        return message

    def interrupt(self, is_model_file):
        """Stop a process that is running its own code: (file, line) where it was, if known (a
        process that blocked SIGUSR2 or took it over says nothing within ``QUIET`` s)."""
        try:
            os.kill(self.pid, signal.SIGUSR2)  # faulthandler prints its stack on the socket
        except ProcessLookupError:
            pass
        text = ""
        try:
            ready, _, _ = select.select([self.chan.sock], [], [], QUIET)
            if ready:
                self.chan.recv()
        except Closed as exc:
            text = exc.text
        except Exception:  # noqa: BLE001 - whatever it sent, it is stopped now
            pass
        self.kill()
        return _innermost(text, is_model_file)

    def kill(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.chan.close()
        if self.pool is not None:
            self.pool.pids.discard(self.pid)


def _death(text: str, is_model_file) -> RunnerDied:
    code = -signal.SIGKILL
    what = "killed"
    for words, exitcode in _FATAL.items():
        if f"Fatal Python error: {words}" in text:
            code, what = exitcode, words
            break
    return RunnerDied(code, what, _innermost(text, is_model_file))


def _innermost(text: str, is_model_file):
    """(file, line) of the innermost model frame in a faulthandler stack (most recent first)."""
    for m in re.finditer(r'File "([^"]+)", line (\d+)', text):
        if is_model_file(m.group(1)):
            return (m.group(1), int(m.group(2)))
    return None


class Zygote:
    """The interpreter every simulated process is forked from, started once per controller
    process (with ``PYTHONHASHSEED=0``) and shared by its checks."""

    _shared = None

    @classmethod
    def shared(cls) -> "Zygote":
        if cls._shared is None or cls._shared.process.poll() is not None:
            cls._shared = cls()
            atexit.register(cls._shared.close)
        return cls._shared

    @classmethod
    def start(cls):
        """Start the shared zygote now, to get ready while the caller does other work; if it
        cannot start, ``shared`` says so when a process is needed."""
        try:
            cls.shared()
        except MpsimError:
            pass

    def __init__(self):
        mine, theirs = socketpair()
        env = dict(os.environ, PYTHONHASHSEED="0")
        env.pop("PYTHONSTARTUP", None)
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mpsim.engines.sim.zygote", str(theirs.fileno())],
                pass_fds=[theirs.fileno()], env=env, stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=None if os.environ.get("MPSIM_DEBUG") else subprocess.DEVNULL,
                start_new_session=True)
        except OSError as exc:
            raise MpsimError(f"cannot start a Python interpreter for the model: {exc}") from None
        theirs.close()
        self.chan = Channel(mine)

    def fork(self) -> tuple:
        """(pid, control channel) of a fresh process, waiting for its ``boot`` message."""
        try:
            self.chan.send(("runner",))
            (_, pid), fds = self.chan.recv(with_fds=1)
        except (Closed, OSError) as exc:
            code = self.process.poll()
            raise ModelError("the interpreter that runs the model's processes stopped"
                             + (f" (exit code {code})" if code is not None else "")
                             + (f": {exc}" if str(exc) else "")) from None
        return pid, Channel.from_fd(fds[0])

    def close(self):
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.process.wait()
        self.chan.close()


class RunnerPool:
    """The simulated processes of one check: every one is killed when the check ends."""

    def __init__(self):
        self.zygote = Zygote.shared()
        self.pids = set()
        self.started = 0

    def _track(self, runner: Runner) -> Runner:
        self.pids.add(runner.pid)
        self.started += 1
        return runner

    def new(self) -> Runner:
        """A fresh process from the zygote, waiting for its ``boot`` message."""
        return self._track(Runner(*self.zygote.fork(), pool=self))

    def fork(self, runner: Runner, is_model_file, then=None) -> Runner:
        """A copy of ``runner``'s process, stopped where it is; ``then``: a command ``runner``'s
        process performs right after making the copy (one message instead of two)."""
        runner.send(("fork", then))
        try:
            (_, pid), fds = runner.chan.recv(with_fds=1)
        except (Closed, OSError) as exc:
            raise _death(getattr(exc, "text", ""), is_model_file) from None
        return self._track(Runner(pid, Channel.from_fd(fds[0]), pool=self))

    def close(self):
        """Stop every process this check started (whatever the model made them do)."""
        for pid in self.pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.pids.clear()


