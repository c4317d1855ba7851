"""Gated Process: a real ``multiprocessing`` process whose start, join, poll and terminate are turns.

``Process`` is CPython's ``BaseProcess`` with the methods that are operations in the simulator
(``mpsim/facade/process.py``: start, join, exitcode/is_alive/close polls, terminate, kill) taking
their turn first, after the same local assertions.  The real start method's Popen starts it.  In
the child, ``_after_fork`` (which CPython's bootstrap calls before ``run``) installs the gate -
connecting the child to the controller - and wraps ``run`` so that the end of the model's code is
a turn as well (``ended``, ``exiting``).
"""
from __future__ import annotations

import multiprocessing as mp
import os
import sys
from multiprocessing import context, reduction
from multiprocessing import process as real

from ...runtime import pid_of
from .. import config
from ..gate import GATE, RUNNING, Continue, ReplayStopped, error_line
from . import queues


class Process(real.BaseProcess):
    _start_method = None  # what CPython's bootstrap forces on the child's default context
    _method = None  # None: the default context's start method

    def _Popen(self, process_obj):
        return real_context(self._method).Process._Popen(process_obj)

    def start(self):
        self._check_closed()
        assert self._popen is None, "cannot start a process twice"
        assert self._parent_pid == os.getpid(), "can only start a process object created by current process"
        assert not real.current_process()._config.get("daemon"), \
            "daemonic processes are not allowed to have children"
        if real_context(self._method).get_start_method() == "spawn":
            _pickle_for_spawn(self)
        GATE.perform(self._identity, "start", self._start_real)

    def _start_real(self):
        os.environ[config.IDENTITY_VAR] = config.identity_text(self._identity)
        try:
            real.BaseProcess.start(self)
        finally:
            del os.environ[config.IDENTITY_VAR]

    def join(self, timeout=None):
        self._check_closed()
        assert self._parent_pid == os.getpid(), "can only join a child process"
        assert self._popen is not None, "can only join a started process"

        def do():
            real.BaseProcess.join(self, timeout)
            return self._popen.returncode
        GATE.perform(self._identity, "join", do, timeout=timeout)

    def _poll(self):
        return GATE.perform(self._identity, "poll", self._popen.poll)

    def is_alive(self):
        self._check_closed()
        if self is real.current_process():
            return True
        assert self._parent_pid == os.getpid(), "can only test a child process"
        if self._popen is None:
            return False
        self._poll()
        return real.BaseProcess.is_alive(self)

    @property
    def exitcode(self):
        self._check_closed()
        if self._popen is None:
            return None
        return self._poll()

    def close(self):
        if self._popen is not None:
            self._poll()
        real.BaseProcess.close(self)

    def terminate(self):
        self._check_closed()
        self._check_started("terminate")
        GATE.perform(self._identity, "terminate", lambda: real.BaseProcess.terminate(self))

    def kill(self):
        self._check_closed()
        self._check_started("kill")
        GATE.perform(self._identity, "terminate", lambda: real.BaseProcess.kill(self))

    def _check_started(self, method):
        """Before start CPython fails on ``self._popen.<method>``: that error, locally."""
        if self._popen is None:
            raise AttributeError(f"'NoneType' object has no attribute '{method}'")

    @property
    def ident(self):
        """The simulated pid, as ``os.getpid()`` in the model (see ``stdlib``)."""
        self._check_closed()
        if self is real.current_process():
            return pid_of(self._identity)
        return self._popen and pid_of(self._identity)

    pid = ident

    def __repr__(self):
        if (self is not real.current_process() and not self._closed and self._popen is not None
                and self._parent_pid == os.getpid()):
            self._poll()
        return real.BaseProcess.__repr__(self)

    def _after_fork(self):
        real.BaseProcess._after_fork()
        GATE.install(config.from_environment(), self._identity)
        run = self.run
        self.run = lambda: ended(run)


def real_context(method=None):
    """The real context behind a gated one: ``--start-method`` if given, else ``method``, else
    CPython's default context (using that one fixes it, as in CPython)."""
    actual = mp.get_context(method)
    return mp.get_context(GATE.config.forced) if GATE.config.forced else actual


class _TrialSpawn:
    """Stands in for a spawning Popen while a Process object is pickled before its start turn."""

    def duplicate_for_child(self, fd):
        return fd

    @staticmethod
    def DupFd(fd):
        return None


def _pickle_for_spawn(process_obj):
    """The simulator pickles a spawned child's Process object before the start step, so a
    target that cannot be pickled fails locally, with no step; so it does here."""
    context.set_spawning_popen(_TrialSpawn())
    try:
        reduction.ForkingPickler.dumps(process_obj)
    finally:
        context.set_spawning_popen(None)


class SpawnProcess(Process):
    _method = "spawn"


class ForkProcess(Process):
    _method = "fork"


def ended(body, last=True):
    """Run model code as CPython runs a process; its end (or, when ``last`` is False, only a
    failure) leads into the exit steps."""
    GATE.base = sys._getframe()
    try:
        body()
    except ReplayStopped:
        GATE.leave()
        if not last:
            raise  # a spawned child stopped while importing the model: it goes no further
        return
    except SystemExit as exc:
        code = exc.code
        if code is not None and not isinstance(code, int):
            print(code, file=sys.stderr)  # as CPython does; captured like any output
            exiting(1, None)
            raise SystemExit(1) from None
        exiting(code or 0, None)
        raise
    except BaseException as exc:
        exiting(1, error_line(exc))
        raise
    if last:
        exiting(0, None)


def exiting(exitcode, died):
    """CPython's exit rule (``util._exit_function``) in the simulator's steps: terminate the
    daemonic children; then, while other children run, wait for them.  CPython's own exit code
    runs afterwards and finds nothing left to do but its finalizers."""
    try:
        if GATE.state == RUNNING:
            step = GATE.exit_turn(exitcode, died, "exit", _terminate_daemons)
            if isinstance(step, Continue):
                GATE.exit_turn(exitcode, died, "join", _join_children)
    except ReplayStopped:
        pass  # CPython's exit code joins the children, which are stopping too
    finally:
        GATE.leave()


def _children() -> list:
    """The gated children alive: what the simulator knows as children (not, for example, a
    Manager's server process, which CPython stops through its finalizer)."""
    return [p for p in real.active_children() if isinstance(p, Process)]


def _terminate_daemons():
    for p in _children():
        if p.daemon:
            p._popen.terminate()
    queues.at_exit()
    waits = any(not p.daemon for p in _children()) or queues.feeders_pending()
    return Continue(None) if waits else None


def _join_children():
    for p in _children():
        real.BaseProcess.join(p)
    for thread in queues.feeders_pending():
        thread.join()


def active_children():
    children = []

    def do():
        children.extend(_children())
        return children
    GATE.perform(None, "active", do, report=lambda c: tuple(sorted(p._identity for p in c)))
    return children


class _ParentProcess:
    """``parent_process()``: the real one, with the simulated pid and a gated ``is_alive``."""

    def __init__(self, real_parent, identity):
        self._real = real_parent
        self._identity = identity
        self.name = real_parent.name
        self.pid = self.ident = pid_of(identity)
        self.daemon = False

    def is_alive(self):
        # A dead parent's exit code is unknown here: "ended" then differs from the simulated one.
        return GATE.perform(self._identity, "poll",
                            lambda: None if self._real.is_alive() else "ended") is None

    def __repr__(self):
        return f"<_ParentProcess name={self.name!r} parent={self.pid}>"


def parent_process():
    parent = real.parent_process()
    return None if parent is None else _ParentProcess(parent, GATE.identity[:-1])

