"""``RealEngine``: the facade's engine interface (``mpsim/facade/_engine.py``) in a real process.

Every operation the facade performs is done step by step, each step one turn given by the replay
controller: announce the step (target, operation, phase, model line), wait for "go", run its real
action (``actions.ACTIONS``), report the result, the exception, or the next phase.  A pool's
worker-handler move is the controller's answer ``("maintain", oid, exited)`` instead of "go": the
operation returns ``pool.Maintain`` to the facade, which replaces the workers and asks again.

The model sees the simulator's machine: simulated pids and names, its per-process ``random``
seed (an unseeded draw among a few values takes the simulator's value, handed with the turn), the
default start method, and the simulator's clock: each turn hands the virtual time after its step,
and the process's reads go on from there as a simulated process's do (``_stdlib.clock_step``).
Real time is the time scale's (``wire.Config.time_scale``, real seconds per virtual second): in
a timed schedule a ``time.sleep`` ends when the real time reaches its end on the scaled clock
(``Config.origin`` is virtual time 0, so the sleeps of several processes overlap as on the
simulated clock), and a timeout waits its time times the scale; with scale 0 (an untimed
schedule) a sleep takes no real time and a timeout its own.  Objects
are numbered as the simulator numbers them (creator's identity, sequence), so both name them
alike.  When the controller says stop - or sends ``STOP_SIGNAL`` while the model runs its own
code or waits inside a real operation - the process runs CPython's exit function (its named
semaphores are unlinked, its manager shut down) and exits at once: nothing is left behind.
"""
from __future__ import annotations

import gc
import importlib
import os
import signal
import sys
import traceback

from ...facade import _engine, _random, _stdlib, lifecycle
from ...facade._engine import CHILD
from ...facade.process import pid_of
from ...primitives.pool import Maintain
from . import actions, cpython, wire
from .cpython import real, real_exit, real_getpid, real_kill, real_monotonic, real_sleep
from .outcome import Next

STOP_SIGNAL = wire.STOP_SIGNAL
STOPPED = 1  # the exit code of a process the controller stopped (not compared)


class RealEngine:
    def __init__(self, config: wire.Config, identity: dict):
        self.config = config
        self._set_identity(identity)
        self.default_method = config.default_method
        self.floor = None
        self.spawning = None
        self.atexit = []  # the model's atexit callbacks, mirrored by the facade
        self.gc_enabled = True
        self.recursion_extra = 0  # the engine's frames under the program (_stdlib.recursion_room)
        self.seeds = 0  # seeds handed out for random.seed() without a value (facade/_random.py)
        self.death = None
        self.kinds = {}  # oid -> the primitive module declaring its operations
        self.objects = {}  # oid -> CPython's real object(s)
        self.children = {}  # ident -> procs.Child this process started
        self.local = {}  # this process's own part of objects (a queue's feeder)
        self.managers = []  # real managers this process started (or inherited by fork)
        self.base, self.offset, self.reads = 0, 0, 0  # the clock (now_ns)
        self.stopping = False
        self._popen = None  # the spawning Popen between spawn_payload and start
        self.control = None
        self._prefix = self.config.directory.rstrip(os.sep) + os.sep
        self._parent_fd = None

    def _set_identity(self, identity: dict):
        self.ident = identity["ident"]
        self.name = identity["name"]
        self.pid = pid_of(self.ident)
        self.parent = identity["parent"]
        self.parent_pid = pid_of(self.parent) if self.parent is not None else 999
        self.daemon = identity["daemon"]
        self.seq = 0

    def connect(self):
        signal.signal(STOP_SIGNAL, lambda signum, frame: self.stop())
        self.control = wire.Control(self.config, self.ident, real_getpid(), self.stop)

    # -- turns --------------------------------------------------------------------------------
    def perform(self, target, method, args=(), shown="", decode=False):
        if self.gc_enabled:
            gc.collect()
        return self._steps(target, method, args, self.location(sys._getframe(1)))

    def _steps(self, target, method, args, loc):
        kind = "processes" if _process_target(target) else self.kinds[target]
        phase, carry = None, None
        while True:
            answer = self.control.turn(("at", target, method, phase, loc))
            if answer[0] == "maintain":
                return Maintain(answer[1], answer[2])
            _, clock, chosen = answer
            self.base, self.offset, self.reads = clock, 0, 0
            if chosen is not None:
                carry = chosen  # the simulator's choice (processes.random)
            try:
                action = actions.ACTIONS[(kind, method, phase)]
                outcome = action(self, target, self._scaled(kind, method, args), carry)
            except BaseException as exc:  # noqa: BLE001 - reported, then raised in the model
                self.control.reply(("err", _type_name(exc), str(exc)))
                exc.__context__ = None  # what CPython's code was handling is not the model's
                raise
            if outcome is CHILD:
                return outcome
            if isinstance(outcome, Next):
                self.control.reply(("cont", outcome.phase, outcome.observed))
                phase, carry = outcome.phase, outcome.carry
                continue
            self.control.reply(("ok", outcome))
            return outcome

    def _scaled(self, kind, method, args):
        """``args`` with the declared timeout argument in real seconds (scaled); as given when
        time is not scaled."""
        scale = self.config.time_scale
        if not scale:
            return args
        index = importlib.import_module(f"mpsim.primitives.{kind}").OPS[method].timeout
        if index is None or index >= len(args) or not isinstance(args[index], (int, float)) \
                or isinstance(args[index], bool):
            return args
        return (*args[:index], args[index] * scale, *args[index + 1:])

    def begin(self, how: str):
        """A started child's first step (before it runs any code of its own)."""
        self._steps(self.ident, "begin", (how,), ("<start>", 0))

    # -- objects -------------------------------------------------------------------------------
    def create(self, state, **cpython_args):
        self.seq += 1
        oid = (self.ident, self.seq)
        self.kinds[oid] = actions.kind_of(state)
        self.objects[oid] = actions.MAKERS[type(state)](self, state, **cpython_args)
        return oid

    def name_ends(self, oid):
        pass

    def unlink(self, oid):
        actions.unlink(self, oid)

    def export(self, oid, named=False):
        return self.kinds[oid], actions.export(self, oid)

    def adopt(self, oid, data):
        kind, obj = data
        self.kinds[oid] = kind
        actions.adopt(self, oid, kind, obj)

    # -- processes -------------------------------------------------------------------------------
    def spawn_payload(self, proc):
        """The Process object pickled as CPython's spawn pickles it: CPython's spawning Popen is
        set, so the real objects it carries are reduced for the child (their descriptors are
        passed when the child starts, in the start step)."""
        context = real("context")
        popen = real("popen_spawn_posix").Popen.__new__(real("popen_spawn_posix").Popen)
        popen._fds = []
        self.spawning = []
        context.set_spawning_popen(popen)
        try:
            data = self.dumps(proc)
            ends = tuple(self.spawning)
        finally:
            context.set_spawning_popen(None)
            self.spawning = None
        self._popen = popen
        return data, ends

    def take_spawning_popen(self):
        popen, self._popen = self._popen, None
        return popen

    def child_start_data(self, proc, payload) -> dict:
        """What a spawned child is told besides its pickled Process object (as CPython's
        preparation data tells it: the parent's sys.argv, sys.path, directory, start method)."""
        from ...facade.process import MEMORY
        return {"config": self.config._asdict(), "identity": self._child_identity(proc),
                "start_method": MEMORY.context, "env": dict(os.environ), "argv": list(sys.argv),
                "path": list(sys.path), "cwd": os.getcwd(), "payload": payload,
                "main": lifecycle.main_module(),
                "authkey": bytes(real("process").current_process().authkey)}

    def _child_identity(self, proc) -> dict:
        return {"ident": proc._identity, "name": proc._name, "daemon": proc.daemon,
                "parent": self.ident}

    def start(self, proc, method, payload, ends, server=None):
        if method == "forkserver":
            self.not_covered("the forkserver start method", "its server is not replayed")
        return self.perform(proc._identity, "start", (proc, method, payload), "start()")

    def become_child(self, proc):
        """In the copy a fork just made: this is the child now; its first step is ``begin``."""
        self.control.close()
        self._set_identity(self._child_identity(proc))
        self.children = {}
        self.local = {}
        self._parent_fd = None
        real("process")._children = set()  # as CPython's _bootstrap: the parent's are not ours
        _random.seed_process(self.ident)
        self.connect()
        self.begin("fork")

    def wait_parent(self, timeout):
        """None while this process's parent runs (after ``timeout`` seconds), else "ended"."""
        if self._parent_fd is None:
            self._parent_fd = cpython.real_pidfd_open(cpython.real_getppid())
        if real("connection").wait([self._parent_fd], timeout):
            return "ended"
        return None

    # -- ending ----------------------------------------------------------------------------------
    def died(self, exc):
        self.death = self.what_raised(exc)
        return self.death

    def what_raised(self, exc):
        """(last line as CPython prints ``exc``, (file, line) of the innermost model frame)."""
        line = traceback.format_exception_only(type(exc), exc)[-1].strip()
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if self.is_model_file(f.filename)]
        return (line, (frames[-1].filename, frames[-1].lineno) if frames else ("<mpsim>", 0))

    def exit(self, code: int, error=None):
        """This process's code has ended (after its exit handlers): CPython's own exit function
        for its real objects (a forked child's is not run by ``atexit``), then report and exit."""
        self._cpython_exit()
        self.exit_now(code, error or self.death)

    def exit_now(self, code: int, error=None):
        self.control.reply(("done", code, error[0] if error else None))
        real_exit(code)

    def _cpython_exit(self):
        signal.signal(STOP_SIGNAL, signal.SIG_IGN)
        try:
            real("util")._exit_function()
        except BaseException:  # noqa: BLE001 - nothing may keep the process from ending
            traceback.print_exc(file=sys.__stderr__)

    def stop(self):
        """The controller ended the replay: clean up as CPython's exit does, and exit now."""
        if self.stopping:
            return
        self.stopping = True
        self._cpython_exit()
        real_exit(STOPPED)

    def stop_from_thread(self):
        """A feeder thread was told to stop: the process stops (in its main thread)."""
        real_kill(real_getpid(), STOP_SIGNAL)
        raise SystemExit

    def unsupported(self, what: str):
        where = self.location(sys._getframe(1))
        prefix = f"{os.path.relpath(where[0])}:{where[1]}: " if where[1] else ""
        self._refuse(f"{prefix}{what} is not modelled by mpsim yet")

    def not_covered(self, what: str, why: str = ""):
        """The model uses what the simulator models and the real engine cannot step."""
        self._refuse(f"{what} is not covered by replay on real primitives yet"
                     + (f" ({why})" if why else ""))

    def _refuse(self, message):
        self.control.send(("unsupported", message))
        self.stop()

    # -- the simulated machine ---------------------------------------------------------------------
    def now_ns(self) -> int:
        """The simulated clock: the time handed with the last turn, later at each read."""
        self.reads += 1
        self.offset += _stdlib.clock_step(self.reads)
        return self.base + self.offset

    def sleep_to_turn_clock(self):
        """Wait until the real time reaches, on the scaled clock, the virtual time this turn
        handed (a sleep's end); at once if it has already passed."""
        end = self.config.origin + self.base / 1e9 * self.config.time_scale
        real_sleep(max(0.0, end - real_monotonic()))

    def drew(self, what: str):
        """A draw CPython takes from the OS: the simulator's report names it; nothing to do."""

    def location(self, frame) -> tuple:
        return _engine.program_line(frame, self.floor, self.is_model_file)

    def is_model_file(self, filename: str) -> bool:
        return filename.startswith(self._prefix) and "site-packages" not in filename

    def write(self, stream: str, text: str):
        if text:
            self.control.out.append((stream, text))

    def flushed(self, stream: str):
        """``sys.stdout.flush()``: the replay compares what each process wrote, not when a pipe
        let it out; nothing to do."""

    def default_start_method(self) -> str:
        """The platform's default start method: the replayed schedule's."""
        return self.default_method

    def dumps(self, obj) -> bytes:
        return cpython.dumps(obj)

    def loads(self, data: bytes):
        """Unpickle; while a spawned child unpickles its Process object, CPython's own proxies know
        they are being inherited (``current_process()._inheriting``, as CPython's spawn sets it)."""
        from ...facade.process import MEMORY
        if not MEMORY.inheriting:
            return cpython.loads(data)
        me = real("process").current_process()
        me._inheriting = True
        try:
            return cpython.loads(data)
        finally:
            del me._inheriting

    def received(self, value):
        pass


def _process_target(target) -> bool:
    return target is None or target == () or isinstance(target[0], int)


def _type_name(exc: BaseException) -> str:
    t = type(exc)
    return t.__qualname__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"

