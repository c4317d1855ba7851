"""Simulated multiprocessing.process: Process, current_process, parent_process, active_children.

The class follows CPython's BaseProcess attribute by attribute (so subclasses that override
``run`` or read ``self._args`` work), with the same assertions and messages.  Starting, joining,
polling and terminating are operations on the world's process table.
"""
from __future__ import annotations

import copy
import signal

from ..runtime import pid_of
from .base import fix_context, perform, rt

_EXITCODE_NAMES = {-s: f"-{s.name}" for s in signal.Signals}
_SENTINEL_BASE = 100


class _Popen:
    """The parent's handle on a started child (CPython's Popen object)."""

    def __init__(self, ident):
        self.ident = ident
        self.pid = pid_of(ident)
        self.sentinel = _SENTINEL_BASE + self.pid

    def poll(self):
        return perform(self.ident, "poll", (), "exitcode")

    def wait(self, timeout=None):
        exitcode = perform(self.ident, "join", (timeout,), "join()" if timeout is None else f"join({timeout!r})")
        if exitcode is None and timeout:
            rt().clock += timeout
        return exitcode

    def terminate(self):
        perform(self.ident, "terminate", (-signal.SIGTERM,), "terminate()")

    def kill(self):
        perform(self.ident, "terminate", (-signal.SIGKILL,), "kill()")

    def close(self):
        pass

    def __reduce__(self):
        raise TypeError("cannot pickle 'weakref.ReferenceType' object")

    def __deepcopy__(self, memo):
        return self

    def _mpsim_canon(self):
        return self.ident


class BaseProcess:
    _start_method = None

    def __init__(self, group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None):
        assert group is None, "group argument must be None for now"
        me = rt()
        me.child_counter += 1
        self._identity = me.ident + (me.child_counter,)
        self._config = {"daemon": True} if me.daemon else {}
        self._parent_pid = me.pid
        self._parent_name = me.name
        self._popen = None
        self._closed = False
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs)
        self._name = name or type(self).__name__ + "-" + ":".join(str(i) for i in self._identity)
        if daemon is not None:
            self.daemon = daemon

    def run(self):
        if self._target:
            self._target(*self._args, **self._kwargs)

    def start(self):
        self._check_closed()
        assert self._popen is None, "cannot start a process twice"
        me = rt()
        assert self._parent_pid == me.pid, "can only start a process object created by current process"
        assert not me.daemon, "daemonic processes are not allowed to have children"
        session = me.session
        if self._start_method is None:
            fix_context(me)  # CPython starts it through the default context, which fixes it
        method = session.start_method_of(me, self._start_method)
        ends = ()
        if method == "fork":
            payload = session.fork_payload(me, self)
        else:
            # spawn.prepare() gives the child the parent's start method (get_start_method(), which
            # fixes the parent's context too): the child's own set_start_method() then raises.
            fix_context(me)
            payload, ends = session.spawn_payload(me, self)
        from ..session import Birth

        birth = session.add_birth(Birth(method, self._identity, self._name, self.daemon, me.ident,
                                        me.start_method, payload, ends))
        perform(self._identity, "start", (birth, self.daemon), "start()")
        self._popen = _Popen(self._identity)
        del self._target, self._args, self._kwargs
        me.children[self._identity] = self

    def _check_closed(self):
        if self._closed:
            raise ValueError("process object is closed")

    def terminate(self):
        self._check_closed()
        self._popen.terminate()

    def kill(self):
        self._check_closed()
        self._popen.kill()

    def join(self, timeout=None):
        self._check_closed()
        assert self._parent_pid == rt().pid, "can only join a child process"
        assert self._popen is not None, "can only join a started process"
        if self._popen.wait(timeout) is not None:
            rt().children.pop(self._identity, None)

    def is_alive(self):
        self._check_closed()
        if self is rt().process_obj:
            return True
        assert self._parent_pid == rt().pid, "can only test a child process"
        if self._popen is None:
            return False
        if self._popen.poll() is None:
            return True
        rt().children.pop(self._identity, None)
        return False

    def close(self):
        if self._popen is not None:
            if self._popen.poll() is None:
                raise ValueError("Cannot close a process while it is still running. "
                                 "You should first call join() or terminate().")
            self._popen = None
            rt().children.pop(self._identity, None)
        self._closed = True

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        assert isinstance(name, str), "name must be a string"
        self._name = name

    @property
    def daemon(self):
        return self._config.get("daemon", False)

    @daemon.setter
    def daemon(self, daemonic):
        assert self._popen is None, "process has already started"
        self._config["daemon"] = daemonic

    @property
    def exitcode(self):
        self._check_closed()
        if self._popen is None:
            return self._popen
        return self._popen.poll()

    @property
    def ident(self):
        self._check_closed()
        if self is rt().process_obj:
            return rt().pid
        return self._popen and self._popen.pid

    pid = ident

    @property
    def sentinel(self):
        self._check_closed()
        if self._popen is None:
            raise ValueError("process not started")
        return self._popen.sentinel

    @property
    def authkey(self):
        return b"mpsim"

    def __repr__(self):
        exitcode = None
        if self is rt().process_obj:
            status = "started"
        elif self._closed:
            status = "closed"
        elif self._parent_pid != rt().pid:
            status = "unknown"
        elif self._popen is None:
            status = "initial"
        else:
            exitcode = self._popen.poll()
            status = "stopped" if exitcode is not None else "started"
        info = [type(self).__name__, "name=%r" % self._name]
        if self._popen is not None:
            info.append("pid=%s" % self._popen.pid)
        info.append("parent=%s" % self._parent_pid)
        info.append(status)
        if exitcode is not None:
            info.append("exitcode=%s" % _EXITCODE_NAMES.get(exitcode, exitcode))
        if self.daemon:
            info.append("daemon")
        return "<%s>" % " ".join(info)

    def __getstate__(self):
        if self._popen is not None:
            raise TypeError("cannot pickle 'weakref.ReferenceType' object")
        return self.__dict__

    def _mpsim_canon(self):
        return sorted(self.__dict__.items())

    def __deepcopy__(self, memo):
        # A forked child's copy of a Process object (pickling a started one is refused).
        new = type(self).__new__(type(self))
        memo[id(self)] = new
        new.__dict__.update(copy.deepcopy(self.__dict__, memo))
        return new

    def _became_current(self, me):
        """Bootstrap in the child: this object is now ``current_process()``."""
        self._popen = None
        me.process_obj = self


class Process(BaseProcess):
    pass


class SpawnProcess(Process):
    _start_method = "spawn"


class ForkProcess(Process):
    _start_method = "fork"


class _MainProcess(BaseProcess):
    def __init__(self):
        self._identity = ()
        self._config = {}
        self._parent_pid = None
        self._parent_name = None
        self._popen = None
        self._closed = False
        self._target = None
        self._args = ()
        self._kwargs = {}
        self._name = "MainProcess"


class _ParentProcess:
    def __init__(self, name, pid, ident):
        self.name = name
        self.pid = self.ident = pid
        self._identity = ident
        self.daemon = False

    def is_alive(self):
        return perform(self._identity, "poll", (), "exitcode") is None

    def __repr__(self):
        return f"<_ParentProcess name={self.name!r} parent={self.pid}>"


def main_process():
    return _MainProcess()


def current_process():
    me = rt()
    if me.process_obj is None:
        # A spawned child still re-running the main module: CPython's spawn.prepare() has only
        # renamed the child's _MainProcess object; the Process object is unpickled afterwards.
        me.process_obj = _MainProcess()
        me.process_obj._name = me.name
    return me.process_obj


def parent_process():
    me = rt()
    if me.parent is None:
        return None
    proc = me.process_obj
    return _ParentProcess(proc._parent_name, proc._parent_pid, me.parent)


def active_children():
    me = rt()
    alive = perform(None, "active", (), "active_children()")
    for ident in list(me.children):
        if ident not in alive:
            del me.children[ident]
    return [me.children[i] for i in alive if i in me.children]
