"""One check of one model, as the controller knows it: the model, the births, the names.

The controller runs no model code.  It knows the model's files (``loader.Model``), every process
birth the search has met (``Birth``: how a process comes to life - the main process, a spawned
child with its pickled start-up data, a child forked from its parent's state at ``start()``),
the local states of the processes (``search.local.LocalStates``, which owns the simulated
processes), and the names the model gave its objects (learned from the processes' variables).
"""
from __future__ import annotations

import contextlib
import functools
import os
import sys
from typing import NamedTuple

from .i18n import N_, _
from .loader import Model
from .primitives import kind_of
from .search.local import LocalStates


class Birth(NamedTuple):
    """How a process comes to life; equal births give equal processes."""

    kind: str  # "main" | "spawn" | "fork" | "forkserver"
    ident: tuple
    name: str
    daemon: bool
    parent: tuple | None
    parent_key: int | None  # fork: the parent's local state at start()
    spec: tuple  # main/spawn/forkserver: sorted (field, value) pairs: payload, env, argv, path,
    #               cwd..., and forkserver's server (the modules it preloads, where)


def pid_of(ident: tuple) -> int:
    pid = 1000
    for i, k in enumerate(reversed(ident)):
        pid += k * 100 ** i
    return pid


def server_pid(ident: tuple) -> int:
    """The pid of the forkserver process ``ident`` started (no simulated process has it)."""
    return 500_000 + pid_of(ident)


def _frozen(value):
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def named_as_searched(build):
    """``build(search, ...)`` names processes as they are named in ``search``'s runs."""
    @functools.wraps(build)
    def named(search, *args):
        with search.session.naming(search.method):
            return build(search, *args)
    return named


class Session:
    def __init__(self, path: str, argv=(), merging=True, audit=False, step_limit=None):
        self.model = Model(path, argv)
        self.merging = merging
        self.audit = audit
        self.step_limit = step_limit  # seconds of its own code before a process counts as spinning
        self.names: dict = {}
        self.process_names: dict = {(): "MainProcess"}  # ident -> the process's own name
        # A process's CPython name can depend on the default start method (a default context's
        # pool workers: ForkPoolWorker-1 or SpawnPoolWorker-1): (method, ident) -> its name there,
        # where it differs from process_names'; ``naming`` says which method's runs are named.
        self._method_names: dict = {}
        self.method = None
        self._process_vars: dict = {}  # ident -> the variable its parent holds it in
        self._shown_names = None  # ident -> the name reports show (see process_name)
        self.births: list = []
        self._birth_ids: dict = {}
        self.unnamed: dict = {}  # oid -> initial state, for objects no variable holds yet
        self.draws: dict = {}  # (what, loc) -> processes that drew a value CPython takes from the OS
        self._locals = None

    @property
    def locals(self) -> LocalStates:
        if self._locals is None:
            self._locals = LocalStates(self, merging=self.merging, audit=self.audit,
                                       step_timeout=self.step_limit)
        return self._locals

    def close(self):
        if self._locals is not None:
            self._locals.close()

    # -- processes --------------------------------------------------------------------------
    def main_birth(self) -> int:
        spec = {"argv": [self.model.path] + self.model.argv, "env": dict(os.environ),
                "path": [self.model.directory] + sys.path[1:], "cwd": os.getcwd()}
        return self.add_birth(Birth("main", (), "MainProcess", False, None, None, _frozen(spec)))

    def child_birth(self, spec: dict, parent_key: int, method: str) -> int:
        """The birth a ``start`` operation asks for (``spec`` from the parent's engine) in a
        search whose default start method is ``method``."""
        kind = spec["kind"]
        fields = {k: v for k, v in spec.items()
                  if k not in ("kind", "ident", "name", "daemon", "parent")}
        return self.add_birth(Birth(kind, spec["ident"], spec["name"], spec["daemon"], spec["parent"],
                                    parent_key if kind == "fork" else None,
                                    () if kind == "fork" else _frozen(fields)), method)

    def add_birth(self, birth: Birth, method=None) -> int:
        n = self._birth_ids.get(birth)
        if n is None:
            n = self._birth_ids[birth] = len(self.births)
            self.births.append(birth)
        if birth.ident not in self.process_names:
            self.process_names[birth.ident] = birth.name
            self._shown_names = None
        elif self.process_names[birth.ident] != birth.name and method is not None:
            self._method_names.setdefault((method, birth.ident), birth.name)
        return n

    @contextlib.contextmanager
    def naming(self, method):
        """Name processes as they are named in the runs of the search under ``method``."""
        outer, self.method = self.method, method
        try:
            yield
        finally:
            self.method = outer

    def identity(self, birth: Birth) -> dict:
        parent_pid = pid_of(birth.parent) if birth.parent is not None else 999
        if birth.kind == "forkserver":  # os.getppid() is the server's pid (docs/semantics.md §21)
            parent_pid = server_pid(birth.parent)
        return {"ident": birth.ident, "name": birth.name, "pid": pid_of(birth.ident),
                "parent_pid": parent_pid, "daemon": birth.daemon, "parent": birth.parent}

    def boot_spec(self, birth: Birth) -> dict:
        spec = dict(birth.spec)
        spec["env"] = dict(spec.get("env", ()))
        spec["kind"] = birth.kind
        spec["identity"] = self.identity(birth)
        return spec

    def model_spec(self) -> dict:
        return {"path": self.model.path, "dir": self.model.directory, "argv": self.model.argv}

    def is_model_file(self, filename: str) -> bool:
        return self.model.is_model_file(filename)

    # -- names ----------------------------------------------------------------------------------
    def learn_names(self, names: dict):
        for key, name in names.items():
            if _is_ident(key):
                self._process_vars.setdefault(key, name)
                self._shown_names = None
                continue
            self.names.setdefault(key, name)
            if _is_end(key):
                pair = [self.names.get((key[0], e)) for e in (0, 1)]
                if all(pair):
                    self.names.setdefault(key[0], f"Pipe({pair[0]}, {pair[1]})")

    def note_draws(self, ident, draws):
        for what, loc in draws:
            self.draws.setdefault((what, loc), set()).add(ident)

    def note_created(self, oid, state):
        if oid not in self.names:
            self.unnamed.setdefault(oid, state)

    def name(self, key) -> str:
        """The display name of a primitive id or a process ident."""
        if key in self.names:
            return _part_name(self.names[key])
        if key in self.unnamed:
            return _default_name(key, self.unnamed[key])
        if _is_ident(key) or key == ():
            return self.process_name(key)
        return str(key)

    def process_name(self, ident) -> str:
        """A process as the program knows it: the name it gave (``name=``), else the variable
        that holds it in its parent (``p1``, ``workers[0]``) when no other process is shown
        under that name, else CPython's name (``Process-1``)."""
        if self._shown_names is None:
            self._shown_names = self._process_display_names()
        if ident in self._shown_names:
            return self._shown_names[ident]
        if (self.method, ident) in self._method_names:
            return self._method_names[self.method, ident]
        return self.process_names.get(ident, "Process-" + ":".join(map(str, ident)) if ident else "MainProcess")

    def _process_display_names(self) -> dict:
        taken = {}
        for ident, name in self._process_vars.items():
            taken.setdefault(name, []).append(ident)
        given = set(self.process_names.values())
        return {ident: name for name, idents in taken.items() if len(idents) == 1
                and name not in given for ident in idents}


def _is_ident(key) -> bool:
    """Is this name key a (child) process's ident, a non-empty tuple of ints?"""
    return isinstance(key, tuple) and bool(key) and all(isinstance(k, int) for k in key)


def _is_end(key) -> bool:
    """Is this name key a pipe end, ``(oid, end)``, rather than an oid ``(ident, n)``?"""
    return len(key) == 2 and isinstance(key[0], tuple) and len(key[0]) == 2 \
        and isinstance(key[0][0], tuple)


def _default_name(oid, state):
    where = f"@{':'.join(map(str, oid[0]))}" if oid[0] else ""
    return f"{kind_of(state).lower()}#{oid[1]}{where}"


# A part of an object the program named (``memory``: ``_mpsim_parts``), as the report says it.
_PARTS = {"'s lock": N_("{owner}'s lock"), "'s state": N_("{owner}'s state")}


def _part_name(name: str) -> str:
    """``cond's lock`` in the language in use."""
    for suffix, template in _PARTS.items():
        if name.endswith(suffix):
            return _(template).format(owner=name[:-len(suffix)])
    return name
