"""What a suspended Python frame holds, read exactly from CPython 3.11's interpreter frames.

A process waiting in an operation is a stack of Python frames, each stopped at one instruction.
Its future depends on each frame's code, instruction, local variables *and value stack* - the
half-evaluated expression (``a.get() + b.get()``: the first result waits on the stack), a ``for``
loop's iterator, a ``with`` block's ``__exit__``, the exception an ``except`` block handles.
Python exposes the first three but not the value stack, so this module reads CPython's
``_PyInterpreterFrame`` directly (``Include/internal/pycore_frame.h`` of 3.11):

* ``localsplus[0:nlocalsplus]`` are the fast locals, cells and free variables; the value stack
  follows them.  How deep the stack is at an instruction is fixed by the bytecode
  (``stack_depth``: CPython's compiler guarantees one depth per instruction).
* A frame called directly from another Python frame (the usual case) was pushed after the
  caller saved its stack pointer (``stacktop``) with the call's operands already popped; a frame
  entered from C (``is_entry``: a property getter, ``__enter__``, ``__next__`` driven by
  ``list()``...) was not, and the caller's stack still holds the instruction's operands.
  ``callee_via_c`` tells the two apart, so the caller's stack is read to the right depth and no
  further (slots above it may hold pointers to freed objects).

Only CPython 3.11's layout is known here; ``check_layout`` verifies it on this interpreter at
start-up and refuses to run otherwise, so a wrong read can never turn into a wrong verdict.

``live_after(code, offset)`` is the companion analysis of the bytecode: which local variables may
still be read after the instruction at ``offset`` (backwards dataflow over jumps and the
exception table).  A variable that is dead there cannot influence the frame's future except by
keeping its value alive; the fingerprint uses this to ignore dead variables whose values cannot
be finalised or weakly referenced.
"""
from __future__ import annotations

import ctypes
import dis
import sys

LAYOUT = (3, 11)
_PTR = ctypes.sizeof(ctypes.c_void_p)
# PyFrameObject: PyObject_HEAD, f_back, f_frame
_F_FRAME = 3 * _PTR
# _PyInterpreterFrame: f_func, f_globals, f_builtins, f_locals, f_code, frame_obj, previous,
# prev_instr, int stacktop, bool is_entry, char owner, localsplus[]
_I_CODE = 4 * _PTR
_I_STACKTOP = 8 * _PTR
_I_IS_ENTRY = 8 * _PTR + 4
_I_LOCALSPLUS = 9 * _PTR
NULL = object()  # stands for a NULL slot (3.11 pushes NULL before some calls)


class LayoutError(RuntimeError):
    """This interpreter's frames are not laid out as mpsim expects."""


def _iframe(frame) -> int:
    return ctypes.c_void_p.from_address(id(frame) + _F_FRAME).value


def _slot(iframe: int, index: int):
    ptr = ctypes.c_void_p.from_address(iframe + _I_LOCALSPLUS + index * _PTR).value
    if not ptr:
        return NULL
    return ctypes.cast(ptr, ctypes.py_object).value


def nlocalsplus(code) -> int:
    """How many slots the locals, cells and free variables take (3.11's co_nlocalsplus)."""
    cells = [c for c in code.co_cellvars if c not in code.co_varnames]
    return len(code.co_varnames) + len(cells) + len(code.co_freevars)


def is_entry(frame) -> bool:
    """Was this frame entered from C code (its caller's stack pointer was not saved)?"""
    return bool(ctypes.c_bool.from_address(_iframe(frame) + _I_IS_ENTRY).value)


def local_slots(frame) -> list:
    """The values of the locals, cells and free variables (``NULL`` where unbound), in
    ``localsplus`` order, read without creating ``f_locals`` (which would keep them alive)."""
    iframe = _iframe(frame)
    return [_slot(iframe, i) for i in range(nlocalsplus(frame.f_code))]


def slot_names(code) -> list:
    return [code._varname_from_oparg(i) for i in range(nlocalsplus(code))]


EXACT, STATEFUL, OPAQUE = "exact", "stateful", "opaque"


def value_stack(frame, callee=None):
    """(the frame's value stack while it waits for ``callee``, how complete that is).

    If the callee was entered from C (see the module docstring), the stack
    holds everything pushed before the current instruction, its operands included - and the C
    code between the two frames may keep state of its own: ``list(gen)`` holds the list it is
    building.  The second value says so: ``EXACT`` (nothing hidden), ``STATEFUL`` (C code with
    progress of its own sits between this frame and its callee) or ``OPAQUE`` (an instruction
    not known here called back into Python; its stack is not read)."""
    iframe = _iframe(frame)
    base = nlocalsplus(frame.f_code)
    if callee is None or not is_entry(callee):
        depth = ctypes.c_int.from_address(iframe + _I_STACKTOP).value - base
        return [_slot(iframe, base + i) for i in range(depth)], EXACT
    ins = instruction(frame.f_code, frame.f_lasti)
    inputs = _inputs(ins)
    if inputs is None:
        return [], OPAQUE
    depth = stack_depth(frame.f_code, ins.offset)
    if ins.opname in ("CALL", "PRECALL"):
        # The call's operands stay in their slots while it runs (they are its argument array),
        # so all of the stack is read: a C function with progress of its own (sorted(), list())
        # may still use them when its Python callee returns.
        stack = [_slot(iframe, base + i) for i in range(depth)]
        n = ins.arg
        first, second = stack[depth - n - 2], stack[depth - n - 1]
        callable_ = second if first is NULL else first
        # A bound method of a Python function is called with its self written over its own
        # slot for the duration of the call (PY_VECTORCALL_ARGUMENTS_OFFSET).
        if callee is not None and callee.f_code.co_argcount and callable_ is _first_local(callee):
            return stack, EXACT
        return stack, EXACT if stateless_callable(callable_) else STATEFUL
    # Other instructions may have popped their operands and replaced them (CALL_FUNCTION_EX turns
    # a list of arguments into a tuple and frees the list): only the slots below them are sure.
    stack = [_slot(iframe, base + i) for i in range(depth - inputs)]
    if ins.opname == "CALL_FUNCTION_EX":
        func = _slot(iframe, base + depth - 2 - (ins.arg & 1))
        return (stack, EXACT) if stateless_callable(func) else ([], OPAQUE)
    if ins.opname in _STATEFUL_OPS:
        return stack, STATEFUL
    return stack, EXACT


def _inputs(ins):
    """How many values the instruction takes from the stack, if it is known to call back into
    Python through C; None otherwise."""
    name = ins.opname
    if name in ("CALL", "PRECALL"):
        return ins.arg + 2
    if name == "CALL_FUNCTION_EX":
        return 3 + (ins.arg & 1)
    if name == "FORMAT_VALUE":
        return 2 if ins.arg & 0x04 else 1
    return _INPUTS.get(name)


def generator_stack(frame) -> list:
    """The value stack of a suspended generator or coroutine frame (``stacktop`` is saved)."""
    return value_stack(frame)[0]


def _first_local(frame):
    return _slot(_iframe(frame), 0)


# Instructions that call back into Python code through C (a property getter, ``__enter__``,
# ``__next__``, an operator method...), and how many operands each takes from the stack.
_INPUTS = {"LOAD_ATTR": 1, "LOAD_METHOD": 1, "STORE_ATTR": 2, "DELETE_ATTR": 1, "BINARY_SUBSCR": 2,
           "STORE_SUBSCR": 3, "DELETE_SUBSCR": 2, "BINARY_OP": 2, "COMPARE_OP": 2, "CONTAINS_OP": 2,
           "UNARY_NEGATIVE": 1, "UNARY_POSITIVE": 1, "UNARY_INVERT": 1, "UNARY_NOT": 1,
           "BEFORE_WITH": 1, "FOR_ITER": 1, "GET_ITER": 1, "IMPORT_NAME": 2, "IMPORT_FROM": 1,
           "PRINT_EXPR": 1, "LOAD_GLOBAL": 0, "LOAD_NAME": 0, "STORE_NAME": 1, "STORE_GLOBAL": 1,
           # these iterate in C, keeping what they collected so far out of sight:
           "UNPACK_SEQUENCE": 1, "UNPACK_EX": 1, "LIST_EXTEND": 1, "SET_UPDATE": 1,
           "DICT_UPDATE": 1, "DICT_MERGE": 1, "SEND": 2, "GET_AWAITABLE": 1,
           "GET_YIELD_FROM_ITER": 1}
_STATEFUL_OPS = {"UNPACK_SEQUENCE", "UNPACK_EX", "LIST_EXTEND", "SET_UPDATE", "DICT_UPDATE",
                 "DICT_MERGE", "SEND", "GET_AWAITABLE", "GET_YIELD_FROM_ITER"}
_STATELESS_BUILTINS = {exec, eval, next, iter, getattr, setattr, delattr, hasattr, repr, format,
                       len, hash, isinstance, issubclass, callable, str, bool, int, float}
_TRIVIAL_NEW = {object.__new__, BaseException.__new__}
_TRIVIAL_INIT = {object.__init__, BaseException.__init__}


def stateless_callable(obj) -> bool:
    """Does calling ``obj`` from C merely call Python code and return its result?"""
    import functools
    import types

    if obj is NULL:
        return False
    t = type(obj)
    if t is types.FunctionType:
        return True  # a Python function called through C (f(*args)): nothing in between
    if t is types.MethodType:
        return stateless_callable(obj.__func__)
    if t in (staticmethod, classmethod):
        return stateless_callable(obj.__func__)
    if t is functools.partial:
        return stateless_callable(obj.func)
    if t is types.BuiltinFunctionType:
        return obj in _STATELESS_BUILTINS
    if isinstance(obj, type):
        if obj in _STATELESS_BUILTINS:
            return True
        if not obj.__flags__ & (1 << 9):  # Py_TPFLAGS_HEAPTYPE: a class defined in Python
            return False
        if type(obj).__call__ is not type.__call__:
            return False
        new, init = obj.__new__, obj.__init__
        return ((new in _TRIVIAL_NEW or type(new) is types.FunctionType)
                and (init in _TRIVIAL_INIT or type(init) is types.FunctionType))
    return False


# -- instructions ------------------------------------------------------------------------------

_INFO: dict = {}  # code -> _CodeInfo


class _CodeInfo:
    __slots__ = ("offsets", "instructions", "starts", "depth", "live", "all_live")

    def __init__(self, code):
        self.instructions = list(dis.get_instructions(code))
        self.offsets = [i.offset for i in self.instructions]
        self.starts = {}  # any code unit offset -> the offset of the instruction it belongs to
        for k, ins in enumerate(self.instructions):
            end = self.offsets[k + 1] if k + 1 < len(self.offsets) else len(code.co_code)
            for o in range(ins.offset, end, 2):
                self.starts[o] = ins.offset
        self.depth = None
        self.live = None
        self.all_live = None


def _info(code) -> _CodeInfo:
    info = _INFO.get(code)
    if info is None:
        info = _INFO[code] = _CodeInfo(code)
    return info


def current_instruction(frame) -> int:
    """The offset of the instruction the frame is executing (``f_lasti`` can point into its
    inline cache, depending on whether CPython has specialised it yet)."""
    return _info(frame.f_code).starts.get(frame.f_lasti, frame.f_lasti)


def instruction(code, offset: int):
    info = _info(code)
    return info.instructions[info.offsets.index(info.starts.get(offset, offset))]


_NO_FALLTHROUGH = {"RETURN_VALUE", "RAISE_VARARGS", "RERAISE", "JUMP_FORWARD", "JUMP_BACKWARD",
                   "JUMP_BACKWARD_NO_INTERRUPT", "JUMP_ABSOLUTE", "JUMP"}
_JUMPS = set(dis.hasjrel) | set(dis.hasjabs)


def _successors(info, k):
    """(offset, stack effect) of the instructions that can follow instruction ``k``."""
    ins = info.instructions[k]
    out = []
    if ins.opcode in _JUMPS:
        out.append((ins.argval, dis.stack_effect(ins.opcode, ins.arg, jump=True)))
    if ins.opname not in _NO_FALLTHROUGH and k + 1 < len(info.instructions):
        out.append((info.offsets[k + 1], _effect(ins)))
    return out


def _effect(ins) -> int:
    """The instruction's effect on the physical stack depth when it falls through.  The
    compiler books a call's pops on PRECALL; physically everything stays until CALL."""
    if ins.opname == "PRECALL":
        return 0
    if ins.opname == "RETURN_GENERATOR":
        # the generator is resumed with the value sent to it on its stack (POP_TOP takes it)
        return 1
    if ins.opname == "CALL":
        return -(ins.arg + 1)
    if ins.opcode >= dis.HAVE_ARGUMENT:
        return dis.stack_effect(ins.opcode, ins.arg, jump=False)
    return dis.stack_effect(ins.opcode)


def _handlers(code):
    return list(dis._parse_exception_table(code))


def stack_depth(code, offset: int) -> int:
    """How many values are on the frame's stack when the instruction at ``offset`` starts."""
    info = _info(code)
    if info.depth is None:
        info.depth = _depths(code, info)
    return info.depth[info.starts.get(offset, offset)]


def _depths(code, info) -> dict:
    depth = {0: 0}
    work = [0]
    index = {o: k for k, o in enumerate(info.offsets)}
    for h in _handlers(code):
        d = h.depth + (1 if h.lasti else 0) + 1
        if depth.setdefault(h.target, d) != d:
            raise LayoutError(f"inconsistent stack depth in {code.co_name}")
        work.append(h.target)
    while work:
        o = work.pop()
        k = index[o]
        for target, effect in _successors(info, k):
            d = depth[o] + effect
            old = depth.get(target)
            if old is None:
                depth[target] = d
                work.append(target)
            elif old != d:
                raise LayoutError(f"inconsistent stack depth in {code.co_name} at {target}")
    return depth


# -- liveness --------------------------------------------------------------------------------

_USE = {"LOAD_FAST", "LOAD_CLOSURE", "LOAD_DEREF", "LOAD_CLASSDEREF", "MAKE_CELL", "DELETE_DEREF",
        "STORE_DEREF"}
_KILL = {"STORE_FAST", "DELETE_FAST"}
# Code that can read its own frame's variables by name: every variable counts as live.
_INTROSPECTION = {"locals", "vars", "exec", "eval", "dir", "_getframe", "currentframe", "getframeinfo",
                  "stack", "f_locals", "breakpoint"}


def live_after(code, offset: int) -> frozenset:
    """The localsplus indexes that may be read after the instruction at ``offset`` completes
    (normally or by raising).  Cells and free variables always count as live: other functions
    share them."""
    info = _info(code)
    if info.live is None:
        info.live, info.all_live = _liveness(code, info)
    if info.all_live is not None:
        return info.all_live
    return info.live[info.starts.get(offset, offset)]


def _liveness(code, info):
    n = nlocalsplus(code)
    shared = frozenset(range(len(code.co_varnames), n)) | frozenset(
        i for i, name in enumerate(code.co_varnames) if name in code.co_cellvars)
    names = set(code.co_names)
    if _INTROSPECTION & names:
        return {}, frozenset(range(n))
    if "super" in names and n:  # zero-argument super() reads the first argument's slot
        shared |= {0}
    index = {o: k for k, o in enumerate(info.offsets)}
    handlers = _handlers(code)
    succ = []
    for k, ins in enumerate(info.instructions):
        targets = [t for t, _ in _successors(info, k)]
        targets += [h.target for h in handlers if h.start <= ins.offset < h.end]
        succ.append([index[t] for t in targets])
    live_in = [frozenset()] * len(info.instructions)
    live_out = [frozenset()] * len(info.instructions)
    changed = True
    while changed:
        changed = False
        for k in range(len(info.instructions) - 1, -1, -1):
            ins = info.instructions[k]
            out = frozenset().union(*(live_in[j] for j in succ[k])) if succ[k] else frozenset()
            if ins.opname in _USE:
                new_in = out | {ins.arg}
            elif ins.opname in _KILL:
                new_in = out - {ins.arg}
            else:
                new_in = out
            if out != live_out[k] or new_in != live_in[k]:
                live_out[k], live_in[k] = out, new_in
                changed = True
    return {o: live_out[k] | shared for o, k in index.items()}, None


# -- checking the layout ------------------------------------------------------------------------

def check_layout():
    """Raise LayoutError unless this interpreter's frames are laid out as read here."""
    if sys.implementation.name != "cpython" or sys.version_info[:2] != LAYOUT:
        raise LayoutError(f"mpsim reads CPython {LAYOUT[0]}.{LAYOUT[1]}'s frames; this is "
                          f"{sys.implementation.name} {sys.version.split()[0]}")
    marker = object()

    def probe(a, b):
        frame = sys._getframe()
        code_ptr = ctypes.c_void_p.from_address(_iframe(frame) + _I_CODE).value
        return code_ptr == id(frame.f_code) and local_slots(frame)[:2] == [a, b]

    if not probe(marker, "x"):
        raise LayoutError("this interpreter's frames are not laid out as CPython 3.11's")
