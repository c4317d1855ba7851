"""Load a model file with the simulated ``multiprocessing`` in place of the real one.

The source is compiled once, after one rewrite: the iterable of every ``for`` loop and the context
manager of every ``with`` block are first stored in a visible local (``__mpsim_for_12_4``), because
CPython keeps them on the frame's value stack, where a suspended frame cannot be read.  With them
in locals, two loop positions can never be mistaken for one state.  Each simulated process then
executes that code in its own module namespace (``__main__`` for the main process, ``__mp_main__``
for a spawned child, a copy of the parent's for a forked one) with an import hook that hands out
the simulated ``multiprocessing``, ``time``, ``os``, ``random`` and ``threading``.
"""
from __future__ import annotations

import ast
import builtins
import copy
import os
import types
from dataclasses import dataclass, field

from .errors import ModelError

HIDDEN_PREFIX = "__mpsim_"


class _Rewrite(ast.NodeTransformer):
    """Give every for-loop iterator and with-block context manager a visible local name."""

    def _name(self, kind, node, i=0):
        return f"{HIDDEN_PREFIX}{kind}_{node.lineno}_{node.col_offset}_{i}"

    def _store(self, name, value):
        assign = ast.Assign(targets=[ast.Name(name, ast.Store())], value=value)
        return ast.copy_location(assign, value)

    def visit_For(self, node):
        self.generic_visit(node)
        name = self._name("for", node)
        it = ast.Call(ast.Name("iter", ast.Load()), [node.iter], [])
        ast.copy_location(it, node.iter)
        setup = self._store(name, it)
        node.iter = ast.copy_location(ast.Name(name, ast.Load()), node.iter)
        return [setup, node]

    def visit_With(self, node):
        self.generic_visit(node)
        body = node.body
        for i, item in reversed(list(enumerate(node.items))):
            name = self._name("with", node, i)
            setup = self._store(name, item.context_expr)
            item.context_expr = ast.copy_location(ast.Name(name, ast.Load()), item.context_expr)
            inner = ast.copy_location(ast.With(items=[item], body=body, type_comment=None), node)
            body = [setup, inner]
        return body


@dataclass
class SourceFile:
    """A model file: its rewritten AST, code object, and the position index used by fingerprint."""

    path: str
    source: str
    tree: ast.Module
    code: types.CodeType
    parents: dict = field(default_factory=dict)
    by_pos: dict = field(default_factory=dict)

    def line(self, n: int) -> str:
        lines = self.source.splitlines()
        return lines[n - 1].strip() if 0 < n <= len(lines) else ""


def compile_file(path: str, shown: str) -> SourceFile:
    """Read, rewrite and compile one model file; errors name it as the user typed it."""
    try:
        with open(path, encoding="utf-8") as f:
            source = f.read()
    except FileNotFoundError:
        raise ModelError(f"{shown}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(f"{shown}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        tree = ast.parse(source, path)
    except SyntaxError as exc:
        raise ModelError(f"{shown}:{exc.lineno}: syntax error: {exc.msg}") from None
    tree = ast.fix_missing_locations(_Rewrite().visit(tree))
    code = compile(tree, path, "exec")
    sf = SourceFile(path, source, tree, code)
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            sf.parents[child] = node
        if hasattr(node, "end_col_offset") and isinstance(node, (ast.expr, ast.stmt)):
            sf.by_pos[(node.lineno, node.end_lineno, node.col_offset, node.end_col_offset)] = node
    return sf


class Model:
    """The model program: its main file and any sibling modules it imports."""

    def __init__(self, path: str, argv=()):
        self.path = os.path.abspath(path)
        self.display_path = path
        self.argv = list(argv)
        self.directory = os.path.dirname(self.path)
        self.files = {self.path: compile_file(self.path, path)}

    def sibling(self, name: str):
        """The SourceFile for ``import name`` if it is a module beside the model, else None."""
        candidate = os.path.join(self.directory, *name.split(".")) + ".py"
        if not os.path.isfile(candidate):
            return None
        if candidate not in self.files:
            self.files[candidate] = compile_file(candidate, self.shown(candidate))
        return self.files[candidate]

    def shown(self, filename: str) -> str:
        """A path the user recognises: relative to the model's own folder as they typed it."""
        if filename == self.path:
            return self.display_path
        return os.path.join(os.path.dirname(self.display_path), os.path.relpath(filename, self.directory))


def new_module(rt, name: str, sf: SourceFile) -> types.ModuleType:
    mod = types.ModuleType(name)
    mod.__file__ = sf.path
    mod.__builtins__ = _builtins_for(rt)
    return mod


def exec_module(rt, name: str, sf: SourceFile, key: str) -> types.ModuleType:
    mod = new_module(rt, name, sf)
    rt.modules[key] = mod
    exec(sf.code, mod.__dict__)
    return mod


def _builtins_for(rt) -> dict:
    b = dict(builtins.__dict__)
    b["__import__"] = _importer(rt)
    return b


def _importer(rt):
    from .facade import virtual_modules

    real_import = builtins.__import__

    def __import__(name, globals=None, locals=None, fromlist=(), level=0):  # noqa: A001
        if level == 0:
            top = name.partition(".")[0]
            mods = virtual_modules()
            if top in mods:
                package = mods[top]
                if not fromlist:
                    return package
                return mods.get(name) or package.submodule(name)
            if name in rt.modules:
                return rt.modules[name]
            sf = rt.session.model.sibling(name)
            if sf is not None:
                return exec_module(rt, name, sf, name)
        return real_import(name, globals, locals, fromlist, level)

    return __import__


def fork_copy(modules: dict, rt, extra):
    """A forked child's memory: copies of ``modules`` and of ``extra``, sharing primitives.

    Functions defined in the model are re-created around the copied globals, so the child's
    assignments to module globals are its own, as after a real fork.
    """
    memo = {}
    copies = {}
    for key, mod in modules.items():
        new = types.ModuleType(mod.__name__)
        memo[id(mod)] = new
        memo[id(mod.__dict__)] = new.__dict__
        copies[key] = new
    for key, mod in modules.items():
        for value in mod.__dict__.values():
            if isinstance(value, types.FunctionType) and value.__globals__ is mod.__dict__:
                clone = types.FunctionType(value.__code__, copies[key].__dict__, value.__name__,
                                           value.__defaults__, value.__closure__)
                clone.__kwdefaults__ = value.__kwdefaults__
                clone.__qualname__ = value.__qualname__
                clone.__module__ = value.__module__
                memo[id(value)] = clone
            elif isinstance(value, types.ModuleType) and id(value) not in memo:
                memo[id(value)] = value
    builtins_dict = _builtins_for(rt) if rt is not None else None
    for key, mod in modules.items():
        target = copies[key].__dict__
        for k, v in mod.__dict__.items():
            target[k] = (builtins_dict or v) if k == "__builtins__" else copy.deepcopy(v, memo)
    return copies, copy.deepcopy(extra, memo)
