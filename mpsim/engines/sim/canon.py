"""The canonical form of a simulated process's memory, by allow-list.

Two local states of a process may be merged only if everything the process's future can depend
on is equal.  ``canonical(roots)`` serialises the objects reachable from the roots the engine
gives it (frames, the model's modules, the facade's process memory, the interpreter state listed
in ``engines/sim/memory.py``) and raises ``Unmergeable`` at the first object it cannot capture
exactly.  The serialisation is a pickle, so shared references stay shared (``a = b = []`` is not
``a, b = [], []``), but no object's own ``__reduce__``/``__getstate__``/``__deepcopy__`` is
trusted: what is captured is decided here, type by type.

Captured exactly:

* ``None``, booleans, numbers, strings, bytes, tuples, lists, dicts (in their order);
* sets and frozensets with their hash-table layout (which decides their iteration order after
  further insertions), read from CPython's ``PySetObject``;
* instances of classes defined in Python: their class, every ``__dict__`` entry in order and every
  ``__slots__`` value - raw, whatever ``__getstate__`` would say; subclasses of the builtin
  containers with their contents;
* classes and functions of the model (and of any code mpsim was told is the model's): their
  attributes, defaults, closures and ``__dict__``, so class attributes and function attributes
  changed at run time are part of the state; library classes and functions by name;
* generators and their suspended frames (code, instruction, locals, value stack);
* exceptions with args, attributes, cause, context and traceback; tracebacks and finished frames;
* a fixed list of C types whose own pickling is exact (iterators over lists, tuples, ranges and
  strings keep their link to the container; ``deque``, ``array``, ``itertools`` objects, dates,
  ``Decimal``, compiled patterns, ``random.Random`` ...), dict views and dict iterators (checked
  against their dict), ``threading`` locks (held or not, and how deep), weak references,
  ``functools.partial``, properties, bound methods, cells, code objects;
* objects the engine names itself through ``persistent``: primitive handles, captured streams.

Anything else - an open file, a socket, a ``memoryview``, a set iterator, an object of a C type
not listed - raises ``Unmergeable`` naming its type: the state is then never merged with another.
"""
from __future__ import annotations

import array
import collections
import os
import ctypes
import datetime
import decimal
import functools
import io
import itertools
import operator
import pickle
import random
import re
import threading
import types
import weakref
import zlib

from . import frames as cpython


# The protections tests/test_state_matching.py switches off, one at a time, to show that its models
# catch a fingerprint that misses them (MPSIM_UNSAFE=classes,sets,...; never set otherwise).
UNSAFE = frozenset(os.environ.get("MPSIM_UNSAFE", "").split(",")) - {""}


class Unmergeable(Exception):
    """This state holds something whose every detail mpsim cannot capture."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


class _Tag:  # a placeholder class whose name labels a canonical record; never instantiated
    pass


def _tag(name):
    return type(name, (_Tag,), {"__module__": "mpsim.canon", "__qualname__": name})


_NULL, _SET, _CLASS, _OBJ, _FN, _SUB, _EXC, _GEN, _CELL, _CODE, _LOCK, _TB, _FRAME, _MISC = map(
    _tag, ["NULL", "SET", "CLASS", "OBJ", "FN", "SUB", "EXC", "GEN", "CELL", "CODE", "LOCK", "TB",
           "FRAME", "MISC"])

_HEAPTYPE = 1 << 9
_ATOMIC = (int, float, complex, str, bytes, bool, type(None))
_PLAIN = frozenset(_ATOMIC + (tuple, list, dict))  # pickled as they are


def code_key(code) -> tuple:
    """A code object's identity, equal in every process that loaded the same source."""
    return (code.co_filename, code.co_firstlineno, code.co_qualname, zlib.crc32(code.co_code))


def atomic(value, depth=3) -> bool:
    """A value that holds nothing mutable and nothing that can be finalised or weakly referenced."""
    t = type(value)
    if t in _ATOMIC:
        return True
    if t in (tuple, frozenset) and depth:
        return all(atomic(v, depth - 1) for v in value)
    return False


# -- sets: the hash table's layout --------------------------------------------------------------

_PTR = ctypes.sizeof(ctypes.c_void_p)
_SET_FILL, _SET_MASK, _SET_TABLE, _SET_FINGER = 2 * _PTR, 4 * _PTR, 5 * _PTR, 7 * _PTR


def _dummy_pointer() -> int:
    s = {object()}
    s.pop()  # leaves CPython's dummy entry in the slot
    s = {1}
    s.discard(1)
    table = ctypes.c_void_p.from_address(id(s) + _SET_TABLE).value
    mask = ctypes.c_ssize_t.from_address(id(s) + _SET_MASK).value
    for i in range(mask + 1):
        key = ctypes.c_void_p.from_address(table + 2 * _PTR * i).value
        if key:
            return key
    raise RuntimeError("no dummy entry found")


_DUMMY = _dummy_pointer()


def set_layout(s) -> tuple:
    """(mask, fill, finger, slots holding keys, slots holding deleted-entry markers)."""
    base = id(s)
    mask = ctypes.c_ssize_t.from_address(base + _SET_MASK).value
    table = ctypes.c_void_p.from_address(base + _SET_TABLE).value
    fill = ctypes.c_ssize_t.from_address(base + _SET_FILL).value
    finger = ctypes.c_ssize_t.from_address(base + _SET_FINGER).value
    keys, dummies = [], []
    for i in range(mask + 1):
        key = ctypes.c_void_p.from_address(table + 2 * _PTR * i).value
        if key == _DUMMY:
            dummies.append(i)
        elif key:
            keys.append(i)
    return mask, fill, finger, tuple(keys), tuple(dummies)


# -- C types -------------------------------------------------------------------------------------

def _own_reduce(obj):
    return obj.__reduce_ex__(4)


_EXACT_REDUCE = {
    collections.deque, collections.OrderedDict, collections.defaultdict, array.array, range, slice,
    complex, bytearray, datetime.date, datetime.time, datetime.datetime, datetime.timedelta,
    datetime.timezone, decimal.Decimal, re.Pattern, enumerate, zip, map, filter, reversed,
    functools.partial, operator.itemgetter, operator.attrgetter, operator.methodcaller,
    types.SimpleNamespace, type(NotImplemented), type(Ellipsis),
    type(iter([])), type(reversed([])), type(iter(())), type(iter(range(1))),
    type(iter(range(2 ** 70))), type(iter("")), type(iter("\u20ac")), type(iter(b"")),
    type(iter(bytearray())), type(iter(int, 1)),
    itertools.count, itertools.cycle, itertools.repeat, itertools.accumulate, itertools.chain,
    itertools.compress, itertools.dropwhile, itertools.takewhile, itertools.islice,
    itertools.starmap, itertools.zip_longest, itertools.product, itertools.permutations,
    itertools.combinations, itertools.combinations_with_replacement, itertools.groupby,
    itertools.pairwise,
}
_DESCRIPTORS = {types.BuiltinFunctionType, types.MethodWrapperType, types.WrapperDescriptorType,
                types.MethodDescriptorType, types.GetSetDescriptorType, types.MemberDescriptorType,
                types.ClassMethodDescriptorType}
_DICT_VIEWS = {type({}.keys()): "keys", type({}.values()): "values", type({}.items()): "items"}
_DICT_ITERS = {type(iter({})): "keys", type(iter({}.values())): "values",
               type(iter({}.items())): "items", type(reversed({})): "rkeys",
               type(reversed({}.values())): "rvalues", type(reversed({}.items())): "ritems"}
_LOCK_TYPES = {type(threading.Lock()), type(threading.RLock())}
_GEN_TYPES = {types.GeneratorType, types.CoroutineType, types.AsyncGeneratorType}
_NATIVE = {list, dict, tuple, str, bytes, int, float, set, frozenset}


def instance_dict(obj):
    """``obj.__dict__`` without running the class's own ``__getattribute__``."""
    try:
        return object.__getattribute__(obj, "__dict__")
    except AttributeError:
        return None


def _dict_iter(obj):
    """A dict iterator is its dict and its position: the remaining keys must be the tail of the
    dict's keys, and the dict must not have changed size (else next() raises)."""
    kind = _DICT_ITERS[type(obj)]
    remaining = obj.__reduce__()[1][0]
    owner = _iterated_dict(obj)
    if owner is None:
        raise Unmergeable(type(obj).__name__)
    items = list(owner.items()) if kind.endswith("items") else list(
        owner.values() if kind.endswith("values") else owner.keys())
    if kind.startswith("r"):
        items.reverse()
    n = len(remaining)
    if obj.__length_hint__() != n or items[len(items) - n:] != list(remaining):
        raise Unmergeable(type(obj).__name__)
    return (_MISC, ("dictiter", kind), (owner, n))


def _iterated_dict(it):
    import gc
    for ref in gc.get_referents(it):
        if type(ref) is dict:
            return ref
    return None


_SET_ITER = type(iter(set()))
_SI_SET, _SI_USED, _SI_POS, _SI_LEN = 2 * _PTR, 3 * _PTR, 4 * _PTR, 5 * _PTR


def _set_iter(it):
    """A set iterator is its set (NULL once exhausted), the set's size when it began (a change
    makes next() raise), its position in the table and how many items it has left."""
    base = id(it)
    ptr = ctypes.c_void_p.from_address(base + _SI_SET).value
    owner = ctypes.cast(ptr, ctypes.py_object).value if ptr else None
    used, pos, left = (ctypes.c_ssize_t.from_address(base + off).value
                       for off in (_SI_USED, _SI_POS, _SI_LEN))
    return (_MISC, ("setiter",), (owner, used, pos, left))


def _lock_state(lock) -> tuple:
    if type(lock) is type(threading.Lock()):
        return ("lock", lock.locked())
    text = repr(lock)  # <locked _thread.RLock object owner=139... count=2 at 0x...>
    count = int(text.split("count=")[1].split()[0])
    return ("rlock", count)


def _random_state(state):
    """``Random.getstate()``, its 625 words (all ints below 2**32) in one bytes object: the same
    information in one object instead of 625."""
    if type(state) is tuple and len(state) == 3 and type(state[1]) is tuple:
        words = state[1]
        if set(map(type, words)) == {int} and all(0 <= w < 2 ** 32 for w in (min(words), max(words))):
            return (state[0], array.array("I", words).tobytes(), state[2])
    return state


def _weakref(ref):
    return (_MISC, ("weakref",), (ref(), ref.__callback__))


# -- the pickler ---------------------------------------------------------------------------------

class Canon(pickle.Pickler):
    """Serialise roots canonically; ``persistent(obj)`` lets the engine name its own objects."""

    def __init__(self, buf, model_modules, persistent):
        super().__init__(buf, protocol=4)
        self.model_modules = model_modules  # names of the model's modules
        self.persistent = persistent
        self._sets = {}
        self.hash_ordered = False  # a set whose order depends on the string hash seed was seen

    def persistent_id(self, obj):
        t = type(obj)
        if t in _PLAIN:
            return None
        if obj is cpython.NULL:
            return ("NULL",)
        if t is type and issubclass(obj, _Tag):
            return ("tag", obj.__qualname__)
        if t is set or t is frozenset:
            n = self._sets.get(id(obj))
            if n is not None:
                return ("set-ref", n)
            self._sets[id(obj)] = n = len(self._sets)
            if len(obj) > 1 and any(_hashes_text(x) for x in obj):
                self.hash_ordered = True
            # the set's elements in slot order, and the slots: decides future iteration orders
            layout = None if "sets" in UNSAFE else set_layout(obj)
            return ("set", n, t is frozenset, tuple(obj), layout)
        if isinstance(obj, types.ModuleType):
            return ("module", obj.__name__)
        return self.persistent(obj)

    def reducer_override(self, obj):
        t = type(obj)
        if isinstance(obj, type):
            return self._class(obj)
        handler = _HANDLERS.get(t)
        if handler is not None:
            return handler(self, obj)
        if t in _EXACT_REDUCE:
            return _own_reduce(obj)
        if t in _DESCRIPTORS:
            return self._descriptor(obj)
        if t in _DICT_ITERS:
            return _dict_iter(obj)
        if t is _SET_ITER:
            return _set_iter(obj)
        if t in _DICT_VIEWS:
            return (_MISC, ("dictview", _DICT_VIEWS[t]), (obj.mapping,))
        if t in _LOCK_TYPES:
            return (_LOCK, _lock_state(obj))
        if t in _GEN_TYPES:
            return self._generator(obj)
        if isinstance(obj, BaseException):
            return self._exception(obj)
        if isinstance(obj, random.Random):
            return (_MISC, ("random", t.__module__, t.__qualname__),
                    (_random_state(obj.getstate()), instance_dict(obj)))
        if t.__flags__ & _HEAPTYPE:
            return self._instance(obj, t)
        raise Unmergeable(f"{t.__module__}.{t.__qualname__}")

    # -- Python-level objects --------------------------------------------------------------------
    def _is_model(self, module_name) -> bool:
        return module_name in self.model_modules

    def _class(self, cls):
        module = getattr(cls, "__module__", None)
        if not (cls.__flags__ & _HEAPTYPE) or not self._is_model(module) or "classes" in UNSAFE:
            return (_CLASS, (module, cls.__qualname__))
        attrs = tuple((k, v) for k, v in cls.__dict__.items() if k not in ("__dict__", "__weakref__"))
        return (_CLASS, (module, cls.__qualname__), (cls.__bases__, attrs))

    def _instance(self, obj, t):
        if "getstate" in UNSAFE:
            return _own_reduce(obj)
        native = next((b for b in t.__mro__[1:] if b in _NATIVE), None)
        for base in t.__mro__[1:]:
            if base is object or base is native or base.__flags__ & _HEAPTYPE:
                continue
            if native is not None and issubclass(native, base):
                continue
            raise Unmergeable(f"{t.__module__}.{t.__qualname__} (built on {base.__qualname__})")
        slots = []
        for klass in t.__mro__:
            for name, member in vars(klass).items():
                if type(member) is types.MemberDescriptorType and klass.__flags__ & _HEAPTYPE:
                    try:
                        slots.append((name, member.__get__(obj)))
                    except AttributeError:
                        slots.append((name, cpython.NULL))
        content = native(obj) if native is not None and native is not tuple else (
            tuple(obj) if native is tuple else None)
        return (_OBJ, (t,), (content, instance_dict(obj), tuple(slots)))

    def _function(self, fn):
        code = fn.__code__
        module = fn.__module__
        closure = tuple(fn.__closure__ or ())
        if "functions" in UNSAFE or not self._is_model(module) and not closure and not fn.__dict__:
            return (_FN, (code_key(code), module, fn.__qualname__), (fn.__defaults__, fn.__kwdefaults__))
        return (_FN, (code_key(code), module, fn.__qualname__),
                (fn.__defaults__, fn.__kwdefaults__, closure, fn.__dict__, fn.__name__))

    def _descriptor(self, obj):
        owner = getattr(obj, "__self__", None)
        if owner is None or isinstance(owner, types.ModuleType):
            owner = getattr(obj, "__objclass__", owner)
        return (_MISC, ("builtin", type(obj).__name__, getattr(obj, "__qualname__", obj.__name__)), (owner,))

    def _exception(self, exc):
        t = type(exc)
        for base in t.__mro__[1:]:
            if not base.__flags__ & _HEAPTYPE and base.__module__ != "builtins":
                raise Unmergeable(f"{t.__module__}.{t.__qualname__}")
        return (_EXC, (t,), (exc.args, instance_dict(exc), exc.__cause__, exc.__context__,
                              exc.__suppress_context__, exc.__traceback__))

    def _traceback(self, tb):
        return (_TB, (tb.tb_lasti, tb.tb_lineno), (tb.tb_frame, tb.tb_next))

    def _frame(self, frame):
        # A frame reached through an object (a traceback): its code, position and variables.
        locals_ = cpython.local_slots(frame) if frame.f_code.co_flags & 0x1 else frame.f_locals
        return (_FRAME, (code_key(frame.f_code), frame.f_lasti), (locals_,))

    def _generator(self, gen):
        frame = getattr(gen, "gi_frame", None) or getattr(gen, "cr_frame", None) or getattr(gen, "ag_frame", None)
        gen_code = getattr(gen, "gi_code", None) or getattr(gen, "cr_code", None) or gen.ag_code
        if frame is None:
            return (_GEN, (code_key(gen_code), "finished"))
        running = getattr(gen, "gi_running", False) or getattr(gen, "cr_running", False)
        if running:  # it is one of the frames on the stack: captured there
            return (_GEN, (code_key(gen_code), "running"))
        code = frame.f_code
        offset = cpython.current_instruction(frame)
        slots = cpython.local_slots(frame)
        return (_GEN, (code_key(code), type(gen).__name__, offset),
                (tuple(slots), tuple(cpython.generator_stack(frame)) if frame.f_lasti >= 0 else ()))


def _bound(canon, m):
    return (_MISC, ("method",), (m.__func__, m.__self__))


def _prop(canon, p):
    return (_MISC, ("property",), (p.fget, p.fset, p.fdel, p.__doc__))


def _wrapped(canon, w):
    return (_MISC, (type(w).__name__,), (w.__func__, getattr(w, "__dict__", None)))


def _cell(canon, c):
    try:
        return (_CELL, (), (c.cell_contents,))
    except ValueError:
        return (_CELL, ("empty",))


def _code(canon, c):
    return (_CODE, code_key(c))


def _mappingproxy(canon, m):
    return (_MISC, ("mappingproxy",), (dict(m),))


def _stringio(canon, s):
    if s.closed:
        return (_MISC, ("StringIO", "closed"))
    return (_MISC, ("StringIO",), (s.getvalue(), s.tell()))


def _bytesio(canon, s):
    if s.closed:
        return (_MISC, ("BytesIO", "closed"))
    return (_MISC, ("BytesIO",), (s.getvalue(), s.tell()))


_HANDLERS = {
    types.FunctionType: Canon._function,
    types.MethodType: _bound,
    property: _prop,
    staticmethod: _wrapped,
    classmethod: _wrapped,
    types.CellType: _cell,
    types.CodeType: _code,
    types.TracebackType: Canon._traceback,
    types.FrameType: Canon._frame,
    types.MappingProxyType: _mappingproxy,
    io.StringIO: _stringio,
    io.BytesIO: _bytesio,
    weakref.ReferenceType: lambda canon, r: _weakref(r),
}


def _hashes_text(x, depth=2) -> bool:
    """Does the hash of ``x`` (so its place in a set) depend on the string hash seed?"""
    if isinstance(x, (str, bytes)):
        return True
    if isinstance(x, (tuple, frozenset)) and depth:
        return any(_hashes_text(y, depth - 1) for y in x)
    return False


def canonical(roots, model_modules, persistent, notice=None) -> bytes:
    """The canonical serialisation of ``roots``; ``Unmergeable`` if any part cannot be captured.
    ``notice(what)`` is told of a set whose iteration order depends on the string hash seed."""
    buf = io.BytesIO()
    try:
        canon = Canon(buf, model_modules, persistent)
        canon.dump(roots)
        if canon.hash_ordered and notice is not None:
            notice("a set of strings")
    except Unmergeable:
        raise
    except RecursionError:
        raise Unmergeable("a structure too deeply nested to compare") from None
    except Exception as exc:  # noqa: BLE001 - anything not captured exactly cannot be merged
        raise Unmergeable(f"{type(exc).__name__}: {exc}") from None
    return buf.getvalue()
