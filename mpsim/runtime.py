"""One simulated process: a greenlet running the model's code, and the op call that suspends it.

The facade calls ``perform(target, method, args)`` for every operation on shared state.  That
records where the model made the call, switches to the driver (the explorer or a replay) and comes
back with the operation's result or exception.  Everything between two operations is local to the
process and runs without interruption - processes share nothing but their primitives.
"""
from __future__ import annotations

import sys
import traceback
from typing import NamedTuple

import greenlet

from .errors import Unsupported
from .primitives.base import Err

current: "ProcRuntime | None" = None  # the process whose greenlet is running now

_HERE = __file__


class Op(NamedTuple):
    """A pending operation: what the world must do, and where the model asked for it."""

    target: object  # primitive id, process ident, or None
    method: str
    args: tuple
    shown: str  # the call as the model wrote it, without the object: "acquire()", "join()"
    loc: tuple  # (filename, lineno) of the innermost model frame, or ("<exit>", 0)
    decode: bool = False  # the result is a pickle (a queue item, a message): show it unpickled


class Dying(BaseException):
    """Thrown into a greenlet that is being discarded: unwinds without running operations."""


def pid_of(ident: tuple) -> int:
    pid = 1000
    for i, k in enumerate(reversed(ident)):
        pid += k * 100 ** i
    return pid


def name_of_main() -> str:
    return "MainProcess"


class ProcRuntime:
    """The per-process half of the simulator: code, counters, clock, captured output."""

    _mpsim_plumbing = "runtime"  # appears in facade frames' locals; fingerprinted separately

    def __init__(self, session, ident, name, daemon, parent, start_method):
        self.session = session
        self.ident = ident
        self.name = name
        self.pid = pid_of(ident)
        self.daemon = daemon
        self.parent = parent
        self.start_method = start_method  # None until set_start_method, then "spawn"/"fork"
        self.process_obj = None  # the Process object current_process() returns
        self.modules = {}  # model modules as this process sees them
        self.seq = 0  # primitives created so far
        self.child_counter = 0  # Process objects created so far
        self.clock = 0.0  # virtual seconds slept or timed out
        self.clock_read = False  # has the model looked at the clock (time.time, monotonic...)?
        self.random = None  # the model's random.Random, made on first use
        self.importing_main = False  # a spawned child re-running the main module
        self.partial_line = ""  # printed output not yet ended by a newline (print(x, q.get()))
        self.lines = []  # whole stdout lines completed during the current segment
        self.children = {}  # ident -> Process object started by this process
        self.pools = {}  # pool oid -> Pool with maxtasksperchild made here (its worker handler is here)
        self.out = []  # [(stream, text)] printed during the current segment
        self.effects = []  # [("create", oid, state)] during the current segment
        self.track = {}  # frame -> results since that frame's last clean suspension
        self.frames = []  # model/facade frames at the last suspension, outermost first
        self.greenlet = None
        self.driver = None
        self.dying = False

    # -- identity ---------------------------------------------------------------------------
    def new_oid(self):
        self.seq += 1
        return (self.ident, self.seq)

    def create(self, state):
        oid = self.new_oid()
        self.effects.append(("create", oid, state))
        return oid

    # -- running ------------------------------------------------------------------------------
    def start(self, body, *args):
        self.greenlet = greenlet.greenlet(lambda *_: body(self, *args))

    def resume(self, value):
        """Run until the next operation; returns an ``Op`` or ``("done", exitcode, error)``."""
        global current
        self.out = []
        self.lines = []
        self.effects = []
        self.driver = greenlet.getcurrent()
        self.greenlet.parent = self.driver
        prev, current = current, self
        try:
            if isinstance(value, Err):
                exc = self.session.make_exception(value)
                exc._mpsim_err = value
                return self.greenlet.throw(exc)
            return self.greenlet.switch(value)
        finally:
            current = prev

    def discard(self):
        if self.greenlet is not None and self.greenlet and not self.greenlet.dead:
            global current
            self.dying = True
            prev, current = current, self
            try:
                self.greenlet.throw(Dying)
            except Dying:
                pass
            finally:
                current = prev

    def perform(self, target, method, args=(), shown="", decode=False):
        if self.dying:
            raise Dying
        frames = self.session.model_frames(sys._getframe(1))
        self._suspend_at(frames)
        loc = self.session.location(frames)
        try:
            result = self.driver.switch(Op(target, method, args, shown, loc, decode))
        except BaseException as exc:
            err = getattr(exc, "_mpsim_err", None)
            if err is not None:
                for f in frames:
                    self.track[f] = self.track[f] + (err,)
            raise
        for f in frames:
            self.track[f] = self.track[f] + (result,)
        return result[1]

    def _suspend_at(self, frames):
        """Update what each frame has received since its last clean point (see fingerprint).

        At a clean point nothing computed is on the frame's stack yet - but the call it is in may
        still return a value computed by the model's own functions deeper down, so the track
        starts from the state of those frames."""
        fresh = {}
        for i in range(len(frames) - 1, -1, -1):  # innermost first: a digest uses the fresh tracks
            f = frames[i]
            callee = frames[i + 1] if i + 1 < len(frames) else None
            if not self.session.is_clean(f, callee):
                fresh[f] = self.track.get(f, ())
            elif callee is not None and self.session.is_model_frame(callee):
                fresh[f] = (self.session.frames_digest(frames[i + 1:], fresh),)
            else:
                fresh[f] = ()
        self.track = fresh
        self.frames = frames

    def now(self) -> float:
        self.clock_read = True
        return self.clock

    def write(self, stream, text):
        if self.dying or not text:
            return
        if stream == "stdout":
            *done, self.partial_line = (self.partial_line + text).split("\n")
            self.lines.extend(done)
        if self.out and self.out[-1][0] == stream and not self.out[-1][1].endswith("\n"):
            self.out[-1] = (stream, self.out[-1][1] + text)
        else:
            self.out.append((stream, text))


class Router:
    """Stands in for sys.stdout/sys.stderr while a model runs: text goes to the running process."""

    def __init__(self, stream_name, real):
        self.stream_name = stream_name
        self.real = real

    def write(self, text):
        if current is not None:
            current.write(self.stream_name, text)
        else:
            self.real.write(text)
        return len(text)

    def flush(self):
        if current is None:
            self.real.flush()

    def isatty(self):
        return False


def exit_code(exc: SystemExit, rt: ProcRuntime) -> int:
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    rt.write("stderr", f"{code}\n")
    return 1


def describe_exception(exc: BaseException, user_files) -> tuple:
    """(last line as CPython prints it, (file, line) of the innermost model frame, traceback text)."""
    line = traceback.format_exception_only(type(exc), exc)[-1].strip()
    entries = [fs for fs in traceback.extract_tb(exc.__traceback__) if fs.filename in user_files]
    loc = (entries[-1].filename, entries[-1].lineno) if entries else ("<mpsim>", 0)
    text = "Traceback (most recent call last):\n" + "".join(traceback.format_list(entries)) + line + "\n"
    return line, loc, text


def run_guarded(rt: ProcRuntime, body, header: str):
    """Run ``body()`` as CPython runs a process: uncaught exceptions print and give exit code 1."""
    try:
        body()
        return ("done", 0, None)
    except SystemExit as exc:
        return ("done", exit_code(exc, rt), None)
    except (Unsupported, Dying, greenlet.GreenletExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - the model's own uncaught exception
        line, loc, text = describe_exception(exc, rt.session.user_files)
        rt.write("stderr", header + text)
        return ("done", 1, (line, loc))
