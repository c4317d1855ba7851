"""A simulated process: one OS process running the model's code, stopped at every operation.

The controller (``mpsim/search/runners.py``) drives it over its control socket.  Between two
operations the model's code runs freely - it is local to this process, which shares nothing with
the others but its primitives.  At an operation the process reports a *segment*: the operation it
now waits in (or that it ended), its fingerprint (``memory``/``canon``), what it printed, the
primitives it created and the names it gave them; then it waits for a command:

``("step", result, clock, method)``  the operation's result (``("ret", value)`` or an ``Err``
                          to raise), the machine's clock (ns) when it returns, and the start
                          method a default context takes if the code now asks for it
``("replay", steps)``     several (result, clock, method) in a row, reporting only after the last
``("fork", then)``        make a copy of this process, waiting here too; its control socket is
                          sent back with the reply ``("forked", pid)``; then (``then`` not None)
                          this process performs the command ``then`` (a step, say) while the
                          copy stays
``("child", identity, clock, method)``  (to a copy made at ``Process.start`` under fork) become
                          the child
``("describe", data)``    the repr of a pickled value, unpickled here
``("quit",)``             end at once

The clock: the controller keeps one clock for the simulated machine and gives its reading with
every result.  Reading the clock takes a little time: each read is later than the one before by
``_stdlib.DELTA`` ns (more in a long run of reads with no operation between them, so a busy wait on the
clock ends soon); the report says how far this process's reads moved the clock.

A copy made by ``fork`` is an exact copy of this process's memory, so a state can be explored
with several results without running its history again; and a child started by fork is, as in
CPython, a copy of its parent at ``start()``.
"""
from __future__ import annotations

import _signal
import ctypes
import gc
import hashlib
import os
import pickle
import sys
import collections.abc
import traceback
import types
from collections import deque

from ...facade import _engine, _random, _stdlib, lifecycle
from ...facade._engine import CHILD
from ...i18n import N_, Note
from ...primitives.base import Err
from ...modelfiles import is_model_file
from . import canon, memory
from .wire import FLUSH, Channel, Report, socketpair

_ENGINE_MODULES = "mpsim.engines."
ENGINE_ROOM = 1_000  # frames the engine may add to the program's while it performs an operation
_REAL_EXIT = os._exit
_raw_fork = ctypes.PyDLL(None, use_errno=True).fork  # the C library's, holding the GIL
_raw_fork.restype = ctypes.c_int


def _name_key(obj):
    """What names learned from the program's variables are keyed by: a primitive's oid (a pipe
    end: (oid, end)), or a started process's ident."""
    t = type(obj)
    if getattr(t, "_mpsim_handle", False):
        oid = obj._mpsim_oid
        end = getattr(obj, "_end", None)
        return (oid, end) if end is not None and oid is not None else oid
    identity = getattr(obj, "_identity", None) if hasattr(t, "_bootstrap") else None
    return identity if type(identity) is tuple and identity else None


def _default_process_name(proc) -> str:
    """The name CPython gives a process the program did not name: ``Process-1:2``."""
    return type(proc).__name__ + "-" + ":".join(str(i) for i in proc._identity)


class Exited(BaseException):
    """Unwinds nothing: raised only to leave a finished process's code (never caught by it)."""


class SimEngine:
    """The engine of a simulated process (see ``mpsim/facade/_engine.py`` for the interface)."""


    def __init__(self, chan: Channel, identity: dict, model: dict):
        self.chan = chan
        self.model = model  # path, dir, argv
        self._set_identity(identity)
        self.floor = None  # the frame below this process's own frames
        self.spawning = None
        self.spawning_oids = []
        self.out = []  # [(stream, text)] printed since the last report
        self.lines = []  # whole stdout lines completed since the last report, and FLUSH marks
        self.partial = ""  # stdout text not yet ended by a newline
        self.effects = []  # [("create", oid, state)] since the last report
        self.unnamed = set()  # oids (and (oid, end) pairs) created here that have no name yet
        self.shown = None  # repr of the last value received and unpickled, for the trace
        self.track = {}  # stateful C call -> results received since it began
        self.replaying = deque()
        self.base = 0  # the machine's clock (ns) when the current run of code began
        self.offset = 0  # how far this run's reads have moved it
        self.reads = 0  # reads in this run
        self.clock_aware = False  # it has read the clock: its memory may hold what it read
        self.atexit = []  # the atexit callbacks, mirrored (atexit cannot list them)
        self.gc_enabled = True  # as the program sees it (collection happens at operations)
        self.recursion_extra = 0  # frames of the engine's under the program (_stdlib.recursion_room)
        self.draws = set()  # (what, loc) drawn from a seeded generator since the last report
        self.seeds = 0  # seeds handed out for random.seed() without a value
        self.default_method = None  # the start method a default context fixes, if asked
        self.asked = False  # this run asked for it
        self.serving = False  # a forkserver child's server is importing its preloaded modules
        self.unlinked = frozenset()  # spawned child: primitives whose semaphores were unlinked
        self.death = None  # (line, loc) of the exception a child's _bootstrap caught
        self._model_files = {}

    def _set_identity(self, identity: dict):
        self.ident = identity["ident"]
        self.name = identity["name"]
        self.pid = identity["pid"]
        self.parent_pid = identity["parent_pid"]
        self.daemon = identity["daemon"]
        self.parent = identity["parent"]
        self.seq = 0

    # -- the engine interface -------------------------------------------------------------------
    def create(self, state, **cpython):
        self._not_serving()
        self.seq += 1
        oid = (self.ident, self.seq)
        self.effects.append(("create", oid, state))
        self.unnamed.add(oid)
        return oid

    def name_ends(self, oid):
        self.unnamed.update({(oid, 0), (oid, 1)})

    def unlink(self, oid):
        """The named semaphores of primitive ``oid`` are unlinked (its creator let it go)."""
        self.effects.append(("unlink", oid))

    def export(self, oid, named=False):
        """A handle is pickled for a spawned child: remember the ones whose named semaphores
        could be unlinked before the child rebuilds them."""
        if self.spawning is not None and named:
            self.spawning_oids.append(oid)
        return None

    def adopt(self, oid, data):
        if oid in self.unlinked:  # its creator already unlinked the named semaphore
            raise FileNotFoundError(2, "No such file or directory")

    def spawn_payload(self, proc):
        """(pickled Process, pipe ends it carries): CPython's spawn pickles the Process object
        while it starts the child - the only moment primitives may be pickled."""
        self.spawning, self.spawning_oids = [], []
        try:
            data = self.dumps(proc)
            return data, tuple(self.spawning)
        finally:
            self.spawning = None

    def start(self, proc, method, payload, ends, server=None):
        """Perform the start operation; in a child forked there, returns CHILD.  ``server``
        (forkserver): the environment the server was started with, its working directory and
        the modules it preloads."""
        spec = {"kind": method, "ident": proc._identity, "name": proc._name, "daemon": proc.daemon,
                "parent": self.ident}
        if method != "fork":
            from ...facade.process import MEMORY
            spec.update(payload=payload, ends=ends, rebuilds=tuple(self.spawning_oids),
                        env=dict(os.environ), argv=list(sys.argv), path=list(sys.path),
                        cwd=os.getcwd(), start_method=MEMORY.context, main=lifecycle.main_module())
        if server is not None:  # the child is forked from the server: its environment is the server's
            spec.update(env=dict(server["env"]), preload=tuple(server["preload"]),
                        server_cwd=server["cwd"], server_path=tuple(server["path"]))
        if method != "fork":  # forkserver: the server forks, with its own at-fork hooks (boot._serve)
            result = self.perform(proc._identity, "start", (spec,), "start()")
        else:
            _stdlib.before_fork()
            result = self.perform(proc._identity, "start", (spec,), "start()")
            if result is CHILD:
                _random.seed_process(self.ident)  # CPython's random reseeds in a forked child
                _stdlib.after_fork_in_child()
            else:
                _stdlib.after_fork_in_parent()
        if result is not CHILD and proc._name == _default_process_name(proc):
            self.unnamed.add(proc._identity)  # named after the variable that holds it, if any
        return result

    def died(self, exc):
        self.death = self.what_raised(exc)
        return self.death

    def what_raised(self, exc):
        """(last line as CPython prints ``exc``, (file, line) of the innermost model frame)."""
        return describe_exception(exc, self)

    def exit_now(self, code: int, error=None):
        """``os._exit(code)``, or death by a signal it sent itself (``code`` is then minus the
        signal): the process ends here, running nothing more."""
        self._report(None, (code if code < 0 else exit_status(code), error), None)
        while True:
            self._command()

    def _hash_ordered(self, what):
        """The process holds a set whose iteration order depends on the string hash seed, which
        CPython draws per process under spawn: named in the report (seed 0 is explored)."""
        self.draws.add((what, self.location(sys._getframe(3))))

    def drew(self, what: str):
        """The program drew a value CPython takes from the OS: this run has one of them."""
        self.draws.add((what, self.location(sys._getframe(2))))

    def default_start_method(self) -> str:
        """The platform's default start method: the search's, noted as asked for."""
        self.asked = True
        return self.default_method

    def now_ns(self) -> int:
        self.reads += 1
        self.offset += _stdlib.clock_step(self.reads)
        self.clock_aware = True
        return self.base + self.offset

    def _resume(self, clock: int):
        """A run of the process's own code begins at ``clock``."""
        self.base, self.offset, self.reads = clock, 0, 0

    def unsupported(self, what: str):
        from ...errors import Unsupported
        where = self.location(sys._getframe(1))
        prefix = f"{self._shown_path(where[0])}:{where[1]}: " if where[1] else ""
        message = f"{prefix}{what} is not modelled by mpsim yet"
        self.chan.send(("unsupported", message))
        _REAL_EXIT(3)
        raise Unsupported(message)

    def location(self, frame) -> tuple:
        return _engine.program_line(frame, self.floor, self.is_model_file)

    def within(self, frame):
        """(the oid that stands for it, the call as written) when the model called a method of a
        compound object (a Barrier) whose own code performs this operation; else None.  The
        trace shows that call as one step instead of the object's inner operations."""
        found = None
        while (frame is not None and frame is not self.floor
               and not self.is_model_file(frame.f_code.co_filename)):
            if frame.f_code.co_argcount:
                slots = memory.cpython.local_slots(frame)
                if getattr(type(slots[0]), "_mpsim_compound", False):
                    found = (frame, slots)  # the outermost such call is the program's
            frame = frame.f_back
        if found is None or frame is None or frame is self.floor:
            return None
        callee, slots = found
        obj = slots[0]
        name = callee.f_code.co_name
        if name == "__init__":
            return (obj._mpsim_face(), f"{type(obj).__name__}()")
        if isinstance(getattr(type(obj), name, None), property):
            return (obj._mpsim_face(), name)
        args = ", ".join(repr(v) for v in slots[1:callee.f_code.co_argcount]
                         if v is not None and v is not memory.cpython.NULL)
        return (obj._mpsim_face(), f"{name}({args})")

    def is_model_file(self, filename: str) -> bool:
        known = self._model_files.get(filename)
        if known is None:
            known = self._model_files[filename] = is_model_file(filename, self.model["dir"])
        return known

    def _shown_path(self, filename):
        return os.path.relpath(filename) if os.path.isabs(filename) else filename

    def _not_serving(self):
        if self.serving:
            self.unsupported("multiprocessing in a module the forkserver preloads "
                             "(set_forkserver_preload)")

    def perform(self, target, method, args=(), shown="", decode=False):
        # The engine's own work here (reading frames, fingerprinting) runs on top of the
        # program's frames: a program that lowered its recursion limit must not starve it.
        limit = _stdlib._real_getrecursionlimit()
        _stdlib._real_setrecursionlimit(limit + ENGINE_ROOM)
        try:
            self._not_serving()
            if self.gc_enabled:
                gc.collect()
            frame = sys._getframe(1)
            op = (target, method, args, shown, self.location(frame), decode, self.within(frame))
            obs = memory.Observation(memory.region(frame, self.floor), sys._getframe(0))
            keys = obs.stateful_keys()
            self.track = {k: self.track.get(k, ()) for k in keys}
            while True:
                if self.replaying:
                    result, clock, self.default_method = self.replaying.popleft()
                    self._resume(clock)
                    self._clear()
                else:
                    self._report(op, None, obs)
                    result = self._await()
                for k in keys:
                    self.track[k] = self.track.get(k, ()) + (result,)  # a forked child starts afresh
                if type(result) is not tuple or result[0] not in ("signal", "feed"):
                    break
                if result[0] == "feed":
                    # A queue's feeder thread pickles the next item it was given, from this
                    # process's memory as it is while the process waits here.
                    from ...facade.queues import feed
                    self.effects.append(("pickled", result[1], feed(result[1])))
                else:
                    # A signal arrived while this process waited here (or was about to): its
                    # handler runs now; if it returns, the operation goes on waiting (PEP 475).
                    self._handle_signal(result[1], frame)
                obs = memory.Observation(memory.region(frame, self.floor), sys._getframe(0))
            if result is CHILD:
                return CHILD
            if type(result) is Err:
                raise self.make_exception(result)
            return result[1]
        finally:
            _stdlib._real_setrecursionlimit(limit)

    def _handle_signal(self, signum, frame):
        import signal
        handler = signal.getsignal(signum)
        handler(signum, _model_frame(frame, self))

    def exit(self, code: int, error=None):
        """This process's code has ended (after its exit handlers): report and wait to be told
        to quit."""
        if error is None:
            error = self.death
        self._report(None, (exit_status(code), error), None)
        while True:
            self._command()

    # -- reports ----------------------------------------------------------------------------------
    def _clear(self):
        self.out = []
        self.lines = []
        self.effects = []
        self.shown = None
        self.draws = set()
        self.asked = False

    def _report(self, op, done, obs):
        fp, why = None, None
        handlers = _handlers()
        if done is not None:
            fp = hashlib.blake2b(pickle.dumps((self.ident, "done", done)), digest_size=16).digest()
        elif obs.opaque is not None:
            why = Note(obs.opaque_why, where=obs.opaque)
        else:
            try:
                fp = self.fingerprint(obs, handlers)
            except canon.Unmergeable as exc:
                why = exc.what
            except Exception as exc:  # noqa: BLE001 - mpsim's own limit: the state is never merged
                why = f"mpsim could not read this state ({type(exc).__name__}: {exc})"
        try:
            names = self._learn_names(obs) if obs is not None else {}
        except Exception:  # noqa: BLE001 - names only label the report
            names = {}
        self.chan.send(Report(op, done, fp, why, tuple(self.out), tuple(self.lines),
                              tuple(self.effects), names, self.shown, _dispositions(handlers),
                              tuple(sorted(self.draws)), self.offset, self.clock_aware, self.asked))
        self._clear()

    def fingerprint(self, obs, handlers) -> bytes:
        mods = memory.model_modules(self.model["dir"])
        from ...facade.process import MEMORY
        roots = (self.ident, memory.frames_state(obs, self.track), memory.modules_state(mods),
                 MEMORY, (self.seq, self.clock_aware, self.gc_enabled,
                          self.seeds),
                 memory.interpreter_state(self.atexit, [(s, handlers[s]) for s in _FINGERPRINTED]))
        data = canon.canonical(roots, set(mods), self._persistent, self._hash_ordered)
        return hashlib.blake2b(data, digest_size=16).digest()

    def _persistent(self, obj):
        t = type(obj)
        if getattr(t, "_mpsim_handle", False):
            return ("h", obj._mpsim_oid, obj._mpsim_local())
        if t.__module__.startswith(_ENGINE_MODULES):  # the engine's own objects: not the model's
            return ("engine", t.__qualname__)
        if t is _stdlib.Capture:
            return ("stream", obj.name, obj.closed, obj.encoding, obj.errors)
        if t is _stdlib._Bytes:
            return ("stream-buffer", obj._text.name)
        return None

    def _learn_names(self, obs) -> dict:
        if not self.unnamed:
            return {}
        scopes = [dict(m.__dict__) for m in memory.model_modules(self.model["dir"]).values()]
        for f in reversed(obs.frames):
            if self.is_model_file(f.f_code.co_filename) and f.f_code.co_flags & 0x1:
                names = memory._names(f.f_code)
                slots = memory.cpython.local_slots(f)
                scopes.append({n: v for n, v in zip(names, slots) if v is not memory.cpython.NULL})
        found = memory.find_names(self.unnamed, scopes, _name_key)
        self.unnamed -= set(found)
        return found

    # -- commands ----------------------------------------------------------------------------------
    def _await(self):
        while True:
            result = self._command()
            if result is not None:
                return result

    def _command(self):
        try:
            cmd = self.chan.recv()
        except Exception:  # noqa: BLE001 - the controller is gone
            _REAL_EXIT(0)
        return self._perform_command(cmd)

    def _perform_command(self, cmd):
        kind = cmd[0]
        if kind == "step":
            self._resume(cmd[2])
            self.default_method = cmd[3]
            return cmd[1]
        if kind == "replay":
            # Each result as its own copy, as a step brings it: unpickled together, equal
            # strings in them would be one object, and the fingerprint of what a C function
            # collected (``track``) tells shared objects from equal ones.
            steps = [pickle.loads(pickle.dumps(step)) for step in cmd[1]]
            self.replaying.extend(steps[1:])
            result, clock, self.default_method = steps[0]
            self._resume(clock)
            return result
        if kind == "fork":
            if self._fork() and cmd[1] is not None:  # the copy stays here; this process goes on
                return self._perform_command(cmd[1])
            return None
        if kind == "child":
            self._set_identity(cmd[1])
            self._resume(cmd[2])
            self.default_method = cmd[3]
            self.unnamed = set()
            self.track = {}
            return CHILD
        if kind == "describe":
            self.chan.send(("described", self.describe(cmd[1])))
            return None
        if kind == "quit":
            _REAL_EXIT(0)
        raise RuntimeError(f"unknown command {kind!r}")

    def _fork(self) -> bool:
        """Copy this process, exactly: with the C library's fork, so that none of the at-fork
        hooks Python runs in a child (``random`` reseeding, ``logging`` resetting its handlers'
        locks) touch the copy.  A copy that becomes a child started by fork runs them then
        (``_after_fork``).  True in this process, False in the copy (which has a control socket
        of its own)."""
        mine, theirs = socketpair()
        pid = _raw_fork()
        if pid < 0:
            raise OSError(ctypes.get_errno(), "fork failed")
        if pid == 0:
            mine.close()
            self.chan.close()
            self.chan = Channel(theirs)
            _enable_faulthandler(theirs.fileno())
            return False
        theirs.close()
        self.chan.send(("forked", pid), fds=[mine.fileno()])
        mine.close()
        return True

    def describe(self, data) -> str:
        try:
            return shown_value(self.loads(data))
        except BaseException:  # noqa: BLE001 - only for display
            return f"<{len(data)} bytes>"

    # -- pickling and exceptions ------------------------------------------------------------------
    def dumps(self, obj) -> bytes:
        from ...facade.reduction import ForkingPickler
        return bytes(ForkingPickler.dumps(obj))

    def loads(self, data: bytes):
        return pickle.loads(data)

    def received(self, value):
        """The facade unpickled a value the program receives: remember how it looks."""
        try:
            text = shown_value(value)
        except BaseException:  # noqa: BLE001 - only for display
            text = f"<{type(value).__name__} object>"
        self.shown = text if len(text) <= 60 else text[:57] + "..."

    def make_exception(self, err: Err) -> BaseException:
        if err.pickled is not None:
            return pickle.loads(err.pickled)
        import builtins
        import importlib
        module, _, name = err.type.rpartition(".")
        cls = getattr(importlib.import_module(module) if module else builtins, name)
        return cls(err.message) if err.message else cls()

    # -- output ------------------------------------------------------------------------------------
    def write(self, stream: str, text: str):
        if not text:
            return
        if stream == "stdout":
            *done, self.partial = (self.partial + text).split("\n")
            self.lines.extend(done)
        if self.out and self.out[-1][0] == stream and not self.out[-1][1].endswith("\n"):
            self.out[-1] = (stream, self.out[-1][1] + text)
        else:
            self.out.append((stream, text))

    def flushed(self, stream: str):
        """``sys.stdout.flush()``: when stdout is a pipe, what it buffered goes out now."""
        if stream == "stdout" and self.lines[-1:] != [FLUSH]:
            self.lines.append(FLUSH)


_SHOWN_ITEMS = 12  # items of a container shown before "..."


def shown_value(value, depth=0) -> str:
    """How a value looks in a trace, without running the program's code (CPython would not call
    a ``__repr__`` here: it may loop, print, or perform an operation): ``repr`` for the builtin
    types, containers and exceptions item by item, and ``<Class object>`` for any other object
    whose class defines ``__repr__`` in Python or holds other objects."""
    t = type(value)
    if t in (list, tuple, set, frozenset, dict) and depth < 3:
        if t is dict:
            items = [f"{shown_value(k, depth + 1)}: {shown_value(v, depth + 1)}"
                     for k, v in list(value.items())[:_SHOWN_ITEMS]]
        else:
            items = [shown_value(v, depth + 1) for v in list(value)[:_SHOWN_ITEMS]]
        if len(value) > _SHOWN_ITEMS:
            items.append("...")
        body = ", ".join(items)
        if t is list:
            return f"[{body}]"
        if t is dict:
            return "{" + body + "}"
        if t is tuple:
            return f"({body}{',' if len(value) == 1 else ''})"
        if not value:
            return f"{t.__name__}()"
        return "{" + body + "}" if t is set else f"frozenset({{{body}}})"
    if isinstance(value, BaseException) and depth < 3:
        return f"{t.__qualname__}({', '.join(shown_value(a, depth + 1) for a in value.args)})"
    own_repr = any(isinstance(vars(k).get("__repr__"), types.FunctionType) for k in t.__mro__)
    if own_repr or isinstance(value, (collections.abc.Collection, BaseException)) and t not in (
            str, bytes, bytearray, range):
        return f"<{t.__qualname__} object>"
    return repr(value)


def exit_status(code: int) -> int:
    """The exit code a parent sees for ``sys.exit(code)`` / ``os._exit(code)``: the OS keeps its
    low 8 bits (300 -> 44, -1 -> 255); CPython turns a value beyond a C long into -1."""
    return code & 0xFF if -2 ** 63 <= code < 2 ** 63 else 255


def describe_exception(exc: BaseException, engine) -> tuple:
    """(last line as CPython prints it, (file, line) of the innermost model frame)."""
    line = traceback.format_exception_only(type(exc), exc)[-1].strip()
    entries = [fs for fs in traceback.extract_tb(exc.__traceback__) if engine.is_model_file(fs.filename)]
    loc = (entries[-1].filename, entries[-1].lineno) if entries else ("<mpsim>", 0)
    return line, loc


# Every signal a handler can be set for, and those whose handlers are part of the fingerprint.
_SIGNALS = tuple(sorted(set(_signal.valid_signals()) - {_signal.SIGKILL, _signal.SIGSTOP}))
_FINGERPRINTED = (_signal.SIGTERM, _signal.SIGINT, _signal.SIGHUP, _signal.SIGUSR1, _signal.SIGUSR2,
                  _signal.SIGALRM, _signal.SIGCHLD, _signal.SIGPIPE)


def _handlers() -> dict:
    """signum -> what ``_signal.getsignal`` holds for it: ``SIG_DFL`` (0), ``SIG_IGN`` (1), the
    handler, or None (set from outside Python)."""
    return {signum: _signal.getsignal(signum) for signum in _SIGNALS}


def _dispositions(handlers: dict) -> tuple:
    """What each signal whose disposition is not the default does to this process now:
    ((signum, "ignore" | "handler"), ...)."""
    out = []
    for signum, handler in handlers.items():
        if type(handler) is int:
            if handler == _signal.SIG_IGN:
                out.append((signum, "ignore"))
        elif callable(handler):
            out.append((signum, "handler"))
    return tuple(out)


def _model_frame(frame, engine):
    """The frame a signal handler is given: the program's innermost one."""
    f = frame
    while f is not None and not engine.is_model_file(f.f_code.co_filename):
        f = f.f_back
    return f or frame


def _enable_faulthandler(fd: int):
    """A fatal signal, or the controller's SIGUSR2 (the process ran its own code too long),
    prints the process's stack on its control socket."""
    import faulthandler
    import signal
    faulthandler.enable(file=fd, all_threads=False)
    faulthandler.register(signal.SIGUSR2, file=fd, all_threads=False)


def install(chan: Channel, identity: dict, model: dict) -> SimEngine:
    engine = SimEngine(chan, identity, model)
    _engine.install(engine)
    return engine
