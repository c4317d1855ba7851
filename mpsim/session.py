"""One check of one model: loading, process births, fingerprints and object names.

The session is what the explorer and the replayer share: it knows the model's files, how to
start a simulated process from its birth record (main, spawned or forked child), how to
fingerprint a process's local state, and which variable each primitive was given.
"""
from __future__ import annotations

import builtins
import importlib
from multiprocessing.reduction import ForkingPickler
import os
import pickle
import sys

from contextlib import contextmanager
from typing import NamedTuple

from . import fingerprint
from .facade.base import unsupported
from .loader import Model, exec_module, fork_copy
from .local import LocalStates
from .primitives import kind_of
from .primitives.base import Err
from .runtime import ProcRuntime, run_guarded


# CPython's spawn._check_not_importing_main(), raised when a spawned child re-running the main
# module (no ``if __name__ == "__main__":`` guard) tries to start a process of its own.
_BOOTSTRAPPING = '''
        An attempt has been made to start a new process before the
        current process has finished its bootstrapping phase.

        This probably means that you are not using fork to start your
        child processes and you have forgotten to use the proper idiom
        in the main module:

            if __name__ == '__main__':
                freeze_support()
                ...

        The "freeze_support()" line can be omitted if the program
        is not going to be frozen to produce an executable.

        To fix this issue, refer to the "Safe importing of main module"
        section in https://docs.python.org/3/library/multiprocessing.html
        '''

_PLUMBING = os.path.dirname(os.path.abspath(__file__)) + os.sep
_FACADE = os.path.join(_PLUMBING, "facade") + os.sep


class Birth(NamedTuple):
    """How a process comes to life; its id is part of every local state key of that process."""

    kind: str  # "main" | "spawn" | "fork"
    ident: tuple
    name: str
    daemon: bool
    parent: tuple | None
    start_method: str | None
    payload: object  # spawn: pickled Process; fork: (modules, Process) snapshot
    ends: tuple = ()  # spawn: ((pipe oid, end), ...) Connection ends passed to the child


class Session:
    _mpsim_plumbing = "session"
    def __init__(self, path: str, argv=(), start_method: str | None = None):
        self.model = Model(path, argv)
        self.forced_method = start_method
        self.names: dict = {}
        self.process_names: dict = {}
        self.unnamed: dict = {}  # oid -> initial state, for objects no variable holds yet
        self._display = None  # a main-process runtime whose modules traces unpickle values with
        self.births: dict = {}
        self.spawning = None  # while pickling a spawned child's Process: the pipe ends it carries
        self.locals = LocalStates(self)
        self._clean_cache: dict = {}
        self._boot_codes = {_main_body.__code__, _child_body.__code__, run_guarded.__code__}

    # -- processes --------------------------------------------------------------------------
    def main_birth(self):
        # The program has not set a start method yet even when --start-method forces one: its own
        # first set_start_method() must still succeed (start_method_of prefers the forced one).
        return self.add_birth(Birth("main", (), "MainProcess", False, None, None, None))

    def add_birth(self, birth: Birth):
        if birth.kind == "fork":
            try:
                key = fingerprint.digest(fingerprint.canonical(
                    (birth.ident, birth.name, birth.daemon, [sorted(fingerprint.visible_globals(m))
                                                            for m in birth.payload[0].values()],
                     birth.payload[1])))
            except fingerprint.Unmergeable:
                key = ("fork", len(self.births))
        else:
            key = (birth.kind, birth.ident, birth.name, birth.daemon, birth.start_method,
                   birth.payload, birth.ends)
        self.births.setdefault(key, birth)
        self.process_names.setdefault(birth.ident, birth.name)
        return key

    def new_runtime(self, birth_id) -> ProcRuntime:
        b = self.births[birth_id]
        rt = ProcRuntime(self, b.ident, b.name, b.daemon, b.parent, b.start_method)
        rt.start(_main_body if b.kind == "main" else _child_body, b)
        return rt

    def start_method_of(self, rt, asked=None) -> str:
        return self.forced_method or asked or rt.start_method or "spawn"

    def spawn_payload(self, rt, process_obj):
        """(pickled Process, pipe ends it carries) - primitives may be pickled only here."""
        if rt.importing_main:
            raise RuntimeError(_BOOTSTRAPPING)
        self.spawning = []
        try:
            with self.as_main(rt):
                data = pickle.dumps(process_obj, protocol=pickle.HIGHEST_PROTOCOL)
            return data, tuple(self.spawning)
        finally:
            self.spawning = None

    def dumps(self, rt, obj) -> bytes:
        """Pickle as multiprocessing does for a queue or a pipe (ForkingPickler, default protocol)."""
        with self.as_main(rt):
            return bytes(ForkingPickler.dumps(obj))

    def loads(self, rt, data: bytes):
        with self.as_main(rt):
            return pickle.loads(data)

    def display_value(self, data: bytes):
        """Unpickle a value for a trace, resolving the model's classes in the main process's
        modules; a short placeholder if even that fails."""
        try:
            with self.as_main(self._display):
                return pickle.loads(data)
        except Exception:  # noqa: BLE001 - only for display
            return _Unshown(len(data))

    def fork_payload(self, rt, process_obj):
        try:
            return fork_copy(rt.modules, None, process_obj)
        except TypeError as exc:
            unsupported(f"fork with this memory (mpsim cannot copy it: {exc})")

    @contextmanager
    def as_main(self, rt):
        """Make this process's model modules the ones pickle finds by name."""
        saved = {}
        names = {"__main__": rt.modules.get("__main__"), "__mp_main__": rt.modules.get("__main__")}
        names.update({k: m for k, m in rt.modules.items() if k != "__main__"})
        for k, m in names.items():
            saved[k] = sys.modules.get(k)
            sys.modules[k] = m
        try:
            yield
        finally:
            for k, m in saved.items():
                if m is None:
                    sys.modules.pop(k, None)
                else:
                    sys.modules[k] = m

    # -- frames and fingerprints --------------------------------------------------------------
    @property
    def user_files(self):
        return self.model.files

    def model_frames(self, frame) -> list:
        """The frames that hold the process's state: the model's, the facade's and library code,
        not mpsim's own plumbing (outermost first)."""
        frames = []
        while frame is not None and frame.f_code not in self._boot_codes:
            name = frame.f_code.co_filename
            if not name.startswith(_PLUMBING) or name.startswith(_FACADE):
                frames.append(frame)
            frame = frame.f_back
        frames.reverse()
        return frames

    def is_model_frame(self, frame) -> bool:
        return frame.f_code.co_filename in self.model.files

    def frames_digest(self, frames, track):
        """A digest of these frames' state, or a value that makes the fingerprint unmergeable."""
        try:
            return fingerprint.digest(fingerprint.canonical(self._frames_state(frames, track)))
        except fingerprint.Unmergeable:
            return fingerprint.UNMERGEABLE

    def _frames_state(self, frames, track):
        return [(f.f_code, fingerprint.instruction_at(f), fingerprint.frame_locals(f), track.get(f, ()))
                for f in frames]

    def location(self, frames) -> tuple:
        for f in reversed(frames):
            if f.f_code.co_filename in self.model.files:
                return (f.f_code.co_filename, f.f_lineno)
        return ("<exit>", 0)

    def is_clean(self, frame, callee) -> bool:
        sf = self.model.files.get(frame.f_code.co_filename)
        if sf is None:
            return True
        key = (frame.f_code, fingerprint.instruction_at(frame), callee.f_code.co_name if callee else None)
        clean = self._clean_cache.get(key)
        if clean is None:
            clean = self._clean_cache[key] = fingerprint.is_clean(sf, frame, callee and callee.f_code)
        return clean

    def fingerprint(self, rt, done) -> bytes:
        if done is not None:
            return fingerprint.canonical((rt.ident, "done", done))
        frames = self._frames_state(rt.frames, rt.track)
        mods = [(k, fingerprint.visible_globals(m)) for k, m in sorted(rt.modules.items())]
        clock = rt.clock if rt.clock_read else None  # an unread clock cannot steer the model
        return fingerprint.canonical((rt.ident, frames, mods, rt.seq, rt.child_counter, clock,
                                      rt.start_method, rt.process_obj, sorted(rt.children), rt.random,
                                      sorted(rt.pools.items())))

    # -- names ----------------------------------------------------------------------------------
    def learn_names(self, rt):
        """Name each primitive this process created after the model variable that holds it.

        An object not bound to a variable yet (created inside a constructor, say) is looked for
        again after the creator's later steps; until found it has a default name."""
        for effect in rt.effects:
            if effect[1] not in self.names:
                self.unnamed.setdefault(effect[1], effect[2])
        fresh = {oid: state for oid, state in self.unnamed.items() if oid[0] == rt.ident}
        if not fresh:
            return
        found = {}
        scopes = [dict(fingerprint.visible_globals(m)) for m in rt.modules.values()]
        scopes += [f.f_locals for f in reversed(rt.frames) if f.f_code.co_filename in self.model.files]
        ends = {}
        for scope in scopes:
            for var, value in scope.items():
                if fingerprint.hidden_name(var):
                    continue
                for name, obj in _named_parts(var, value):
                    oid = obj._mpsim_oid if getattr(type(obj), "_mpsim_handle", False) else None
                    if oid in fresh and oid not in found:
                        found[oid] = name
                    end = getattr(obj, "_end", None) if oid else None
                    if oid in fresh and end is not None:
                        ends.setdefault((oid, end), name)
        for (oid, end), name in ends.items():
            self.names[(oid, end)] = name
        for oid in fresh:
            pair = [ends.get((oid, e)) for e in (0, 1)]
            if all(pair):
                found[oid] = f"Pipe({pair[0]}, {pair[1]})"
            if oid in found:
                self.names[oid] = found[oid]
                del self.unnamed[oid]

    def name(self, key) -> str:
        """The display name of a primitive id or a process ident."""
        if key in self.names:
            return self.names[key]
        if key in self.unnamed:
            return _default_name(key, self.unnamed[key])
        if isinstance(key, tuple) and all(isinstance(k, int) for k in key):
            return self.process_names.get(key, "Process-" + ":".join(map(str, key)) if key else "MainProcess")
        return str(key)

    def make_exception(self, err: Err) -> BaseException:
        if err.pickled is not None:
            return pickle.loads(err.pickled)
        module, _, name = err.type.rpartition(".")
        cls = getattr(importlib.import_module(module) if module else builtins, name)
        return cls(err.message) if err.message else cls()


class _Unshown:
    def __init__(self, size):
        self.size = size

    def __repr__(self):
        return f"<{self.size} bytes>"


def _default_name(oid, state):
    where = f"@{':'.join(map(str, oid[0]))}" if oid[0] else ""
    return f"{kind_of(state).lower()}#{oid[1]}{where}"


def _named_parts(var, value):
    yield var, value
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value[:64]):
            yield f"{var}[{i}]", item
    elif hasattr(type(value), "_mpsim_parts"):
        for part, item in value._mpsim_parts():
            yield f"{var}{part}", item
    elif isinstance(value, dict):
        for k, item in list(value.items())[:64]:
            yield f"{var}[{k!r}]", item


def _main_body(rt, birth):
    sf = rt.session.model.files[rt.session.model.path]
    rt.session._display = rt  # its modules resolve the model's classes when traces show values
    from .facade.process import main_process
    rt.process_obj = main_process()
    return run_guarded(rt, lambda: exec_module(rt, "__main__", sf, "__main__"), "")


def _child_body(rt, birth):
    session = rt.session
    sf = session.model.files[session.model.path]
    if birth.kind == "spawn":
        def load():
            rt.importing_main = True
            exec_module(rt, "__mp_main__", sf, "__main__")
            rt.importing_main = False
            with session.as_main(rt):
                rt.process_obj = pickle.loads(birth.payload)
        done = run_guarded(rt, load, "")
        if done[1] != 0 or done[2] is not None:
            return done
    else:
        rt.modules, rt.process_obj = fork_copy(birth.payload[0], rt, birth.payload[1])
    rt.process_obj._became_current(rt)
    return run_guarded(rt, rt.process_obj.run, f"Process {rt.name}:\n")


