"""The local half of every process, memoised: (local state, result) -> next local state.

A process is a deterministic function of the results its operations return (and of the clock,
when it reads it, and of the platform's default start method, when it asks for it), so running it
from the same local state with the same result always ends in the same place.  A run that read the
clock is remembered per clock reading, one that asked for the default start method per method
(``CLOCK``, ``METHOD``); the others are the same at any time and under every start method - so the searches
under several start methods share every step taken before the program asks which one it has.
Each local state gets a
small integer key (from its fingerprint, or - when its memory holds something that cannot be
compared - from its history, so it is never merged); each step from it is run once and
remembered.

To run a step that was never run, a simulated process stopped at that state is needed.  Processes
are kept stopped at the states they reached (``live``, at most ``limit`` of them, least recently
used dropped first); one whose state must also be left with other results later is copied
(forked) first, so no history is run twice.  A state whose process was dropped is re-created by
copying the nearest ancestor state still live (or starting the process again) and feeding it the
results that lead there, in one message.

Two checks of the fingerprint itself: with ``merging`` off, no two histories are ever merged
(every state is known by its history: the search is then a tree, for differential tests); with
``audit`` on, every merge is checked: the process that reached the state by the second history
is kept as a twin of the first, and each step later run from that state is also run by the twin -
they must report exactly the same (``MergeUnsound`` otherwise).
"""
from __future__ import annotations

import time
from collections import OrderedDict
from typing import NamedTuple

from ..errors import MpsimError, NondeterministicModel
from ..primitives import ONE_RESULT
from ..primitives.processes import signal_name
from .runners import RunnerDied, RunnerPool

STEP_TIMEOUT = 10.0  # seconds a process may run its own code between two operations (default)
SPIN = "spin"  # the "operation" of a process that ran its own code too long: it runs forever

BEGIN = "begin"  # the operation of a process that has been started and has not run yet
DONE = "done"  # the "operation" of a process whose code has ended
EXIT_LOCATION = "<exit>"  # the file of an operation no model frame called (the exit sequence's)
CLOCK, METHOD = 1, 2  # what a run read besides its result: the memo of its step is kept per value
LIVE = 200  # processes kept stopped at their states (tests set 1: every other state is re-created)


def _signature(report) -> tuple:
    """What a step reported that must not depend on the history it came from: the operation,
    the end, the next state, the output and the effects."""
    return (report.op, report.done, report.fp, report.out, report.lines, report.effects,
            report.asked)


class MergeUnsound(MpsimError):
    """Two histories merged into one local state behave differently: the fingerprint missed a
    difference between them (a bug in mpsim, or state outside its allow-list)."""


class Pending(Exception):
    """A step the memo does not know was asked for while ``LocalStates.collecting`` is set: it
    has been noted there, to be run with others at once (``run_many``)."""


class CutShort(Exception):
    """The check's deadline passed (while a process was running its own code: ``running`` is
    (ident, (file, line) where it was stopped, seconds it had run))."""

    def __init__(self, running=None):
        super().__init__()
        self.running = running


class Op(NamedTuple):
    """A pending operation: what the world must do, and where the model asked for it."""

    target: object  # primitive id, process ident, or None
    method: str
    args: tuple
    shown: str  # the call as the model wrote it, without the object: "acquire()", "join()"
    loc: tuple  # (filename, lineno) of the innermost model frame, or ("<exit>", 0)
    decode: bool = False  # the result is a pickle (a queue item, a message): show it unpickled
    within: tuple | None = None  # a step inside a call on a compound object (a Barrier's wait):
    #                              (the oid that stands for the object, the call as written)


class LocalInfo(NamedTuple):
    ident: tuple
    op: Op  # the pending operation (a DONE op once the code has ended)
    done: tuple | None  # (exitcode, error) once the code has ended; error = (line, loc) | None
    origin: tuple  # ("unborn", birth_id) or ("step", previous key, result, clock, method):
    #                 method is the default start method the step asked for, else None
    fp: bytes | None  # None: unmergeable (identified by its history)
    why: str | None  # why it could not be merged
    signals: tuple = ()  # ((signum, "ignore" | "handler"), ...): signals it does not take by default
    clock_aware: bool = False  # it has read the clock (what it holds may depend on the time)


class Segment(NamedTuple):
    """What one local run produced: the new local state and its side effects."""

    key: int
    out: tuple  # ((stream, text), ...)
    effects: tuple  # (("create", oid, state), ...)
    error: tuple | None  # (line, loc) when the process died of an uncaught exception here
    lines: tuple = ()  # whole stdout lines completed here
    shown: str | None = None  # how the value received at the start of this run looked
    advanced: int = 0  # ns its reads of the clock took (0: it did not read it)
    asked: bool = False  # it asked for the platform's default start method


class LocalStates:
    def __init__(self, session, limit=None, merging=True, audit=False, step_timeout=None):
        self.session = session
        self.merging = merging
        self.audit = audit
        self.twins: dict = {}  # key -> a process that reached it by another history (audit)
        self.signatures: dict = {}  # (key, result) -> what the step reported (audit)
        self.audited = 0  # steps run twice to check a merge
        self.pool = RunnerPool()
        self.keys: dict = {}
        self.info: list[LocalInfo] = []
        self.trans: dict = {}
        self.reads: dict = {}  # (key, result) -> what the step from there read (CLOCK, METHOD)
        self.asking = 0  # steps taken (run or remembered) that depended on the start method
        self.live: OrderedDict = OrderedDict()  # key -> Runner stopped there
        self.limit = LIVE if limit is None else limit
        self.deadline = None  # time.monotonic() by which the check must stop
        self.step_timeout = step_timeout or STEP_TIMEOUT
        self.executed = 0  # local runs actually executed (not answered from the memo)
        self.replayed = 0  # results fed only to re-create a process
        self.workers = 1  # steps run at once by ``run_many`` (``--workers``)
        self.together = 0  # steps run while others ran (``run_many``)
        self.remote = None  # runs the steps elsewhere instead (search/remote.py: ``--dask``)
        self.collecting = None  # {step: None} of the steps ``advance`` could not answer, or None

    @property
    def parallel(self) -> bool:
        """Whether it pays to collect steps and run them together (``run_many``)."""
        return (self.workers > 1 or self.remote is not None) and not self.audit

    def close(self):
        """Stop every process; the memo stays (a later step re-creates what it needs)."""
        self.pool.close()
        self.live.clear()
        self.twins.clear()

    # -- keys ---------------------------------------------------------------------------------
    def unborn(self, birth_id) -> int:
        """The key of a process that has been started and has not run yet."""
        fp = ("unborn", birth_id)
        key = self.keys.get(fp)
        if key is None:
            birth = self.session.births[birth_id]
            op = Op(birth.ident, BEGIN, (), "(starts)", ("<start>", 0))
            # A forked child has its parent's signal handlers; a spawned one the defaults.
            signals = self.info[birth.parent_key].signals if birth.kind == "fork" else ()
            key = self._new_key(fp, LocalInfo(birth.ident, op, None, ("unborn", birth_id), None, None,
                                              signals))
        return key

    def _new_key(self, fp, info) -> int:
        key = self.keys[fp] = len(self.info)
        self.info.append(info)
        return key

    # -- steps --------------------------------------------------------------------------------
    def advance(self, key: int, result, clock: int, method: str) -> Segment:
        """The run of the process at ``key`` given ``result`` at ``clock`` (ns), where the
        platform's default start method is ``method``."""
        memo = (key, result)
        seg = self._known(memo, clock, method)
        if seg is None:
            if self.collecting is not None and self.info[key].op.method != SPIN:
                self.collecting.setdefault((key, result, clock, method), None)
                raise Pending
            if self.remote is not None:
                self.run_many([(key, result, clock, method)])
                seg = self._known(memo, clock, method)
            else:
                seg = self._remember(memo, clock, method, self._run(key, result, clock, method))
        if self.reads[memo] & METHOD:
            self.asking += 1
        return seg

    def _known(self, memo, clock, method) -> Segment | None:
        """The step's segment, if it was run (with what it read: the same clock and method)."""
        return self.trans.get(_memo(memo, self.reads.get(memo, 0), clock, method))

    def _remember(self, memo, clock, method, seg) -> Segment:
        reads = self.reads.get(memo, 0) | (CLOCK if seg.advanced else 0) | (METHOD if seg.asked else 0)
        self.reads[memo] = reads
        self.trans[_memo(memo, reads, clock, method)] = seg
        return seg

    def run_many(self, steps):
        """Run the steps ``(key, result, clock, method)`` the memo does not know, several at
        once: ``workers`` simulated processes at a time, or on the remote workers.  Every step
        is remembered as ``advance`` would remember it, so the search that asks for them next
        finds the same segments, states and keys as one that ran them one by one.  Of several
        steps that differ only in the clock or the start method, the first is run alone first:
        the others may not depend on them (it did not read them) and are then known."""
        steps = list(dict.fromkeys(steps))
        while steps:
            wave, later, firsts = [], [], set()
            for step in steps:
                memo = step[:2]
                if self._known(memo, *step[2:]) is not None:
                    continue
                (later if memo in firsts else wave).append(step)
                firsts.add(memo)
            if not wave:
                return
            # A spinning process's step runs nothing (``_run``): only the others go out.
            running = [step for step in wave if self.info[step[0]].op.method != SPIN]
            if len(running) > 1:
                self.together += len(running)
            if self.remote is not None:
                segs = self.remote.run(self, running)
            else:
                segs = []
                for k in range(0, len(running), self.workers):
                    segs += self._run_together(running[k:k + self.workers])
            ran = dict(zip(running, segs))
            for step in wave:
                seg = ran.get(step)
                self._remember(step[:2], *step[2:], seg if seg is not None else self._run(*step))
            steps = later

    def _run_together(self, steps) -> list:
        """Each step's segment: every process told first, then each one's report read."""
        started = []
        for step in steps:
            self.executed += 1
            started.append((step, self._start_step(self.info[step[0]], step)))
        return [self._learn(self.info[step[0]].ident, step, self._fetch(runner), runner)
                for step, runner in started]

    def _run(self, key, result, clock, method) -> Segment:
        info = self.info[key]
        if info.op.method == SPIN:  # it keeps running its own code: nothing changes
            return Segment(key, (), (), None)
        self.executed += 1
        step = (key, result, clock, method)
        twinned = key in self.twins and info.origin[0] != "unborn"
        runner = self._start_step(info, step)
        seg = self._learn(info.ident, step, self._fetch(runner), runner)
        if twinned:
            self._compare(*_origin(step, seg.asked)[1:], method)
        return seg

    def _start_step(self, info, step):
        """The process that runs ``step`` from ``info``'s state, told to run it."""
        key, result, clock, method = step
        if info.origin[0] == "unborn":
            return self._born(info.origin[1], result, clock, method)
        return self._runner_at(key, info.op.method not in ONE_RESULT, method,
                               ("step", result, clock, method))

    def _compare(self, key, result, clock, asked, method):
        """Run a step already run from ``key`` in the twin that reached it by another history
        (leaving a copy of the twin there): it must report exactly the same (``asked``: the start
        method the step asked for, else None, and then the twin runs it under ``method``)."""
        twin = self.twins[key]
        self.twins[key] = self.pool.fork(twin, self.session.is_model_file,
                                         then=("step", result, clock, asked or method))
        self.audited += 1
        theirs = _signature(twin.receive(self.session.is_model_file, self._timeout()))
        twin.kill()
        ours = self.signatures[(key, result, clock, asked)]
        if ours != theirs:
            info = self.info[key]
            fields = ["operation", "end", "next state", "output", "lines", "effects",
                      "asking for the start method"]
            diff = [f for f, a, b in zip(fields, ours, theirs) if a != b]
            raise MergeUnsound(
                f"merged state of {self.session.name(info.ident)} at "
                f"{self.session.model.shown(info.op.loc[0])}:{info.op.loc[1]} "
                f"({info.op.method}) behaves differently after the result {result!r}: "
                f"{', '.join(diff)} differ")

    def _audit_merge(self, key, twin, method):
        """A second history reached ``key``: check it against every step already run from there,
        and keep it to check the steps still to come."""
        self.twins[key] = twin
        for step in [m for m in self.signatures if m[0] == key]:
            self._compare(*step, method)

    def _born(self, birth_id, result, clock, method):
        """A new process for this birth, told to start (with ``result``: the begin step's)."""
        session = self.session
        birth = session.births[birth_id]
        if birth.kind == "fork":
            return self._runner_at(birth.parent_key, True, method,
                                   ("child", session.identity(birth), clock, method))
        runner = self.pool.new()
        runner.send(("boot", session.boot_spec(birth), session.model_spec(), result, clock, method))
        return runner

    def _fetch(self, runner) -> tuple:
        """What the process ``runner`` did with its step: ("report", message), ("died",
        exitcode, text, (file, line) | None) or ("spin", (file, line) | None, seconds waited)."""
        timeout = self._timeout()
        try:
            return ("report", runner.receive(self.session.is_model_file, timeout))
        except RunnerDied as died:
            runner.kill()
            return ("died", died.exitcode, died.text, died.line)
        except TimeoutError:
            return ("spin", runner.interrupt(self.session.is_model_file), timeout)

    def _learn(self, ident, step, outcome, runner=None) -> Segment:
        """The segment of ``step`` (key, result, clock, method) from what its process did
        (``_fetch``); ``runner``: the process, kept at the state it reached (None: it ran
        elsewhere, search/remote.py)."""
        if outcome[0] == "died":
            return self._died(ident, _origin(step, True), RunnerDied(*outcome[1:]))
        if outcome[0] == "spin":
            return self._spinning(ident, _origin(step, True), *outcome[1:])
        message = outcome[1]
        session = self.session
        (op, done, fp, why, out, lines, effects, names, shown, signals, draws, advanced,
         clock_aware, asked) = message
        origin = _origin(step, asked)
        if self.audit:
            self.signatures[origin[1:]] = _signature(message)
        session.learn_names(names)
        session.note_draws(ident, draws)
        error = done[1] if done is not None else None
        if done is not None:
            op = Op(ident, DONE, (), "(ends)", (EXIT_LOCATION, 0))
        else:
            op = Op(*op)
        if fp is None:
            fp = ("history", origin)
        elif not self.merging:
            fp = ("history", origin, fp)
        key = self.keys.get(fp)
        if key is None:
            key = self._new_key(fp, LocalInfo(ident, op, done, origin, fp if isinstance(fp, bytes) else None,
                                              why, signals, clock_aware))
        elif (self.audit and runner is not None and done is None and key not in self.twins
              and self.info[key].origin != origin):
            self._audit_merge(key, runner, step[3])
            return Segment(key, out, effects, error, lines, shown, advanced, asked)
        if runner is not None:
            if done is None and key not in self.live:
                self._keep(key, runner)
            else:
                runner.kill()
        return Segment(key, out, effects, error, lines, shown, advanced, asked)

    def _died(self, ident, origin, died: RunnerDied) -> Segment:
        """The process died of a fatal signal (a crash in the model's C code, say)."""
        line = (f"{died.text} ({signal_name(-died.exitcode)}, exit code {died.exitcode})",
                died.line or ("<mpsim>", 0))
        done = (died.exitcode, line)
        fp = ("died", origin)
        key = self.keys.get(fp)
        if key is None:
            op = Op(ident, DONE, (), "(ends)", (EXIT_LOCATION, 0))
            key = self._new_key(fp, LocalInfo(ident, op, done, origin, None, None))
        return Segment(key, (), (), line, (), asked=True)  # it may have asked: kept per method

    def _timeout(self):
        """How long a process may run its own code now: the step bound, within the deadline."""
        if self.deadline is None:
            return self.step_timeout
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise CutShort()
        return min(self.step_timeout, left)

    def _spinning(self, ident, origin, where, waited) -> Segment:
        """The process ran its own code past the bound without reaching an operation (it was
        stopped at ``where``): as far as the search is concerned it runs for ever there."""
        if self.deadline is not None and time.monotonic() >= self.deadline:
            raise CutShort((ident, where, waited))
        fp = ("spin", origin)
        key = self.keys.get(fp)
        if key is None:
            shown = f"runs its own code for over {self.step_timeout:g} s without an operation"
            op = Op(ident, SPIN, (), shown, where or ("<mpsim>", 0))
            key = self._new_key(fp, LocalInfo(ident, op, None, origin, None, None))
        return Segment(key, (), (), None, asked=True)  # it may have asked: kept per method

    def _keep(self, key, runner):
        self.live[key] = runner
        while len(self.live) > self.limit:
            _, old = self.live.popitem(last=False)
            old.kill()

    # -- finding a process at a state ----------------------------------------------------------
    def _runner_at(self, key: int, keep: bool, method: str, command):
        """A process stopped at ``key``, sent ``command``: the live one - which first makes a copy
        of itself that stays live there when ``keep`` - or one re-created from the nearest live
        ancestor when there is none (its steps that did not ask for the start method are run
        again under ``method``)."""
        runner = self.live.get(key)
        if runner is None:
            runner = self._recreate(key, method)
            runner.send(command)
        elif keep:
            self.live.move_to_end(key)
            self.live[key] = self.pool.fork(runner, self.session.is_model_file, then=command)
        else:
            del self.live[key]
            runner.send(command)
        return runner

    def _recreate(self, key: int, method: str):
        results = []  # [(result, clock, method), ...] from the ancestor to ``key``
        k = key
        while True:
            info = self.info[k]
            if info.origin[0] == "unborn":
                break
            if k != key and k in self.live:
                break
            _, k, result, clock, asked = info.origin
            results.append((result, clock, asked or method))
        results.reverse()
        if self.info[k].origin[0] == "unborn" and k not in self.live:
            # the birth itself: start the process again with the begin step's result
            (first, clock, m), results = results[0], results[1:]
            runner = self._born(self.info[k].origin[1], first, clock, m)
            message = runner.receive(self.session.is_model_file)
            if not results:
                return self._check(runner, key, message)
        else:
            runner = self.pool.fork(self.live[k], self.session.is_model_file)
        if not results:
            return runner
        self.replayed += len(results)
        runner.send(("replay", results))
        return self._check(runner, key, runner.receive(self.session.is_model_file))

    def _check(self, runner, key, message):
        fp = message.fp
        expected = self.info[key].fp
        if expected is not None and fp != expected:
            runner.kill()
            info = self.info[key]
            raise NondeterministicModel(
                f"{self.session.model.shown(info.op.loc[0])}:{info.op.loc[1]}: re-running "
                f"{self.session.name(info.ident)} with the same results reached a different state; "
                "does the model use real randomness, object addresses, or a file that its "
                "processes write and read? (The file system is not part of mpsim's model: each "
                "explored run would see the others' writes.)")
        return runner


def _origin(step, asked) -> tuple:
    """The origin of the state a step reaches: the method only if the step asked for it."""
    key, result, clock, method = step
    return ("step", key, result, clock, method if asked else None)


def _memo(memo, reads, clock, method) -> tuple:
    """The memo key of a step: (key, result), and what else it read."""
    return memo + ((clock,) if reads & CLOCK else ()) + ((method,) if reads & METHOD else ())
