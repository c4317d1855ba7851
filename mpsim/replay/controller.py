"""The controller: hands out turns in the simulator's order and compares every step.

Each real process (and each queue feeder thread) waits with an announcement of its next step, or
reports that its code has ended.  For each simulated step the controller checks that the moving
process announces that very step, gives it the turn, and compares the real result with the
simulated one; then it waits for that process's next announcement - so only one process runs
model code at a time - and compares what it printed.  A started child announces its ``begin``
first and runs nothing before its turn (given with its parent's start step when the simulator
folds its first run into it).  When a process ends in the simulator the real one must end too:
the controller waits until the OS shows it gone, so a later join or poll sees it ended.

At the end, a predicted deadlock must leave every unfinished real process blocked in exactly the
predicted operation: each gets its turn, and none may answer for a quiet period - on Linux, until
``/proc`` also shows each one asleep in the kernel.
"""
from __future__ import annotations

import subprocess
import time

from ..engines.real.wire import feeder_key
from ..errors import DidNotReproduce, UnsupportedAPI
from ..primitives import module_for, processes
from . import compare, evidence

QUIET = 0.5  # seconds the processes predicted to block must stay silent
LOCAL = 10.0  # at least this long for a process to run its own code (spawn start-up included)


class Controller:
    def __init__(self, plan, board, real, timeout: float, time_scale: float = 0.0):
        self.plan = plan
        self.time_scale = time_scale  # real seconds per virtual second (0: time not scaled)
        self.board = board
        self.real = real
        self.timeout = timeout
        self.local = max(LOCAL, timeout)
        self.pending = {}  # key -> the announcement it waits with
        self.started = {}  # ident -> idents of the children it started
        self.feeders_blocked = []  # at a deadlock: processes whose feeder stayed blocked too

    def follow(self):
        """Follow every step; for a deadlock, return the evidence ``{ident: ProcState | None}``."""
        first = self.plan.steps[0]
        self._arrive(first, first.ident)
        self._settle(first)
        for step in self.plan.steps[1:]:
            self._step(step)
        if self.plan.outcome == "deadlock":
            return self._confirm_deadlock()
        if self.plan.outcome == "finished":
            self._finish()
        return {}

    # -- one step -------------------------------------------------------------------------------
    def _step(self, step):
        method = step.op.method
        if method == "maintain":
            return self._maintain_step(step)
        if method == "spin":
            return self._spin_step(step)
        key = feeder_key(step.ident, step.op.target) if step.feeder else step.ident
        name = self._who(key)
        message = self.pending.pop(key, None) or self.board.receive(key, self.local)
        if message is None:
            raise self._diverged(step, name, f"{name} to be waiting for a turn",
                                 f"no word from it within {self.local:g} s")
        self._refused(message)
        self._agree(step, compare.operation(self.plan, step.ident, step.op, step.phase, message))
        self.board.send(key, _go(step, step.ident, step.value if method == "random" else None))
        allowance = self.timeout + self._timeout_of(step)
        reply = self.board.receive(key, allowance)
        self._refused(reply)
        mismatch = compare.result(step, reply, self.started.get(step.ident, ()))
        if mismatch and reply is None:
            mismatch = (mismatch[0], compare.real_words(None, allowance))
        self._agree(step, mismatch)
        if step.feeder:
            self._agree(step, compare.printed(name, step.printed.get(step.ident, ("", "")), reply[-1]), name)
        else:
            if method == "start":
                self.started.setdefault(step.ident, []).append(step.op.target)
            self._arrive(step, step.ident)
            for child in step.born:
                self._begin(step, child)
        self._settle(step)

    def _begin(self, step, child):
        """A child's first step, taken with its parent's start step."""
        message = self.board.receive(child, self.local)
        name = self.plan.name(child)
        if message is None or message[0] != "at" or message[2] != "begin":
            raise self._diverged(step, name, f"{name} to be waiting to start",
                                 compare.real_words(message, self.local))
        self.board.send(child, _go(step, child))
        reply = self.board.receive(child, self.timeout)
        if reply is None or reply[0] != "ok":
            raise self._diverged(step, name, f"{name} to start", compare.real_words(reply, self.timeout))
        self._arrive(step, child)

    def _maintain_step(self, step):
        """A pool's worker-handler move: it interrupts the operation the parent waits at (one
        that has not begun); the parent replaces the exited workers, then goes on."""
        name = self.plan.name(step.ident)
        message = self.pending.pop(step.ident, None)
        if message is None or message[0] != "at" or message[3] is not None:
            raise self._diverged(step, name, f"{name} to be waiting at an operation",
                                 compare.real_words(message, 0) if message else "it is not")
        self.board.send(step.ident, ("maintain", step.value.oid, step.value.exited))
        self._arrive(step, step.ident)
        self._settle(step)

    def _spin_step(self, step):
        """The simulator saw the process run its own code for ever: the real one must not reach
        an operation either."""
        name = self.plan.name(step.ident)
        message = self.pending.pop(step.ident, None) or self.board.receive(step.ident, QUIET)
        if message is not None:
            raise self._diverged(step, name, f"{name} to keep running its own code",
                                 compare.real_words(message, 0))

    def _timeout_of(self, step) -> float:
        """How long a timed operation may really wait: its timeout (the last argument of an
        operation that declares one), scaled as the real process scales it; a sleep's time when
        time is scaled."""
        op = step.op
        if step.feeder or (op.method == "sleep" and not self.time_scale):
            return 0.0
        if op.target is None or op.target == () or isinstance(op.target[0], int):
            decl = processes.OPS.get(op.method)
        else:
            decl = module_for(dict(step.before.prims)[op.target]).OPS.get(op.method)
        if decl is None or decl.timeout is None or not op.args:
            return 0.0
        timeout = op.args[decl.timeout] if decl.timeout < len(op.args) else None
        if not isinstance(timeout, (int, float)) or timeout <= 0:
            return 0.0
        return float(timeout) * (self.time_scale or 1.0)

    def _arrive(self, step, ident):
        """Take ``ident``'s next announcement (or the end of its code), with what it printed."""
        message = self.board.receive(ident, self.local)
        name = self.plan.name(ident)
        if message is None:
            raise self._diverged(step, name, f"{name} to reach its next operation",
                                 f"no word from it within {self.local:g} s")
        self._refused(message)
        if message[0] not in ("at", "done"):
            raise self._diverged(step, name, f"{name} to reach its next operation",
                                 compare.real_words(message, 0))
        self._agree(step, compare.printed(name, step.printed.get(ident, ("", "")), message[-1]), name)
        if message[0] == "done":
            self._agree(step, compare.died(step.died.get(ident), message), name)
            if ident not in step.ended:
                raise self._diverged(step, name, f"{name} to go on", "its code ends"
                                     + compare.end_words(message))
            self._agree(step, compare.exit_code(step.ended[ident], message), name)
        elif ident in step.ended:
            raise self._diverged(step, name, f"{name} to end", compare.real_words(message, 0))
        else:
            self.pending[ident] = message

    def _settle(self, step):
        """Wait until every process that ended in this step, killed ones too, is really gone."""
        for ident in step.ended:
            if not self.real.wait_gone(ident, self.local):
                name = self.plan.name(ident)
                raise self._diverged(step, name, f"{name} to end", "it is still running")

    def _refused(self, message):
        if message is not None and message[0] == "unsupported":
            raise UnsupportedAPI(message[1])

    def _who(self, key) -> str:
        if key[:1] == ("feeder",):
            return f"{self.plan.name(key[1])}'s feeder thread"
        return self.plan.name(key)

    def _agree(self, step, mismatch, where=None):
        if mismatch is not None:
            raise self._diverged(step, where, *mismatch)

    def _diverged(self, step, where, expected, real):
        shown = step.shown
        where = where or f"{shown.process} {shown.op}" + (f" at {shown.location}" if shown.location else "")
        return DidNotReproduce(step.number, where, expected, real)

    # -- the end ------------------------------------------------------------------------------
    def _finish(self):
        try:
            code = self.real.main.wait(self.local)
        except subprocess.TimeoutExpired:
            code = None
        expected = self.plan.exit_codes.get(())
        if code != expected:
            last = self.plan.steps[-1]
            raise self._diverged(last, "MainProcess", f"exit code {expected}",
                                 "still running" if code is None else f"exit code {code}")

    def _confirm_deadlock(self):
        last = len(self.plan.steps)
        for n, b in enumerate(self.plan.blocked, last + 1):
            step = _BlockedStep(n, b.shown)
            message = self.pending.pop(b.ident, None)
            if message is None:
                raise self._diverged(step, None, f"{self.plan.name(b.ident)} to be waiting",
                                     "it is not (it has ended or was never started)")
            self._agree(step, compare.operation(self.plan, b.ident, b.op, b.phase, message))
            self.board.send(b.ident, _go(self.plan.steps[-1], b.ident))
        feeders = self._release_feeders()
        start = time.monotonic()
        while True:
            self.board.pump(0.05)
            for n, b in enumerate(self.plan.blocked, last + 1):
                if self.board.inbox.get(b.ident):
                    reply = self.board.inbox[b.ident].popleft()
                    raise self._diverged(_BlockedStep(n, b.shown), None, "blocks",
                                         compare.real_words(reply, 0))
            for key in feeders:
                if self.board.inbox.get(key):
                    reply = self.board.inbox[key].popleft()
                    name = self._who(key)
                    raise self._diverged(_BlockedStep(last, self.plan.steps[-1].shown), name,
                                         f"{name} to be unable to write", compare.real_words(reply, 0))
            proofs = {b.ident: evidence.state(self.board.pids[b.ident]) for b in self.plan.blocked}
            asleep = all(p is None or p.state in ("S", "D") for p in proofs.values())
            waited = time.monotonic() - start
            if waited >= QUIET and (asleep or waited >= self.timeout):
                break
        for n, b in enumerate(self.plan.blocked, last + 1):
            proof = proofs[b.ident]
            if proof is not None and proof.state not in ("S", "D"):
                raise self._diverged(_BlockedStep(n, b.shown), None, "blocks",
                                     f"still running after {self.timeout:g} s ({proof})")
        self.feeders_blocked = [self.plan.name(key[1]) for key in feeders]
        return proofs

    def _release_feeders(self) -> list:
        """At a deadlock no feeder thread can move either: each one waiting with work (a full
        pipe) gets its turn too, and must stay blocked in its write."""
        self.board.pump(0.05)
        waiting = [k for k in self.pending if k[:1] == ("feeder",)]
        waiting += [k for k, box in self.board.inbox.items()
                    if k[:1] == ("feeder",) and box and box[0][0] == "at" and k not in waiting]
        for key in waiting:
            message = self.pending.pop(key, None) or self.board.inbox[key].popleft()
            if message[0] == "at":
                self.board.send(key, _go(self.plan.steps[-1], key))
        return waiting


def _go(step, who, value=None) -> tuple:
    """A turn: ("go", the simulated clock in ns at which ``who``'s own code went on in ``step``
    - its reads of the clock go on from there -, the value the simulator chose for an unseeded
    random draw)."""
    return ("go", step.resumed.get(who, step.clock), value)


class _BlockedStep:
    """A final '→ blocks' line of a deadlock trace, numbered after the steps."""

    def __init__(self, number, shown):
        self.number = number
        self.shown = shown

