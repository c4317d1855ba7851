"""Objects held by a Manager's server process, as pure state machines (docs/semantics.md §12).

The server owns the real object; a proxy method call is one request and one reply, and the
server runs the builtin method under the GIL, so each call is one atomic operation - and
``d[k] += 1`` is two (``__getitem__`` then ``__setitem__``), which loses updates.  The value is kept
pickled (it is the server's, never shared by reference); results go back pickled, so the caller
gets copies; an exception in the server is raised again in the caller.

The server's objects live in mpsim's own process, so they are unpickled there by an allow-list
(``_ServerUnpickler``): containers, numbers, strings, exceptions and the standard library's value
types.  Anything else - a class of the model, or a function a crafted ``__reduce__`` would have
called - stops the check as not modelled, and never runs in mpsim's process.
"""
from __future__ import annotations

import io
import pickle
import traceback
from typing import NamedTuple

from ..errors import UnsupportedAPI
from ..i18n import _
from .base import Err, fail, ret
from .declare import ONE, READ, UPDATE, WRITE, OpDecl, declare

# A proxy used after shutdown(): its process's connection to the server is broken; a process
# that had not used that proxy yet finds no server socket to connect to.
BROKEN = Err("BrokenPipeError", "[Errno 32] Broken pipe")
NO_SERVER = Err("FileNotFoundError", "[Errno 2] No such file or directory")
# multiprocessing.managers registers a reducer that sends dict views as lists
_VIEWS = (type({}.items()), type({}.keys()), type({}.values()))


OPS = declare(
    OpDecl("call", UPDATE, data=True),  # one method of the server's object, atomically
    OpDecl("shutdown", WRITE, results=ONE),
)


# The proxy methods that only look at the server's object, and those that replace a part of it
# whatever it held (``d[k] = x``, ``ns.a = x``, ``v.value = x``); the others (``append``,
# ``update``, ``pop``...) read and change it in one atomic request.
SETTERS = frozenset({"__setitem__", "__setattr__", "__delitem__", "__delattr__", "set"})
READERS = frozenset({"__getitem__", "__getattribute__", "__len__", "__contains__", "__str__",
                     "__repr__", "__add__", "__mul__", "__rmul__", "__reversed__", "get", "keys",
                     "values", "items", "copy", "count", "index"})


class ManagedState(NamedTuple):
    typeid: str  # "list", "dict", "Namespace", "Value", "Array"
    data: bytes  # the pickled object


class ManagerState(NamedTuple):
    alive: bool = True


_SAFE_BUILTINS = {"list", "dict", "set", "frozenset", "tuple", "bytes", "bytearray", "complex",
                  "slice", "range", "int", "float", "str", "bool", "object"}
_SAFE_MODULES = {"collections", "datetime", "decimal", "fractions", "uuid", "ipaddress", "array"}
_SAFE_NAMES = {("copyreg", "_reconstructor"), ("copyreg", "__newobj__"),
               ("multiprocessing.managers", "Namespace"), ("multiprocessing.managers", "Value"),
               ("array", "_array_reconstructor"), ("_codecs", "encode")}


class _ServerUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        found = super().find_class(module, name) if _allowed(module, name) else None
        if found is None:
            shown = "__main__" if module == "__mp_main__" else module
            raise UnsupportedAPI(f"a manager object holding {shown}.{name}")
        return found


def _allowed(module, name) -> bool:
    if (module, name) in _SAFE_NAMES:
        return True
    if module == "builtins":
        import builtins
        obj = getattr(builtins, name, None)
        return name in _SAFE_BUILTINS or isinstance(obj, type) and issubclass(obj, BaseException)
    if module in _SAFE_MODULES and not name.startswith("_"):
        import importlib
        return isinstance(getattr(importlib.import_module(module), name, None), type)
    return False


def _loads(data: bytes):
    """Unpickle a server object or call arguments: ``UnsupportedAPI`` for what is not allowed."""
    try:
        return _ServerUnpickler(io.BytesIO(data)).load()
    except (AttributeError, ImportError) as exc:
        raise UnsupportedAPI(f"a manager object holding what the server cannot rebuild ({exc})") from None


def new(typeid: str, value) -> ManagedState:
    return ManagedState(typeid, pickle.dumps(value))


def new_manager() -> ManagerState:
    return ManagerState()


def step(view, oid, pid, method, args, phase):
    state = view[oid]
    if type(state) is ManagerState:
        if method == "shutdown":
            return [ret(None, [(oid, ManagerState(False))])]
        raise ValueError(f"unknown manager operation {method}")
    return [access(view, oid, pid, method, args)]


def kind(method, args) -> str:
    """How one call touches the object: READ, WRITE (a plain store) or UPDATE (atomic both)."""
    name = args[0]
    return READ if name in READERS else WRITE if name in SETTERS else UPDATE


def access(view, oid, pid, method, args):
    """One call on the server's object (the server takes no lock of the program's)."""
    state = view[oid]
    name, call_args, manager, connected = args
    if not view[manager].alive:
        return fail(BROKEN if connected else NO_SERVER)
    value = _loads(state.data)
    call_args = _loads(call_args)
    try:
        result = getattr(value, name)(*call_args)
    except Exception as exc:  # noqa: BLE001 - raised again in the caller, as the server does
        line = traceback.format_exception_only(type(exc), exc)[-1].strip()
        kind, _, message = line.partition(": ")
        return fail(Err(kind, message, pickle.dumps(exc)))
    if isinstance(result, _VIEWS):
        result = list(result)
    data = pickle.dumps(value)
    updates = [(oid, state._replace(data=data))] if data != state.data else []
    return ret(pickle.dumps(result), updates)


def holders(state) -> list:
    return []


def describe(state, name) -> str:
    if type(state) is ManagerState:
        return _("running") if state.alive else _("shut down")
    try:
        return repr(_loads(state.data))
    except UnsupportedAPI:
        return f"<{state.typeid} holding what mpsim does not model>"


def short(state, name) -> str:
    return describe(state, name)
