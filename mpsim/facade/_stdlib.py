"""The parts of the standard library a model process sees through its engine.

Installed once in every model process (simulated or replayed), before the model runs:

* ``time.sleep`` is an operation (the engine decides when it ends); ``time.time``,
  ``monotonic``, ``perf_counter`` (and ``_ns`` forms) read the engine's clock;
* ``os.getpid``/``getppid`` give the simulated pids, ``os.cpu_count`` a fixed 4, ``os._exit``
  ends the process as CPython does (no clean-up); ``os.kill`` and ``signal.raise_signal`` send
  signals to the process itself or to its children (``process.send_signal``);
  ``os.register_at_fork`` hooks run around the simulated forks;
* ``sys.stdout``/``sys.stderr`` are captured per process; ``sys.stdin`` reads nothing;
* ``gc.enable``/``disable`` are remembered (the engine collects cyclic garbage at operations);
* ``atexit`` callbacks are mirrored so the engine can tell which are registered;
* what would escape the simulation - threads, ``os.fork``, sockets, ``select``, timers, other
  programs - stops the check naming the API (``Engine.unsupported``).

Everything here is patched on the real modules of this process: library code that calls
``time.sleep`` or reads ``os.getpid()`` sees the same as the model.  Each replacement carries the
name of what it replaces (``os.getpid``), so a value whose ``__reduce__`` returns it pickles and
unpickles as CPython's would.  mpsim's own code never calls the patched names (it keeps the real
functions: ``engines/sim/wire.py`` uses ``_socket`` directly).
"""
from __future__ import annotations

import _thread
import atexit
import gc
import io
import operator
import os
import select
import signal
import socket
import sys
import threading
import time
import traceback

from ._engine import engine

CPU_COUNT = 4
DELTA = 1_000  # ns between two reads of the clock
FASTER = 1_000  # reads in a row with no operation after which each read moves the clock twice as far
EPOCH_NS = 1_700_000_000 * 10**9  # time.time() when the simulated machine's clock reads 0
BOOTED_NS = 1_000 * 10**9  # time.monotonic() then (as if the machine had been up for a while)


class Capture:
    """``sys.stdout``/``sys.stderr`` of a model process: text goes to the engine.  It encodes as
    the stream it replaces would (``like``: the locale and UTF-8 mode decide whether a lone
    surrogate raises), and has a binary ``buffer`` under it."""

    mode = "w"
    newlines = None

    def __init__(self, name: str, fd: int, like=None):
        self.name = name
        self._fd = fd
        self.closed = False
        self.encoding = getattr(like, "encoding", None) or "utf-8"
        self.errors = getattr(like, "errors", None) or "strict"
        self.line_buffering = False
        self.write_through = False
        self.buffer = _Bytes(self)

    def write(self, text):
        if self.closed:
            raise ValueError("I/O operation on closed file.")
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        engine().write(self.name, _shown(text.encode(self.encoding, self.errors)))
        return len(text)

    def reconfigure(self, *, encoding=None, errors=None, newline=None, line_buffering=None,
                    write_through=None):
        if encoding is not None:
            "".encode(encoding)  # LookupError for an unknown codec, as CPython
            self.encoding = encoding
        if errors is not None:
            self.errors = errors
        if line_buffering is not None:
            self.line_buffering = bool(line_buffering)
        if write_through is not None:
            self.write_through = bool(write_through)

    def _write_bytes(self, data: bytes):
        if self.closed:
            raise ValueError("write to closed file")
        engine().write(self.name, _shown(data))

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")
        engine().flushed(self.name)

    def close(self):
        self.closed = True

    def isatty(self):
        return False

    def fileno(self):
        return self._fd

    def readable(self):
        return False

    def writable(self):
        return True


def _shown(data: bytes) -> str:
    """Bytes written to a captured stream, as text (what is not UTF-8 shows as U+FFFD)."""
    return data.decode("utf-8", "replace")


class _Bytes(io.BufferedIOBase):
    """``sys.stdout.buffer``: bytes go to the engine as they are (shown as UTF-8)."""

    def __init__(self, text):
        self._text = text

    def writable(self):
        return True

    def write(self, data):
        data = bytes(data)
        self._text._write_bytes(data)
        return len(data)

    def flush(self):
        self._text.flush()

    def fileno(self):
        return self._text.fileno()

    def isatty(self):
        return False

    @property
    def closed(self):
        return self._text.closed

    def close(self):
        self._text.close()

    def detach(self):
        raise io.UnsupportedOperation("detach")


_real_os_write = os.write
_STREAMS = {}  # 1, 2 -> this process's Capture of stdout, stderr


def _os_write(fd, data):
    """``os.write`` to descriptor 1 or 2 is output, as in a real process (unbuffered: it comes out
    before text ``print`` holds in a buffer); other descriptors are the real ones."""
    stream = _STREAMS.get(fd)
    if stream is None:
        return _real_os_write(fd, data)
    if isinstance(data, str):
        raise TypeError(f"a bytes-like object is required, not '{type(data).__name__}'")
    return stream.buffer.write(data)


def _sleep(secs):
    if secs < 0:
        raise ValueError("sleep length must be non-negative")
    from .base import perform
    perform(None, "sleep", (secs,), f"time.sleep({secs!r})")


def clock_step(reads: int) -> int:
    """How far (ns) the ``reads``-th read of the clock since the process's last operation moves
    it on: ``DELTA``, twice as far after each ``FASTER`` reads in a row (a busy wait on the clock
    ends soon).  Every engine's ``now_ns`` reads the clock this way."""
    return DELTA << min(reads // FASTER, 40)


def _time_ns():
    return EPOCH_NS + engine().now_ns()


def _monotonic_ns():
    return BOOTED_NS + engine().now_ns()


def _time():
    return _time_ns() / 1e9


def _monotonic():
    return _monotonic_ns() / 1e9


def _now_default(real):
    """``time.localtime`` and the like read the clock when given no time: the virtual one."""
    def call(secs=None):
        return real(_time() if secs is None else secs)
    return call


def _strftime(real_strftime, real_localtime):
    def strftime(fmt, t=None):
        return real_strftime(fmt, real_localtime(_time()) if t is None else t)
    return strftime


def _os_exit(code):
    engine().exit_now(operator.index(code))


def _os_kill(pid, sig):
    from .process import send_signal
    send_signal(operator.index(pid), operator.index(sig))


def _raise_signal(sig):
    from .process import send_signal
    send_signal(engine().pid, operator.index(sig))


def _blocked(what):
    def stop(*args, **kwargs):
        engine().unsupported(what)
    return stop


class _NoSocket(socket.socket):
    """``socket.socket`` in a model process: a subclass (libraries still subclass and isinstance
    it) that cannot be created."""

    def __init__(self, *args, **kwargs):
        engine().unsupported("socket.socket (network and socket I/O)")


# Libraries that start threads, by the file that starts them: named instead of threading.Thread.
_THREAD_USERS = {os.path.join("concurrent", "futures", "thread.py"): "concurrent.futures.ThreadPoolExecutor"}


def _thread_start(self):
    what = "threading.Thread"
    frame = sys._getframe(1)
    while frame is not None:
        for tail, name in _THREAD_USERS.items():
            if frame.f_code.co_filename.endswith(tail):
                what = name
        frame = frame.f_back
    engine().unsupported(f"{what} (threads inside a simulated process)")


def _gc_enable():
    engine().gc_enabled = True


def _gc_disable():
    engine().gc_enabled = False


def _gc_isenabled():
    return engine().gc_enabled


_real_setrecursionlimit = sys.setrecursionlimit
_real_getrecursionlimit = sys.getrecursionlimit


def frames_below(frame) -> int:
    n = 0
    while frame is not None:
        n, frame = n + 1, frame.f_back
    return n


def recursion_room(extra: int):
    """This process runs ``extra`` more frames under the program than CPython would (the engine's
    own): the limit the interpreter enforces is raised by that much, and the program sees the
    limit it set."""
    limit = sys.getrecursionlimit()
    engine().recursion_extra = extra
    _real_setrecursionlimit(limit + extra)


def _setrecursionlimit(limit):
    if not isinstance(limit, int):
        raise TypeError(f"'{type(limit).__name__}' object cannot be interpreted as an integer")
    if limit < 1:
        raise ValueError("recursion limit must be greater or equal than 1")
    _real_setrecursionlimit(limit + engine().recursion_extra)


def _getrecursionlimit():
    return _real_getrecursionlimit() - engine().recursion_extra


def _register(func, *args, **kwargs):
    engine().atexit.append((func, args, kwargs))
    return _real_register(func, *args, **kwargs)


def _unregister(func):
    engine().atexit[:] = [c for c in engine().atexit if c[0] != func]
    return _real_unregister(func)


_real_register = atexit.register
_real_unregister = atexit.unregister

_ESCAPES = {
    os: ("fork", "forkpty", "killpg", "system", "popen", "execv", "execve", "execvp",
         "execvpe", "execl", "execle", "execlp", "execlpe", "spawnv", "spawnve", "spawnvp",
         "spawnvpe", "spawnl", "spawnle", "spawnlp", "spawnlpe", "posix_spawn", "posix_spawnp",
         "wait", "waitpid", "wait3", "wait4", "waitid", "pidfd_open"),
    signal: ("alarm", "setitimer", "pause", "sigwait", "sigwaitinfo", "sigtimedwait",
             "pthread_kill", "set_wakeup_fd", "pidfd_send_signal"),
    _thread: ("start_new_thread", "start_new"),
    socket: ("socketpair", "fromfd", "create_connection", "create_server"),
    select: ("select", "poll", "epoll", "devpoll", "kqueue"),
}


_MPSIM = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
_HIDDEN = (_MPSIM,)  # folders whose frames a printed traceback leaves out


def hide_folder(folder: str):
    """Frames of code under ``folder`` are left out of printed tracebacks too: the real engine's
    CPython ``multiprocessing`` stands where the facade stands in a simulated process."""
    global _HIDDEN
    _HIDDEN += (folder.rstrip(os.sep) + os.sep,)


def ours(tb) -> bool:
    """Is this traceback entry a frame of mpsim's (the facade, the engine)?"""
    return ours_frame(tb.tb_frame)


def ours_frame(frame) -> bool:
    return frame.f_code.co_filename.startswith(_HIDDEN)


def hide_frames(exc):
    """Take mpsim's frames out of the tracebacks of ``exc`` and the exceptions chained to it, so
    a printed traceback shows the program's frames as CPython would (where CPython shows a frame
    of ``multiprocessing``'s, mpsim shows none)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        first = tb = exc.__traceback__
        while first is not None and ours(first):
            first = first.tb_next
        tb = first
        while tb is not None:
            nxt = tb.tb_next
            while nxt is not None and ours(nxt):
                nxt = nxt.tb_next
            tb.tb_next = nxt
            tb = nxt
        exc.__traceback__ = first  # None: nothing of the program's (CPython shows its own)
        exc = exc.__cause__ or exc.__context__


def _walk_without_ours(walk):
    def walked(tb):
        return ((f, pos) for f, pos in walk(tb) if not f.f_code.co_filename.startswith(_HIDDEN))
    return walked


def _getpid():
    return engine().pid


def _getppid():
    return engine().parent_pid


def _cpu_count():
    return CPU_COUNT


def _patch(module, name, func, *aliases):
    """``module.name`` (and ``module.alias``...) becomes ``func``, which takes that name."""
    func.__module__ = module.__name__
    func.__name__ = func.__qualname__ = name
    for attr in (name, *aliases):
        setattr(module, attr, func)


# -- at-fork hooks -----------------------------------------------------------------------------
# A simulated process is copied with the C library's fork (exact copies), so Python's own
# at-fork hooks never run by themselves.  A child started by fork runs them as CPython's would:
# the hooks registered since this process's interpreter began (``os.register_at_fork``, kept
# here) and those of the modules the zygote had imported before (their registrations happened
# there, out of reach: ``_INHERITED`` does what they do).
_HOOKS = []  # (before, after_in_parent, after_in_child), in registration order
_PREIMPORTED = frozenset()


def _register_at_fork(*, before=None, after_in_child=None, after_in_parent=None):
    if before is None and after_in_child is None and after_in_parent is None:
        raise TypeError("At least one argument is required.")
    for hook in (before, after_in_child, after_in_parent):
        if hook is not None and not callable(hook):
            raise TypeError(f"'{type(hook).__name__}' object is not callable")
    _HOOKS.append((before, after_in_parent, after_in_child))


def _inherited(which: int) -> list:
    """The hooks of the modules imported before this process began (0 before, 1 parent, 2 child)."""
    hooks = []
    if "logging" in _PREIMPORTED:
        import logging
        hooks.append((logging._acquireLock, logging._releaseLock,
                      logging._after_at_fork_child_reinit_locks)[which])
    if "concurrent.futures.thread" in _PREIMPORTED:
        lock = sys.modules["concurrent.futures.thread"]._global_shutdown_lock
        hooks.append((lock.acquire, lock.release, lock._at_fork_reinit)[which])
    if which == 2:
        hooks.insert(0, threading._after_fork)
    return hooks


def _run(hooks):
    for hook in hooks:
        if hook is None:
            continue
        try:
            hook()
        except Exception as exc:  # noqa: BLE001 - as CPython: reported, not raised
            sys.stderr.write(f"Exception ignored in: {hook!r}\n")
            traceback.print_exception(exc)


def before_fork():
    """In the parent, before the fork: ``before`` hooks, the last registered first."""
    _run([h[0] for h in reversed(_HOOKS)] + _inherited(0)[::-1])


def after_fork_in_parent():
    _run(_inherited(1) + [h[1] for h in _HOOKS])


def after_fork_in_child():
    _run(_inherited(2) + [h[2] for h in _HOOKS])


def install():
    """Patch this process's standard library (call once, in a fresh model process)."""
    global _PREIMPORTED
    _PREIMPORTED = frozenset(sys.modules)
    traceback.walk_tb = _walk_without_ours(traceback.walk_tb)
    traceback._walk_tb_with_full_positions = _walk_without_ours(traceback._walk_tb_with_full_positions)
    _patch(time, "sleep", _sleep)
    _patch(time, "time", _time)
    _patch(time, "time_ns", _time_ns)
    _patch(time, "monotonic", _monotonic, "perf_counter", "process_time", "thread_time")
    _patch(time, "monotonic_ns", _monotonic_ns, "perf_counter_ns", "process_time_ns",
           "thread_time_ns")
    _patch(time, "strftime", _strftime(time.strftime, time.localtime))
    for name in ("localtime", "gmtime", "ctime"):
        _patch(time, name, _now_default(getattr(time, name)))
    _patch(os, "getpid", _getpid)
    _patch(os, "getppid", _getppid)
    _patch(os, "cpu_count", _cpu_count)
    _patch(os, "_exit", _os_exit)
    _patch(os, "kill", _os_kill)
    _patch(os, "register_at_fork", _register_at_fork)
    _patch(signal, "raise_signal", _raise_signal)
    for module, names in _ESCAPES.items():
        for name in names:
            if hasattr(module, name):
                _patch(module, name, _blocked(f"{module.__name__}.{name}"))
    socket.socket = _NoSocket
    threading.Thread.start = _thread_start
    _patch(gc, "enable", _gc_enable)
    _patch(gc, "disable", _gc_disable)
    _patch(gc, "isenabled", _gc_isenabled)
    _patch(sys, "setrecursionlimit", _setrecursionlimit)
    _patch(sys, "getrecursionlimit", _getrecursionlimit)
    _patch(atexit, "register", _register)
    _patch(atexit, "unregister", _unregister)
    sys.stdout = sys.__stdout__ = _STREAMS[1] = Capture("stdout", 1, sys.stdout)
    sys.stderr = sys.__stderr__ = _STREAMS[2] = Capture("stderr", 2, sys.stderr)
    _patch(os, "write", _os_write)
    sys.stdin = open(os.devnull)
