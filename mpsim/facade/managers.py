"""Simulated multiprocessing.managers: Manager() and the proxies it hands out.

The manager's server process is not simulated as a process: what it does for a proxy call -
run one method of the object it owns, atomically - is one operation on the object's state (see
``mpsim.primitives.managed``).  Creating the manager still counts as creating a child process, as
in CPython (the next ``Process`` is ``Process-2``).  Synchronisation objects from a manager are
the server's ``threading`` objects; they are modelled by the same state machines as their
multiprocessing cousins, with threading's error messages.
"""
from __future__ import annotations

from ..primitives import event, managed
from . import queues, synchronize
from . import util
from ._engine import engine
from .base import Handle, unsupported


class Namespace:
    """The object a Manager's ``Namespace()`` holds (CPython's ``managers.Namespace``)."""

    def __init__(self, /, **kwds):
        self.__dict__.update(kwds)

    def __repr__(self):
        temp = sorted("%s=%r" % (name, value) for name, value in self.__dict__.items()
                      if not name.startswith("_"))
        return "%s(%s)" % (self.__class__.__name__, ", ".join(temp))


class Value:
    """The object a Manager's ``Value()`` holds (CPython's ``managers.Value``)."""

    def __init__(self, typecode, value, lock=True):
        self._typecode = typecode
        self._value = value

    def get(self):
        return self._value

    def set(self, value):
        self._value = value

    def __repr__(self):
        return "%s(%r, %r)" % (type(self).__name__, self._typecode, self._value)

    value = property(get, set)


class BaseProxy(Handle):
    _inheritance_only = False  # proxies may be pickled and sent anywhere
    _named_semaphores = False  # the server's objects: nothing of the caller's to unlink
    _typeid = "object"

    def _setup(self, manager, value):
        self._manager = manager
        self._connected = False  # has this process's copy connected to the server yet?
        self._bind(managed.new(self._typeid, value))
        util.register_after_fork(self, BaseProxy._after_fork)
        return self

    def _after_fork(self):
        self._connected = False  # a forked child's copy has no connection yet

    def _extra(self):
        return self._manager

    def _restore(self, manager):
        self._manager = manager
        self._connected = False

    def _mpsim_local(self):
        return self._connected

    def _callmethod(self, name, args=(), shown=None):
        eng = engine()
        call = (name, eng.dumps(tuple(args)), self._manager, self._connected)
        try:
            data = self._op("call", call, shown or f"{name}()", decode=True)
        except FileNotFoundError:
            raise
        except BaseException:
            self._connected = True
            raise
        self._connected = True
        return self._loads(data)

    def __repr__(self):
        return f"<{type(self).__name__} object, typeid {self._typeid!r} at 0x7f03{self._mpsim_oid[1]:08x}>"

    def __str__(self):
        return self._callmethod("__str__", shown="{} (str)")


def _forward(name, shown):
    def method(self, *args):
        return self._callmethod(name, args, shown)
    method.__name__ = name
    return method


class ListProxy(BaseProxy):
    _typeid = "list"

    def __iadd__(self, value):
        self._callmethod("extend", (value,), "{} += ...")
        return self

    def __imul__(self, value):
        self._callmethod("__imul__", (value,), "{} *= ...")
        return self


for _name, _shown in [("__add__", "{} + ..."), ("__contains__", "... in {}"), ("__delitem__", "del {}[...]"),
                      ("__getitem__", "{}[...]"), ("__len__", "len({})"), ("__mul__", "{} * ..."),
                      ("__reversed__", "reversed({})"), ("__rmul__", "... * {}"),
                      ("__setitem__", "{}[...] = ..."), ("append", "{}.append(...)"),
                      ("count", "{}.count(...)"), ("extend", "{}.extend(...)"),
                      ("index", "{}.index(...)"), ("insert", "{}.insert(...)"), ("pop", "{}.pop()"),
                      ("remove", "{}.remove(...)"), ("reverse", "{}.reverse()"), ("sort", "{}.sort()")]:
    setattr(ListProxy, _name, _forward(_name, _shown))


class DictProxy(BaseProxy):
    _typeid = "dict"

    def __iter__(self):
        return iter(self._callmethod("keys", shown="iter({})"))


for _name, _shown in [("__contains__", "... in {}"), ("__delitem__", "del {}[...]"),
                      ("__getitem__", "{}[...]"), ("__len__", "len({})"),
                      ("__setitem__", "{}[...] = ..."), ("clear", "{}.clear()"), ("copy", "{}.copy()"),
                      ("get", "{}.get(...)"), ("items", "{}.items()"), ("keys", "{}.keys()"),
                      ("pop", "{}.pop(...)"), ("popitem", "{}.popitem()"),
                      ("setdefault", "{}.setdefault(...)"), ("update", "{}.update(...)"),
                      ("values", "{}.values()")]:
    setattr(DictProxy, _name, _forward(_name, _shown))


class NamespaceProxy(BaseProxy):
    _typeid = "Namespace"

    def __getattr__(self, key):
        if key[0] == "_":
            return object.__getattribute__(self, key)
        return self._callmethod("__getattribute__", (key,), f"{{}}.{key}")

    def __setattr__(self, key, value):
        if key[0] == "_":
            return object.__setattr__(self, key, value)
        return self._callmethod("__setattr__", (key, value), f"{{}}.{key} = {value!r}")

    def __delattr__(self, key):
        if key[0] == "_":
            return object.__delattr__(self, key)
        return self._callmethod("__delattr__", (key,), f"del {{}}.{key}")


class ValueProxy(BaseProxy):
    _typeid = "Value"

    def get(self):
        return self._callmethod("get", shown="{}.get()")

    def set(self, value):
        return self._callmethod("set", (value,), f"{{}}.set({value!r})")

    value = property(get, set)


class ArrayProxy(BaseProxy):
    _typeid = "Array"


for _name, _shown in [("__len__", "len({})"), ("__getitem__", "{}[...]"), ("__setitem__", "{}[...] = ...")]:
    setattr(ArrayProxy, _name, _forward(_name, _shown))


class _Acquirer(synchronize.SemLock):
    """AcquirerProxy: the server's threading lock or semaphore."""

    _named_semaphores = False

    _inheritance_only = False

    def acquire(self, blocking=True, timeout=None):
        return synchronize.SemLock.acquire(self, blocking, timeout)


class LockProxy(_Acquirer):
    _kind = "threading.Lock"


class RLockProxy(_Acquirer):
    _kind = "threading.RLock"


class SemaphoreProxy(_Acquirer):
    _kind = "threading.Semaphore"


class BoundedSemaphoreProxy(_Acquirer):
    _kind = "threading.BoundedSemaphore"


class ConditionProxy(synchronize.Condition):
    _named_semaphores = False
    _inheritance_only = False


class EventProxy(synchronize.Event):
    _named_semaphores = False
    _inheritance_only = False

    def __init__(self):
        self._bind(event.new(threading=True))


class QueueProxy(queues.Queue):
    """The server's queue.Queue: no pipe, no feeder; task_done() and join() as well."""

    _named_semaphores = False

    _inheritance_only = False
    _kind = "queue.Queue"

    def put(self, obj, block=True, timeout=None):
        self._dumps(obj)  # the proxy pickles its arguments: errors are raised here
        return self._put(obj, block, timeout, now=True)  # ... and sends them at once

    def task_done(self):
        self._op("task_done", (), "task_done()")

    def join(self):
        self._op("join", (), "join()")


def _not_exposed(name):
    def missing(self):
        raise AttributeError(f"'AutoProxy[Queue]' object has no attribute '{name}'")
    return property(missing)


for _name in ("close", "join_thread", "cancel_join_thread"):  # queue.Queue has none of them
    setattr(QueueProxy, _name, _not_exposed(_name))


class SyncManager:
    """``multiprocessing.Manager()``: started at once, shut down by ``shutdown()`` or ``with``."""

    def __init__(self, ctx=None):
        from .process import MEMORY
        MEMORY.counter += 1  # the server is a child process in CPython
        self._state = Handle()
        self._state._bind(managed.new_manager())

    @classmethod
    def register(cls, typeid, *args, **kwargs):
        unsupported(f"{cls.__name__}.register (custom manager types)")

    def _proxy(self, cls, value):
        return cls()._setup(self._state._mpsim_oid, value)

    def list(self, sequence=()):
        return self._proxy(ListProxy, list(sequence))

    def dict(self, *args, **kwargs):
        return self._proxy(DictProxy, dict(*args, **kwargs))

    def Namespace(self, **kwargs):
        return self._proxy(NamespaceProxy, Namespace(**kwargs))

    def Value(self, typecode, value, lock=True):
        return self._proxy(ValueProxy, Value(typecode, value, lock))

    def Array(self, typecode, sequence, lock=True):
        import array
        return self._proxy(ArrayProxy, array.array(typecode, sequence))

    def Lock(self):
        return LockProxy(1)

    def RLock(self):
        return RLockProxy(1)

    def Semaphore(self, value=1):
        return SemaphoreProxy(value)

    def BoundedSemaphore(self, value=1):
        return BoundedSemaphoreProxy(value)

    def Condition(self, lock=None):
        return ConditionProxy(lock if lock is not None else RLockProxy(1))

    def Event(self):
        return EventProxy()

    def Barrier(self, parties, action=None, timeout=None):
        return synchronize.Barrier(parties, action, timeout)

    def Queue(self, maxsize=0):
        return QueueProxy(maxsize)

    JoinableQueue = Queue

    def start(self):
        pass

    def shutdown(self):
        self._state._op("shutdown", (), "{}.shutdown()")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.shutdown()

    def __getattr__(self, name):
        if name.startswith("_"):  # pickle looks up optional hooks
            raise AttributeError(f"'SyncManager' object has no attribute '{name}'")
        from .base import unsupported
        unsupported(f"Manager().{name}")


def Manager(*, ctx=None):
    return SyncManager()
