"""What a simulated process's future depends on: the roots of its fingerprint, and its names.

The allow-list, root by root (each root is then captured object by object by ``canon``):

* its **frames**, from the process's first frame of its own to the operation it waits in: code,
  instruction, the local variables still live there (``frames.live_after``; a dead variable is
  left out only when its value cannot be finalised or weakly referenced), the value stack, and -
  where C code with progress of its own sits between two frames (``list(gen)``) - every result
  received since that C code began (``track``);
* the **model's modules** (every module loaded from the model's directory, ``__main__``
  included): all their globals;
* the **facade's process memory** (``current_process()``, children, counters, context...) and
  the engine's own counters (objects created, the virtual clock if read);
* the **interpreter state a process keeps for itself** that programs change without holding a
  reference to it: ``sys.argv``, ``sys.path``, the loaded module names, ``os.environ``, the
  working directory, the recursion limit, trace and profile functions, signal handlers,
  ``atexit`` callbacks, the ``random`` module's generator, ``logging``'s loggers and handlers,
  ``warnings``' filters, ``sys.stdout``/``sys.stderr`` and the ``builtins`` module.

What is worked out from ``sys.modules``, ``os.environ`` and ``builtins`` (which modules are the
model's, their names, the environment, the builtins changed) is kept from one report to the next
while that dict is unchanged (``DerivedFrom``): a report costs little when they do not change.  A
module is the model's by where it was loaded from: its ``__file__`` when it entered ``sys.modules``.

The one assumption left: a library's internal state that the program changes only through the
library and never holds a reference to - other than the items above - does not change what the
program does.  ``mpsim check --audit-merges`` tests every merge against that assumption.
"""
from __future__ import annotations

import builtins
import ctypes
import os
import sys

from ...i18n import N_
from ...modelfiles import is_model_file
from . import canon
from . import frames as cpython

_LOADER_DUNDERS = {"__builtins__", "__loader__", "__spec__", "__cached__", "__file__", "__name__",
                   "__package__", "__path__", "__doc__"}
_PRISTINE_BUILTINS = None


def remember_builtins():
    """Called once at start-up: the builtins every process begins with."""
    global _PRISTINE_BUILTINS
    _PRISTINE_BUILTINS = dict(builtins.__dict__)


def region(frame, floor) -> list:
    """The process's own frames, outermost first: from ``frame`` outwards until ``floor``."""
    out = []
    while frame is not None and frame is not floor:
        out.append(frame)
        frame = frame.f_back
    out.reverse()
    return out


class Observation:
    """The frames of one suspension, classified: which need a result history (``stateful``)."""

    def __init__(self, frames_, innermost_callee):
        self.frames = frames_
        self.entries = []  # (frame, stack, status)
        self.opaque = None  # where the state cannot be compared (an opaque frame), if so
        self.opaque_why = None  # and why: a message with the field {where}
        for i, f in enumerate(frames_):
            callee = frames_[i + 1] if i + 1 < len(frames_) else innermost_callee
            why = N_("code called back from C at {where}")
            try:
                stack, status = cpython.value_stack(f, callee)
            except cpython.LayoutError:
                stack, status = [], cpython.OPAQUE
                why = N_("code whose value stack mpsim cannot follow at {where}")
            if status == cpython.OPAQUE and self.opaque is None:
                self.opaque = f"{f.f_code.co_filename}:{f.f_lineno}"
                self.opaque_why = why
            self.entries.append((f, stack, status))

    def stateful_keys(self) -> list:
        return [(id(f), f.f_code, cpython.current_instruction(f))
                for f, _, status in self.entries if status == cpython.STATEFUL]


def frames_state(obs: Observation, track: dict) -> list:
    out = []
    for f, stack, status in obs.entries:
        code = f.f_code
        offset = cpython.current_instruction(f)
        if code.co_flags & 0x1:  # CO_OPTIMIZED: variables live in fast slots
            names = _names(code)
            live = cpython.live_after(code, offset)
            slots = cpython.local_slots(f)
            variables = tuple((names[i], v) for i, v in enumerate(slots)
                              if i in live or not (v is cpython.NULL or canon.atomic(v)))
        elif f.f_locals is f.f_globals:
            variables = ()  # a module's code: its globals are captured with the module
        else:
            variables = (("<namespace>", f.f_locals),)  # a class body, exec with locals
        key = (id(f), code, offset)
        if "stack" in canon.UNSAFE:
            stack = ()
        if "track" in canon.UNSAFE:
            status = cpython.EXACT
        out.append((canon.code_key(code), offset, variables, tuple(stack),
                    track.get(key, ()) if status == cpython.STATEFUL else None))
    return out


_NAMES: dict = {}


def _names(code):
    names = _NAMES.get(code)
    if names is None:
        names = _NAMES[code] = cpython.slot_names(code)
    return names


def model_modules(model_dir: str) -> dict:
    """name -> module for every module loaded from the model's directory (and ``__main__``).
    Worked out again only when ``sys.modules`` has changed (a module added, removed or replaced);
    a module's ``__file__`` is read once, when it enters ``sys.modules``: where it was loaded from.
    The dict returned is shared: not to be changed."""
    return _MODEL_MODULES.get(sys.modules, _find_model_modules, model_dir)


def _find_model_modules(modules: dict, model_dir: str) -> dict:
    found = {}
    for name, mod in list(modules.items()):
        path = getattr(mod, "__file__", None)
        if name in ("__main__", "__mp_main__") or (isinstance(path, str)
                                                    and is_model_file(path, model_dir)):
            found[name] = mod
    return found


def modules_state(mods: dict) -> list:
    out = []
    for name in sorted(mods):
        d = mods[name].__dict__
        out.append((name, tuple((k, v) for k, v in d.items() if k not in _LOADER_DUNDERS)))
    return out


def interpreter_state(atexit_callbacks, signal_handlers) -> tuple:
    logging = sys.modules.get("logging")
    warnings = sys.modules.get("warnings")
    random = sys.modules.get("random")
    changed_builtins, removed_builtins = _BUILTINS.get(builtins.__dict__, _builtins_changes)
    environ = (_ENVIRON.get(os.environ._data, lambda data: dict(os.environ))
               if type(os.environ) is os._Environ else dict(os.environ))
    return (
        tuple(sys.argv), tuple(sys.path), _MODULE_NAMES.get(sys.modules, lambda m: tuple(sorted(m))),
        environ, os.getcwd(),
        sys.getrecursionlimit(), sys.gettrace(), sys.getprofile(), tuple(signal_handlers),
        tuple(atexit_callbacks), random._inst if random is not None else None,
        (logging.root, logging.Logger.manager.loggerDict, logging.root.manager.disable)
        if logging is not None else None,
        tuple(warnings.filters) if warnings is not None else None,
        sys.stdout, sys.stderr, sys.excepthook, changed_builtins, removed_builtins,
    )


def _builtins_changes(namespace: dict) -> tuple:
    changed = tuple((k, v) for k, v in namespace.items()
                    if _PRISTINE_BUILTINS is None or _PRISTINE_BUILTINS.get(k, canon) is not v)
    removed = tuple(sorted(k for k in (_PRISTINE_BUILTINS or ()) if k not in namespace))
    return changed, removed


# -- what is read again only when a dict changed -------------------------------------------------

_DICT_VERSION = 3 * ctypes.sizeof(ctypes.c_void_p)  # CPython 3.11's PyDictObject: head, ma_used


def dict_version(d: dict) -> int:
    """A number that changes whenever ``d`` does: CPython 3.11's ``ma_version_tag``, which every
    insertion, replacement and deletion takes from one counter of the interpreter that only
    grows (a dict left unchanged keeps its number)."""
    return ctypes.c_uint64.from_address(id(d) + _DICT_VERSION).value


class DerivedFrom:
    """What was last worked out from a dict (and arguments), kept while the dict is unchanged."""

    def __init__(self):
        self._source = None  # held, so that its id is never another dict's
        self._key = None
        self._value = None

    def get(self, source: dict, derive, *args):
        key = (dict_version(source),) + args
        if self._source is not source or self._key != key:
            self._value = derive(source, *args)
            self._source, self._key = source, key
        return self._value


_MODEL_MODULES = DerivedFrom()
_MODULE_NAMES = DerivedFrom()
_ENVIRON = DerivedFrom()
_BUILTINS = DerivedFrom()


# -- names ----------------------------------------------------------------------------------------

def find_names(wanted: set, scopes, key_of) -> dict:
    """Name each wanted key (``key_of(obj)``: an object id, a pipe end, a process ident) after
    the variable (or element of one) that holds it."""
    found = {}
    for scope in scopes:
        for var, value in list(scope.items()):
            if var.startswith("__"):
                continue
            for name, obj in _named_parts(var, value):
                key = key_of(obj)
                if key is not None and key in wanted and key not in found:
                    found[key] = name
    return found


def _named_parts(var, value):
    yield var, value
    if type(value) in (list, tuple):
        for i, item in enumerate(value[:64]):
            yield f"{var}[{i}]", item
    elif hasattr(type(value), "_mpsim_parts"):
        for part, item in value._mpsim_parts():
            yield f"{var}{part}", item
    elif type(value) is dict:
        for k, item in list(value.items())[:64]:
            yield f"{var}[{k!r}]", item
