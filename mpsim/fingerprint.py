"""Fingerprints of a simulated process's local state, and when a frame may be merged.

A process's future depends only on its own memory and the results its operations return, so its
local state is what decides whether two runs may be merged.  The fingerprint covers each live
frame (code, instruction, canonicalised locals), the model's module globals and the process's
counters.  What a suspended frame keeps on its value stack is invisible; the loader already moved
loop iterators and with-block managers into locals, and for the rest (``a.get() + b.get()``: the
first result waits on the stack) a frame counts as *clean* only when nothing the program computed
can be on its stack at that call.  While a frame is not clean, the results it received since it
last was are part of its fingerprint - so such states are told apart, never merged by mistake.
Anything that cannot be canonicalised (a generator, an open file) makes the state unmergeable.
"""
from __future__ import annotations

import ast
import bisect
import dis
import hashlib
import io
import pickle
import types

from .loader import HIDDEN_PREFIX


class Unmergeable(Exception):
    """This local state holds something that cannot be compared (a generator, a file...)."""


UNMERGEABLE = (x for x in ())  # put in a fingerprint, it makes that fingerprint unmergeable


class _fn:  # tags naming what a canonical pickle describes; never called
    pass


class _meth(_fn):
    pass


class _bmeth(_fn):
    pass


class _obj(_fn):
    pass

_BAD = (types.GeneratorType, types.CoroutineType, types.AsyncGeneratorType, types.FrameType,
        types.TracebackType)


class _Canon(pickle.Pickler):
    def persistent_id(self, obj):
        oid = getattr(type(obj), "_mpsim_handle", None) and obj._mpsim_oid
        if oid:
            return ("h", oid, obj._mpsim_local())  # the shared id and this process's own flags
        if isinstance(obj, types.ModuleType):
            return ("m", obj.__name__)
        plumbing = getattr(type(obj), "_mpsim_plumbing", None)
        if plumbing is not None:
            return ("p", plumbing)
        if isinstance(obj, type):
            return ("t", obj.__module__, obj.__qualname__)
        if isinstance(obj, types.CodeType):
            return ("c", obj.co_filename, obj.co_name, obj.co_firstlineno)
        return None

    def reducer_override(self, obj):
        t = type(obj)
        if t is types.FunctionType:
            cells = tuple(_cell(c) for c in obj.__closure__ or ())
            return _fn, (obj.__code__, obj.__defaults__, obj.__kwdefaults__, cells)
        if t is types.MethodType:
            return _meth, (obj.__func__, obj.__self__)
        if t is types.BuiltinMethodType and not isinstance(obj.__self__, types.ModuleType):
            return _bmeth, (obj.__self__, obj.__name__)
        if isinstance(obj, _BAD) or "greenlet" in t.__name__:
            raise Unmergeable(t.__name__)
        canon = getattr(t, "_mpsim_canon", None)
        if canon is not None:
            return _obj, (t, canon(obj))
        return NotImplemented


def _cell(cell):
    try:
        return ("cell", cell.cell_contents)
    except ValueError:
        return ("empty-cell",)


def canonical(obj) -> bytes:
    buf = io.BytesIO()
    try:
        _Canon(buf, protocol=4).dump(obj)
    except Unmergeable:
        raise
    except Exception as exc:  # noqa: BLE001 - anything pickle refuses cannot be compared
        raise Unmergeable(str(exc)) from None
    return buf.getvalue()


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def visible_globals(mod: types.ModuleType) -> list:
    return [(k, v) for k, v in mod.__dict__.items() if not (k.startswith("__") and k.endswith("__"))]


_STARTS: dict = {}


def instruction_at(frame) -> int:
    """The offset of the call instruction a frame is in.  ``f_lasti`` can point into the
    instruction's inline cache instead, depending on whether CPython has specialised it yet, and a
    specialised builtin call runs at its PRECALL rather than its CALL; either way the same point of
    the program would otherwise get two fingerprints."""
    code = frame.f_code
    starts = _STARTS.get(code)
    if starts is None:
        starts = _STARTS[code] = _canonical_starts(code)
    offsets, canonical = starts
    return canonical[bisect.bisect_right(offsets, frame.f_lasti) - 1]


def _canonical_starts(code):
    instructions = list(dis.get_instructions(code))
    offsets = [i.offset for i in instructions]
    canonical = offsets[:]
    for k, ins in enumerate(instructions):
        if ins.opname == "PRECALL":
            canonical[k] = next((j.offset for j in instructions[k + 1:] if j.opname == "CALL"), ins.offset)
    return offsets, canonical


def frame_locals(frame) -> list:
    if frame.f_code.co_name == "<module>":
        return []  # its locals are the module globals, fingerprinted once per module
    return sorted(frame.f_locals.items())


# -- when is a suspended frame clean? ---------------------------------------------------------

_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _pure(node, as_callee=False) -> bool:
    """An expression whose value on the stack is re-computable from the fingerprinted state."""
    if isinstance(node, (ast.Constant, ast.Name)):
        return True
    if as_callee and isinstance(node, ast.Attribute):
        return _pure(node.value, as_callee=True)
    return False


def _before(parent, child) -> list:
    """The parts of ``parent`` evaluated before ``child`` whose values stay on the stack."""
    if isinstance(parent, ast.Call):
        if child is parent.func:
            return []
        order = [parent.func] + list(parent.args) + [k.value for k in parent.keywords]
        return order[:_index(order, child)]
    if isinstance(parent, ast.keyword):
        return []
    if isinstance(parent, (ast.BoolOp, ast.IfExp)):
        return []  # earlier operands were tested and popped
    if isinstance(parent, (ast.Attribute, ast.Starred, ast.FormattedValue, ast.UnaryOp, ast.Await)):
        return []
    if isinstance(parent, ast.AugAssign):
        return [parent.target] if child is parent.value else []
    if isinstance(parent, (ast.Assign, ast.AnnAssign)):
        return [] if child is parent.value else [parent.value]
    fields = [getattr(parent, f) for f in parent._fields]
    order = []
    for f in fields:
        if isinstance(f, list):
            order.extend(x for x in f if isinstance(x, ast.AST))
        elif isinstance(f, ast.AST):
            order.append(f)
    return order[:_index(order, child)]


def _index(order, child):
    for i, x in enumerate(order):
        if x is child:
            return i
    return len(order)


def _callee_matches(node, callee_code) -> bool:
    """Did the frame above really come from this node (and not through C code, like map())?"""
    if callee_code is None:
        return True
    name = callee_code.co_name
    if name in ("__init__", "__new__", "__call__", "__enter__", "__exit__", "__getitem__",
                "__setitem__", "__getattr__", "__setattr__", "__iter__", "__next__"):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        return getattr(func, "attr", None) == name or getattr(func, "id", None) == name
    if isinstance(node, ast.Attribute):
        return node.attr == name
    return False


def is_clean(sf, frame, callee_code) -> bool:
    """True when nothing computed from earlier results can be on ``frame``'s value stack."""
    positions = list(frame.f_code.co_positions())
    i = instruction_at(frame) // 2
    if i >= len(positions) or positions[i][0] is None:
        return False
    line, end_line, col, end_col = positions[i]
    node = sf.by_pos.get((line, end_line, col, end_col))
    if node is None or not _callee_matches(node, callee_code):
        return False
    while not isinstance(node, ast.stmt):
        parent = sf.parents.get(node)
        if parent is None or isinstance(parent, _COMPREHENSIONS + (ast.comprehension, ast.Lambda)):
            return isinstance(parent, (ast.GeneratorExp, ast.Lambda)) and len(
                getattr(parent, "generators", ())) <= 1
        if not all(_pure(x, as_callee=isinstance(parent, ast.Call) and x is parent.func)
                   for x in _before(parent, node)):
            return False
        node = parent
    return True


def hidden_name(name: str) -> bool:
    return name.startswith(HIDDEN_PREFIX)
