"""Simulated ``multiprocessing.util``: finalizers, after-fork hooks and the exit function.

As in CPython (``Lib/multiprocessing/util.py``): a ``Finalize`` runs its callback when its object
is collected or, if it has an exit priority, at the process's exit (``_exit_function``: the
finalizers of priority >= 0, then daemonic children are terminated and the others joined, then
the remaining finalizers).  ``_exit_function`` is registered with ``atexit`` the first time this
module is needed - when the program first creates a primitive or starts a process, as CPython
first imports ``multiprocessing.util`` then - so its order among the program's own ``atexit``
callbacks is CPython's.  The registries live in the process memory (``process.MEMORY``).
"""
from __future__ import annotations

import atexit
import logging as _logging
import os
import sys
import weakref

from ._engine import engine

SUBDEBUG = 5
SUBWARNING = 25
LOGGER_NAME = "multiprocessing"
DEFAULT_LOGGING_FORMAT = "[%(levelname)s/%(processName)s] %(message)s"


def _memory():
    from .process import MEMORY
    return MEMORY


def ensure_registered():
    """CPython registers ``_exit_function`` when ``multiprocessing.util`` is first imported."""
    mem = _memory()
    if not mem.util_loaded:
        mem.util_loaded = True
        atexit.register(_exit_function)


# -- logging -----------------------------------------------------------------------------------

def _log(level, msg, *args):
    logger = _memory().logger
    if logger:
        logger.log(level, msg, *args, stacklevel=2)


def sub_debug(msg, *args):
    _log(SUBDEBUG, msg, *args)


def debug(msg, *args):
    _log(_logging.DEBUG, msg, *args)


def info(msg, *args):
    _log(_logging.INFO, msg, *args)


def sub_warning(msg, *args):
    _log(SUBWARNING, msg, *args)


def get_logger():
    mem = _memory()
    if not mem.logger:
        mem.logger = _logging.getLogger(LOGGER_NAME)
        mem.logger.propagate = 0
    return mem.logger


def log_to_stderr(level=None):
    logger = get_logger()
    formatter = _logging.Formatter(DEFAULT_LOGGING_FORMAT)
    handler = _logging.StreamHandler()
    handler.setFormatter(formatter)
    logger.addHandler(handler)
    if level:
        logger.setLevel(level)
    _memory().log_to_stderr = True
    return logger


# -- after fork --------------------------------------------------------------------------------

def register_after_fork(obj, func):
    mem = _memory()
    mem.counter_afterfork += 1
    mem.after_fork.append((mem.counter_afterfork, weakref.ref(obj), func))


def _run_after_forkers():
    for _, ref, func in sorted(_memory().after_fork, key=lambda e: e[0]):
        obj = ref()
        if obj is not None:
            try:
                func(obj)
            except Exception as exc:  # noqa: BLE001 - as CPython
                info("after forker raised exception %s", exc)


# -- finalizers --------------------------------------------------------------------------------

class Finalize:
    """CPython's ``multiprocessing.util.Finalize``."""

    def __init__(self, obj, callback, args=(), kwargs=None, exitpriority=None):
        if (exitpriority is not None) and not isinstance(exitpriority, int):
            raise TypeError(f"Exitpriority ({exitpriority!r}) must be None or int, not {type(exitpriority)}")
        if obj is not None:
            self._weakref = weakref.ref(obj, self)
        elif exitpriority is None:
            raise ValueError("Without object, exitpriority cannot be None")
        self._callback = callback
        self._args = args
        self._kwargs = kwargs or {}
        mem = _memory()
        mem.counter_finalizer += 1
        self._key = (exitpriority, mem.counter_finalizer)
        self._pid = os.getpid()
        mem.finalizers[self._key] = self

    def __call__(self, wr=None):
        mem = _memory()
        try:
            del mem.finalizers[self._key]
        except (KeyError, TypeError):
            return None
        if self._pid != os.getpid():
            res = None
        else:
            res = self._callback(*self._args, **self._kwargs)
        self._weakref = self._callback = self._args = self._kwargs = self._key = None
        return res

    def cancel(self):
        try:
            del _memory().finalizers[self._key]
        except KeyError:
            pass
        else:
            self._weakref = self._callback = self._args = self._kwargs = self._key = None

    def still_active(self):
        return self._key in _memory().finalizers

    def __repr__(self):
        obj = getattr(self, "_weakref", None)
        obj = obj() if obj is not None else None
        if obj is None:
            return "<%s object, dead>" % self.__class__.__name__
        return "<%s object, callback=%s>" % (self.__class__.__name__,
                                             getattr(self._callback, "__name__", self._callback))


def _run_finalizers(minpriority=None):
    finalizers = _memory().finalizers
    if minpriority is None:
        keys = [k for k in list(finalizers) if k[0] is not None]
    else:
        keys = [k for k in list(finalizers) if k[0] is not None and k[0] >= minpriority]
    keys.sort(reverse=True)
    for key in keys:
        finalizer = finalizers.get(key)
        if finalizer is not None:
            try:
                finalizer()
            except Exception:  # noqa: BLE001 - as CPython
                import traceback
                traceback.print_exc()
    if minpriority is None:
        finalizers.clear()


def is_exiting():
    return _memory().exiting


def _exit_function():
    """What CPython runs when a process exits (``atexit`` in the main process, directly at the
    end of a child's ``_bootstrap``)."""
    mem = _memory()
    if mem.exiting:
        return
    mem.exiting = True
    info("process shutting down")
    _run_finalizers(0)
    from .process import active_children, current_process
    if current_process() is not None:
        for p in active_children():
            if p.daemon:
                info("calling terminate() for daemon %s", p.name)
                p._popen.terminate()
        for p in active_children():
            info("calling join() for process %s", p.name)
            p.join()
    _run_finalizers()


def _flush_std_streams():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, ValueError):
            pass


def _close_stdin():
    if sys.stdin is None:
        return
    try:
        sys.stdin.close()
    except (OSError, ValueError):
        pass
    try:
        sys.stdin = open(os.devnull)
    except (OSError, ValueError):
        pass


def _engine_name():
    return engine().name
