"""Simulated multiprocessing.process: Process, current_process, parent_process, active_children.

The class follows CPython's ``BaseProcess`` attribute by attribute (so subclasses that override
``run`` or read ``self._args`` work), with the same assertions and messages.  Starting, joining,
polling and terminating are operations on the world's process table; a child runs CPython's
``_bootstrap``: it becomes ``current_process()``, runs ``run()``, then the exit function, and
reports how it died.  Under fork the child is a copy of its parent's memory at ``start()`` (the
engine forks it there); under spawn it re-imports the main module and unpickles the Process.

``MEMORY`` is this process's own ``multiprocessing`` state - what CPython keeps in the module
globals of ``process``, ``context`` and ``util`` - and part of its fingerprint.
"""
from __future__ import annotations

import os
import signal
import sys
import traceback

from ._engine import CHILD, engine
from .base import perform

_EXITCODE_NAMES = {-s: f"-{s.name}" for s in signal.Signals}
_SENTINEL_BASE = 100

# CPython's spawn._check_not_importing_main(), raised when a spawned child re-running the main
# module (no ``if __name__ == "__main__":`` guard) tries to start a process of its own.
_BOOTSTRAPPING = '''
        An attempt has been made to start a new process before the
        current process has finished its bootstrapping phase.

        This probably means that you are not using fork to start your
        child processes and you have forgotten to use the proper idiom
        in the main module:

            if __name__ == '__main__':
                freeze_support()
                ...

        The "freeze_support()" line can be omitted if the program
        is not going to be frozen to produce an executable.

        To fix this issue, refer to the "Safe importing of main module"
        section in https://docs.python.org/3/library/multiprocessing.html
        '''


class ProcessMemory:
    """multiprocessing's own state in this process."""

    def __init__(self):
        self.current = None  # current_process()
        self.parent = None  # parent_process()
        self.children = {}  # ident -> started Process not known to have ended (CPython's _children)
        self.counter = 0  # _process_counter
        self.context = None  # the default context's start method once fixed (_actual_context)
        self.pools = {}  # pool oid -> Pool with maxtasksperchild made here (its worker handler)
        self.finalizers = {}  # util._finalizer_registry
        self.counter_finalizer = 0
        self.after_fork = []  # util._afterfork_registry: (n, weakref, func)
        self.counter_afterfork = 0
        self.util_loaded = False  # has multiprocessing.util been imported (its atexit hook)?
        self.exiting = False  # util._exiting
        self.inheriting = False  # a spawned child re-importing the main module
        self.preload = ["__main__"]  # forkserver._forkserver._preload_modules
        self.forkserver = None  # (owner ident, server): the forkserver this process started
        self.logger = None
        self.log_to_stderr = False
        self.feeding = {}  # queue oid -> [item, ...] put here that its feeder has not pickled yet


MEMORY = ProcessMemory()


class _Popen:
    """The parent's handle on a started child (CPython's Popen object)."""

    def __init__(self, ident, pid):
        self.ident = ident
        self.pid = pid
        self.sentinel = _SENTINEL_BASE + pid
        self.returncode = None

    def poll(self, flag=None):
        if self.returncode is None:
            self.returncode = perform(self.ident, "poll", (), "exitcode")
        return self.returncode

    def wait(self, timeout=None):
        if self.returncode is None:
            shown = "join()" if timeout is None else f"join({timeout!r})"
            self.returncode = perform(self.ident, "join", (timeout,), shown)
        return self.returncode

    def terminate(self):
        if self.returncode is None:
            perform(self.ident, "terminate", (-signal.SIGTERM,), "terminate()")

    def kill(self):
        if self.returncode is None:
            perform(self.ident, "terminate", (-signal.SIGKILL,), "kill()")

    def close(self):
        pass

    def __reduce__(self):
        raise TypeError("cannot pickle 'weakref.ReferenceType' object")


def pid_of(ident: tuple) -> int:
    pid = 1000
    for i, k in enumerate(reversed(ident)):
        pid += k * 100 ** i
    return pid


class BaseProcess:
    _start_method = None

    def _Popen(self):
        raise NotImplementedError

    def __init__(self, group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None):
        assert group is None, "group argument must be None for now"
        MEMORY.counter += 1
        me = MEMORY.current
        self._identity = me._identity + (MEMORY.counter,)
        self._config = me._config.copy()
        self._parent_pid = os.getpid()
        self._parent_name = me.name
        self._popen = None
        self._closed = False
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs)
        self._name = name or type(self).__name__ + "-" + ":".join(str(i) for i in self._identity)
        if daemon is not None:
            self.daemon = daemon

    def _check_closed(self):
        if self._closed:
            raise ValueError("process object is closed")

    def run(self):
        if self._target:
            self._target(*self._args, **self._kwargs)

    def start(self):
        self._check_closed()
        assert self._popen is None, "cannot start a process twice"
        assert self._parent_pid == os.getpid(), \
            "can only start a process object created by current process"
        assert not MEMORY.current._config.get("daemon"), \
            "daemonic processes are not allowed to have children"
        from . import util
        util.ensure_registered()
        self._popen = self._launch()
        self._sentinel = self._popen.sentinel
        del self._target, self._args, self._kwargs
        MEMORY.children[self._identity] = self

    def _launch(self):
        from . import util
        from .context import start_method_for
        method = start_method_for(self)
        util._flush_std_streams()  # as CPython's Popen does before it forks or spawns
        eng = engine()
        if method == "fork":
            if eng.start(self, "fork", None, ()) is CHILD:
                eng.floor = sys._getframe(1)  # below: the parent's frames, never to run again
                # CPython's forked child has two frames more than this (context._Popen,
                # popen_fork.Popen.__init__) between start() and _bootstrap
                from ._stdlib import recursion_room
                recursion_room(eng.recursion_extra - 4)
                code = self._bootstrap()
                eng.exit(code)  # os._exit(code): a forked child runs no atexit callbacks
        else:
            if MEMORY.inheriting:
                raise RuntimeError(_BOOTSTRAPPING)
            from .context import fix
            fix()  # spawn's get_preparation_data() reads the parent's start method
            payload = eng.spawn_payload(self)
            server = _forkserver() if method == "forkserver" else None
            eng.start(self, method, *payload, server)
        return _Popen(self._identity, pid_of(self._identity))

    def terminate(self):
        self._check_closed()
        self._popen.terminate()

    def kill(self):
        self._check_closed()
        self._popen.kill()

    def join(self, timeout=None):
        self._check_closed()
        assert self._parent_pid == os.getpid(), "can only join a child process"
        assert self._popen is not None, "can only join a started process"
        res = self._popen.wait(timeout)
        if res is not None:
            MEMORY.children.pop(self._identity, None)

    def is_alive(self):
        self._check_closed()
        if self is MEMORY.current:
            return True
        assert self._parent_pid == os.getpid(), "can only test a child process"
        if self._popen is None:
            return False
        if self._popen.poll() is None:
            return True
        MEMORY.children.pop(self._identity, None)
        return False

    def close(self):
        if self._popen is not None:
            if self._popen.poll() is None:
                raise ValueError("Cannot close a process while it is still running. "
                                 "You should first call join() or terminate().")
            self._popen.close()
            self._popen = None
            del self._sentinel
            MEMORY.children.pop(self._identity, None)
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
    def authkey(self):
        return self._config["authkey"]

    @authkey.setter
    def authkey(self, authkey):
        self._config["authkey"] = authkey

    @property
    def exitcode(self):
        self._check_closed()
        if self._popen is None:
            return self._popen
        return self._popen.poll()

    @property
    def ident(self):
        self._check_closed()
        if self is MEMORY.current:
            return os.getpid()
        return self._popen and self._popen.pid

    pid = ident

    @property
    def sentinel(self):
        self._check_closed()
        try:
            return self._sentinel
        except AttributeError:
            raise ValueError("process not started") from None

    def __repr__(self):
        exitcode = None
        if self is MEMORY.current:
            status = "started"
        elif self._closed:
            status = "closed"
        elif self._parent_pid != os.getpid():
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

    def _bootstrap(self, parent_sentinel=None):
        """CPython's ``BaseProcess._bootstrap``: this process becomes ``self`` and runs it."""
        from . import context, util
        eng = engine()
        try:
            if self._start_method is not None:
                context.force(self._start_method)
            MEMORY.counter = 0
            MEMORY.children = {}
            util._close_stdin()
            MEMORY.current = self
            MEMORY.parent = _ParentProcess(self._parent_name, self._parent_pid, eng.parent)
            self._popen = None
            MEMORY.finalizers.clear()
            util._run_after_forkers()
            util.info("child process calling self.run()")
            try:
                self.run()
                exitcode = 0
            finally:
                util._exit_function()
        except SystemExit as e:
            if e.code is None:
                exitcode = 0
            elif isinstance(e.code, int):
                exitcode = e.code
            else:
                sys.stderr.write(str(e.code) + "\n")
                exitcode = 1
        except BaseException as e:  # noqa: BLE001 - CPython's bare except
            exitcode = 1
            eng.died(e)
            sys.stderr.write("Process %s:\n" % self.name)
            traceback.print_exc()
        finally:
            util.info("process exiting with exitcode %d" % exitcode)
            util._flush_std_streams()
        return exitcode


class Process(BaseProcess):
    pass


class _MainProcess(BaseProcess):
    def __init__(self, name="MainProcess"):
        self._identity = ()
        self._config = {"authkey": b"mpsim-authkey", "semprefix": "/mp"}
        self._parent_pid = None
        self._popen = None
        self._closed = False
        self._target = None
        self._args = {}
        self._kwargs = {}
        self._name = name


class _ParentProcess(BaseProcess):
    def __init__(self, name, pid, ident):
        self._identity = ()
        self._name = name
        self._pid = pid
        self._parent_pid = None
        self._popen = None
        self._closed = False
        self._parent_ident = ident
        self._config = {}

    def is_alive(self):
        return perform(self._parent_ident, "poll", (), "exitcode") is None

    @property
    def ident(self):
        return self._pid

    def join(self, timeout=None):
        perform(self._parent_ident, "join", (timeout,), "join()")

    pid = ident


def _forkserver() -> dict:
    """CPython's ``ForkServer.ensure_running``: the first forkserver child of a process starts
    its server - a fresh interpreter with the process's environment and working directory of that
    moment, which imports the modules of ``set_forkserver_preload`` (``'__main__'`` does nothing
    in 3.11) - and every later one is forked from the same server (docs/semantics.md §21).  A
    child forked from a process that has a server cannot use it: CPython's ``waitpid`` on a
    process that is not its child fails."""
    if MEMORY.forkserver is None:
        MEMORY.forkserver = (engine().ident, {"env": dict(os.environ), "cwd": os.getcwd(),
                                              "path": tuple(sys.path),
                                              "preload": tuple(MEMORY.preload)})
    owner, server = MEMORY.forkserver
    if owner != engine().ident:
        raise ChildProcessError(10, "No child processes")
    return server


def current_process():
    return MEMORY.current


def parent_process():
    return MEMORY.parent


def active_children():
    if not MEMORY.children:  # CPython polls only the children it knows of: nothing to ask
        return []
    alive = perform(None, "active", (), "active_children()")
    for ident in list(MEMORY.children):
        if ident not in alive:
            del MEMORY.children[ident]
    return [MEMORY.children[i] for i in alive if i in MEMORY.children]


# The stop signals' default action stops the process (until SIGCONT): not modelled.
_STOPS = frozenset({signal.SIGSTOP, signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU})


def send_signal(pid: int, signum: int):
    """``os.kill(pid, signum)`` (``signal.raise_signal(signum)``: to this process).

    To this process: its handler runs at once (CPython runs it as soon as ``os.kill`` returns),
    an ignored signal does nothing, and one whose default action ends a process ends it here, as
    if killed (exit code minus the signal).  To a child it has not reaped: sent as
    ``terminate()`` sends SIGTERM (the world decides by the child's handlers; signal 0 only checks
    that the pid exists).  A reaped or never started child's pid: ``ProcessLookupError``.
    Other processes - the parent, a sibling - are not modelled."""
    if signum != 0:
        try:
            signum = signal.Signals(signum)
        except ValueError:
            raise OSError(22, "Invalid argument") from None
        if signum in _STOPS:
            engine().unsupported(f"os.kill with {signum.name} (stopping a process)")
    me = MEMORY.current
    if pid == os.getpid():
        if signum != 0:
            _deliver_here(signum)
        return
    for k in range(1, MEMORY.counter + 1):
        ident = me._identity + (k,)
        if pid_of(ident) != pid:
            continue
        child = MEMORY.children.get(ident)
        if child is None or child._popen is None or child._popen.returncode is not None:
            raise ProcessLookupError(3, "No such process")
        if signum != 0:
            shown = f"os.kill({{}}.pid, {signum.name})"
            perform(ident, "terminate", (-int(signum),), shown)
        return
    engine().unsupported("os.kill of a process that is neither the caller nor one of its children")


def _deliver_here(signum):
    from ..primitives.processes import DEFAULT_IGNORED
    from ._stdlib import ours_frame
    handler = signal.getsignal(signum)
    if callable(handler):
        frame = sys._getframe(1)
        while frame is not None and ours_frame(frame):
            frame = frame.f_back
        handler(int(signum), frame)
    elif handler is signal.SIG_IGN or signum in DEFAULT_IGNORED:
        return
    else:
        eng = engine()
        error = None
        if eng.ident == ():  # the program's own process: its run ends in a signal
            error = (f"{signum.name} sent by itself with os.kill (exit code -{int(signum)})",
                     eng.location(sys._getframe(1)))
        eng.exit_now(-int(signum), error)
