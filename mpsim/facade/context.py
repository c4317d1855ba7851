"""Simulated contexts and the ``multiprocessing`` package (and submodules) a model imports.

``multiprocessing.Lock()`` and friends are methods of a default context, as in CPython; the
default context fixes its start method the first time it is used (``fix``), and
``get_context("fork")`` returns one whose ``Process`` starts children by fork.  ``MODULES`` maps
CPython's module names to the simulated modules; each simulated class carries CPython's module
name, so pickles and reprs name ``multiprocessing.synchronize.Lock`` as CPython does.  A public
name of CPython's that is not simulated stops the check naming it (``unsupported``), and
``NOT_MODELLED`` lists them (tests/test_conformance.py keeps it honest).
"""
from __future__ import annotations

import importlib
import types

from . import connection, managers, pool, process, queues, reduction, sharedctypes, synchronize, util
from ._engine import engine
from .base import unsupported
from .process import MEMORY

METHODS = ("fork", "spawn", "forkserver")


class ProcessError(Exception):
    pass


class BufferTooShort(ProcessError):
    pass


class TimeoutError(ProcessError):  # noqa: A001 - CPython's name
    pass


class AuthenticationError(ProcessError):
    pass


def _imports(submodule):
    """CPython's context methods import their module on first use (``from .synchronize import
    Lock``): through the import system, so a program that replaced ``sys.modules["multiprocessing"]``
    meets the same ModuleNotFoundError."""
    importlib.import_module(f"multiprocessing.{submodule}")


def fix() -> str:
    """The default context is used: its start method is fixed from now on."""
    if MEMORY.context is None:
        MEMORY.context = engine().default_start_method()
    return MEMORY.context


def force(method):
    MEMORY.context = method


def start_method_for(proc) -> str:
    return proc._start_method or fix()


def set_forkserver_preload(module_names):
    """The modules a forkserver started from now on imports before it forks children."""
    if not all(type(mod) is str for mod in module_names):
        raise TypeError('module_names must be a list of strings')
    MEMORY.preload = module_names


class BaseContext:
    ProcessError = ProcessError
    BufferTooShort = BufferTooShort
    TimeoutError = TimeoutError
    AuthenticationError = AuthenticationError
    _name = None

    def current_process(self):
        return process.current_process()

    def parent_process(self):
        return process.parent_process()

    def active_children(self):
        return process.active_children()

    def cpu_count(self):
        import os
        return os.cpu_count()

    def Manager(self):
        _imports("managers")
        util.ensure_registered()
        return managers.SyncManager(ctx=self.get_context())

    def Pipe(self, duplex=True):
        _imports("connection")
        util.ensure_registered()
        return connection.Pipe(duplex)

    def Lock(self):
        _imports("synchronize")
        return synchronize.Lock(ctx=self.get_context())

    def RLock(self):
        _imports("synchronize")
        return synchronize.RLock(ctx=self.get_context())

    def Condition(self, lock=None):
        _imports("synchronize")
        return synchronize.Condition(lock, ctx=self.get_context())

    def Semaphore(self, value=1):
        _imports("synchronize")
        return synchronize.Semaphore(value, ctx=self.get_context())

    def BoundedSemaphore(self, value=1):
        _imports("synchronize")
        return synchronize.BoundedSemaphore(value, ctx=self.get_context())

    def Event(self):
        _imports("synchronize")
        return synchronize.Event(ctx=self.get_context())

    def Barrier(self, parties, action=None, timeout=None):
        _imports("synchronize")
        return synchronize.Barrier(parties, action, timeout, ctx=self.get_context())

    def Queue(self, maxsize=0):
        _imports("queues")
        return queues.Queue(maxsize, ctx=self.get_context())

    def JoinableQueue(self, maxsize=0):
        _imports("queues")
        return queues.JoinableQueue(maxsize, ctx=self.get_context())

    def SimpleQueue(self):
        _imports("queues")
        return queues.SimpleQueue(ctx=self.get_context())

    def Pool(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        _imports("pool")
        return pool.Pool(processes, initializer, initargs, maxtasksperchild, context=self.get_context())

    def RawValue(self, typecode_or_type, *args):
        _imports("sharedctypes")
        return sharedctypes.RawValue(typecode_or_type, *args)

    def RawArray(self, typecode_or_type, size_or_initializer):
        _imports("sharedctypes")
        return sharedctypes.RawArray(typecode_or_type, size_or_initializer)

    def Value(self, typecode_or_type, *args, lock=True):
        _imports("sharedctypes")
        return sharedctypes.Value(typecode_or_type, *args, lock=lock, ctx=self.get_context())

    def Array(self, typecode_or_type, size_or_initializer, *, lock=True):
        _imports("sharedctypes")
        return sharedctypes.Array(typecode_or_type, size_or_initializer, lock=lock, ctx=self.get_context())

    def freeze_support(self):
        pass

    def get_logger(self):
        _imports("util")
        return util.get_logger()

    def log_to_stderr(self, level=None):
        _imports("util")
        return util.log_to_stderr(level)

    def allow_connection_pickling(self):
        pass

    def set_executable(self, executable):
        unsupported("multiprocessing.set_executable")

    def set_forkserver_preload(self, module_names):
        set_forkserver_preload(module_names)

    def get_context(self, method=None):
        if method is None:
            return self
        try:
            ctx = _CONCRETE[method]
        except KeyError:
            raise ValueError("cannot find context for %r" % method) from None
        return ctx

    def get_start_method(self, allow_none=False):
        return self._name

    def set_start_method(self, method, force=False):
        raise ValueError("cannot set start method of concrete context")

    def get_all_start_methods(self):
        return list(METHODS)

    @property
    def reducer(self):
        return reduction

    def _check_available(self):
        pass

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        unsupported(f"multiprocessing.{name}")


class Process(process.BaseProcess):
    """The default context's Process: starts children with the default start method."""

    _start_method = None


class ForkProcess(process.BaseProcess):
    _start_method = "fork"


class SpawnProcess(process.BaseProcess):
    _start_method = "spawn"


class ForkServerProcess(process.BaseProcess):
    _start_method = "forkserver"


class DefaultContext(BaseContext):
    Process = Process

    def get_context(self, method=None):
        if method is None:
            return _CONCRETE[fix()]
        return super().get_context(method)

    def set_start_method(self, method, force=False):
        if MEMORY.context is not None and not force:
            raise RuntimeError("context has already been set")
        if method is None and force:
            MEMORY.context = None
            return
        MEMORY.context = self.get_context(method)._name

    def get_start_method(self, allow_none=False):
        if MEMORY.context is None:
            if allow_none:
                return None
            fix()
        return MEMORY.context

    def get_all_start_methods(self):
        return list(METHODS)


class ForkContext(BaseContext):
    _name = "fork"
    Process = ForkProcess


class SpawnContext(BaseContext):
    _name = "spawn"
    Process = SpawnProcess


class ForkServerContext(BaseContext):
    _name = "forkserver"
    Process = ForkServerProcess



_CONCRETE = {"fork": ForkContext(), "spawn": SpawnContext(), "forkserver": ForkServerContext()}
default = DefaultContext()


def _module(name, attrs, not_modelled=()):
    mod = _Module(name)
    mod.__dict__.update(attrs)
    mod._not_modelled = tuple(not_modelled)
    for value in attrs.values():
        if isinstance(value, type) and value.__module__.startswith("mpsim.facade"):
            value.__module__ = name
        elif isinstance(value, types.FunctionType) and value.__module__.startswith("mpsim.facade"):
            value.__module__ = name
    return mod


class _Module(types.ModuleType):
    """A simulated module: a name CPython has and mpsim does not model stops the check."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        if name in self._not_modelled:
            unsupported(f"{self.__name__}.{name}")
        raise AttributeError(f"module '{self.__name__}' has no attribute '{name}'")


def _top():
    attrs = {name: getattr(default, name) for name in (
        "Array", "Barrier", "BoundedSemaphore", "Condition", "Event", "JoinableQueue", "Lock",
        "Manager", "Pipe", "Pool", "Queue", "RLock", "RawArray", "RawValue", "Semaphore",
        "SimpleQueue", "Value", "active_children", "allow_connection_pickling", "cpu_count",
        "current_process", "freeze_support", "get_all_start_methods", "get_context",
        "get_logger", "get_start_method", "log_to_stderr", "parent_process", "set_executable",
        "set_forkserver_preload", "set_start_method")}
    attrs.update(Process=Process, ProcessError=ProcessError, BufferTooShort=BufferTooShort,
                 TimeoutError=TimeoutError, AuthenticationError=AuthenticationError,
                 reducer=reduction, SUBDEBUG=util.SUBDEBUG, SUBWARNING=util.SUBWARNING)
    return attrs


# What CPython's modules export and mpsim does not model (the conformance test checks this list
# against CPython's own modules).
NOT_MODELLED = {
    "multiprocessing.connection": ("Client", "Listener"),
    "multiprocessing.managers": ("BaseManager", "SharedMemoryManager", "Token"),
    "multiprocessing.pool": ("ThreadPool",),
    "multiprocessing.sharedctypes": ("copy", "synchronized"),
    "multiprocessing.util": ("ForkAwareLocal", "ForkAwareThreadLock", "close_all_fds_except",
                             "get_temp_dir"),
    "multiprocessing.reduction": reduction.NOT_MODELLED,
    "multiprocessing.shared_memory": ("ShareableList", "SharedMemory"),
    "multiprocessing.dummy": ("Barrier", "BoundedSemaphore", "Condition", "Event", "JoinableQueue",
                              "Lock", "Manager", "Pipe", "Pool", "Process", "Queue", "RLock",
                              "Semaphore", "active_children", "current_process", "freeze_support"),
    "multiprocessing.dummy.connection": ("Client", "Listener", "Pipe"),
    "multiprocessing.heap": ("BufferWrapper",),
    "multiprocessing.spawn": ("_main", "freeze_support", "get_command_line", "get_executable",
                              "get_preparation_data", "import_main_path", "set_executable"),
    "multiprocessing.forkserver": ("connect_to_new_process", "ensure_running",
                                   "get_inherited_fds"),
    "multiprocessing.resource_tracker": ("ensure_running", "register", "unregister"),
    "multiprocessing.popen_fork": ("Popen",),
    "multiprocessing.popen_spawn_posix": ("Popen",),
    "multiprocessing.popen_forkserver": ("Popen",),
    "multiprocessing.resource_sharer": ("DupFd", "stop"),
}

_SUBMODULES = {
    "multiprocessing.context": {
        "BaseContext": BaseContext, "DefaultContext": DefaultContext, "ForkContext": ForkContext,
        "SpawnContext": SpawnContext, "ForkServerContext": ForkServerContext, "Process": Process,
        "ForkProcess": ForkProcess, "SpawnProcess": SpawnProcess,
        "ForkServerProcess": ForkServerProcess, "ProcessError": ProcessError,
        "BufferTooShort": BufferTooShort, "TimeoutError": TimeoutError,
        "AuthenticationError": AuthenticationError,
        "assert_spawning": lambda obj: None, "get_spawning_popen": lambda: None,
        "set_spawning_popen": lambda popen: None},
    "multiprocessing.process": {
        "BaseProcess": process.BaseProcess, "current_process": process.current_process,
        "parent_process": process.parent_process, "active_children": process.active_children},
    "multiprocessing.synchronize": {n: getattr(synchronize, n) for n in (
        "Lock", "RLock", "Semaphore", "BoundedSemaphore", "Condition", "Event", "Barrier", "SemLock")},
    "multiprocessing.sharedctypes": {n: getattr(sharedctypes, n) for n in (
        "Value", "Array", "RawValue", "RawArray", "Synchronized", "SynchronizedArray",
        "SynchronizedString")},
    "multiprocessing.queues": {n: getattr(queues, n) for n in ("Queue", "JoinableQueue", "SimpleQueue")},
    "multiprocessing.connection": {"Pipe": connection.Pipe, "Connection": connection.Connection,
                                   "wait": connection.wait},
    "multiprocessing.managers": {n: getattr(managers, n) for n in (
        "SyncManager", "BaseProxy", "ListProxy", "DictProxy", "ValueProxy", "ArrayProxy",
        "NamespaceProxy", "Namespace", "Value")},
    "multiprocessing.pool": {"Pool": pool.Pool, "ApplyResult": pool.ApplyResult,
                             "AsyncResult": pool.ApplyResult, "MapResult": pool.MapResult,
                             "IMapIterator": pool.IMapIterator},
    "multiprocessing.util": {n: getattr(util, n) for n in (
        "Finalize", "SUBDEBUG", "SUBWARNING", "debug", "get_logger", "info", "is_exiting",
        "log_to_stderr", "register_after_fork", "sub_debug", "sub_warning")},
    "multiprocessing.reduction": {n: getattr(reduction, n) for n in (
        "ForkingPickler", "dump", "register", "_rebuild_partial")},
    "multiprocessing.forkserver": {"set_forkserver_preload": set_forkserver_preload},
}
for _name in NOT_MODELLED:
    _SUBMODULES.setdefault(_name, {})

# Submodules first: a class is named after the module CPython defines it in
# (multiprocessing.context.TimeoutError), not the package that re-exports it.
MODULES = {_name: _module(_name, _attrs, NOT_MODELLED.get(_name, ()))
           for _name, _attrs in _SUBMODULES.items()}
MODULES["multiprocessing"] = _module("multiprocessing", _top())
for _name in _SUBMODULES:
    setattr(MODULES["multiprocessing"], _name.rpartition(".")[2], MODULES[_name])
MODULES["multiprocessing"].__path__ = []  # a package: ``import multiprocessing.queues`` works
# Importing these in CPython imports multiprocessing.util, which registers its exit function.
IMPORTS_UTIL = {"multiprocessing.synchronize", "multiprocessing.queues", "multiprocessing.connection",
                "multiprocessing.managers", "multiprocessing.pool", "multiprocessing.sharedctypes",
                "multiprocessing.util", "multiprocessing.heap", "multiprocessing.spawn",
                "multiprocessing.popen_fork", "multiprocessing.popen_spawn_posix",
                "multiprocessing.popen_forkserver", "multiprocessing.resource_tracker",
                "multiprocessing.forkserver", "multiprocessing.shared_memory"}
