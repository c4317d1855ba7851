"""The simulated run a replay follows: per step, who moves, the operation, its result, the output.

``simulate`` follows the schedule through the simulator's world (``mpsim.world.Rules``) exactly as
``mpsim.run`` does, keeping for each step what the controller needs to hand out turns and
compare: the moving process (or its queue's feeder thread), the operation and its phase, the
result, what each process printed, who died, who was born and who ended.  A step is an operation's
step, a started child's ``begin``, a feeder thread's move, a pool worker handler's interruption,
or - for a process whose code ran on for too long - its spinning; a process's exit function is
operations like any other, and its end is part of the step that ends it.  A schedule that stops
while the program could go on (a finding's path ends where the exception is raised) is completed
with the first possible move at each step, until the program ends, deadlocks or comes back to a
state it was in - so exit codes can be compared too.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import NamedTuple

from .. import schedule as schedules
from ..errors import ScheduleError, UnsupportedAPI
from ..findings import folded_index
from ..session import Session
from ..startmethods import FALLBACK
from ..trace import blocked_steps, follow, readable
from ..world import Rules

MAX_COMPLETION = 10_000


class Planned(NamedTuple):
    number: int  # as ``mpsim run`` numbers the trace: 1 is the main process starting
    ident: tuple
    op: object  # search.local.Op; None for the main process's start
    phase: object
    kind: str  # "return" | "raise" | "continue"
    value: object
    note: str
    shown: object  # trace.TraceStep
    printed: dict  # ident -> (stdout text, stderr text) printed during this step
    died: dict  # ident -> "Type: message" of an uncaught exception
    born: tuple  # idents of children whose first run is part of this step
    ended: dict  # ident -> exit code, for processes that ended in this step
    before: object  # the world before the step
    feeder: bool  # a queue feeder thread's move (of ``ident``'s feeder for ``op.target``)
    clock: int  # the virtual clock after the step, ns from the start (``TraceStep.time``)
    resumed: dict  # ident -> the clock at which its own code went on in this step (before its reads)


class Blocked(NamedTuple):
    ident: tuple
    op: object
    phase: object
    shown: object


@dataclass
class Plan:
    model: str
    argv: list
    session: object
    schedule: str  # the schedule followed, completion included
    given: int  # steps the given schedule covers (the rest is the completion)
    start_method: str  # how the real processes start children: "fork", "spawn" or both
    default_method: str  # the start method of the default context (the schedule's)
    timed: bool = True  # False: a schedule of the untimed search (timeouts may expire early)
    steps: list = field(default_factory=list)
    outcome: str = "finished"  # "finished" | "deadlock" | "continues"
    blocked: list = field(default_factory=list)
    exit_codes: dict = field(default_factory=dict)
    shown: list = field(default_factory=list)  # the trace as ``mpsim run`` shows it (folded)
    shown_given: int = 0  # how many steps of ``shown`` the given schedule covers

    def name(self, key) -> str:
        return self.session.name(key)

    def main_spec(self) -> dict:
        """How the simulator started the main process: its argv, path, environment, directory."""
        return self.session.boot_spec(self.session.births[0])


def simulate(path, schedule, argv=(), start_method=None, complete=True) -> Plan:
    """Follow ``schedule`` in the simulator as ``mpsim.run`` does (``ScheduleError`` if it does
    not fit), completed with first moves unless ``complete`` is False.  The session is closed
    (its simulated processes are gone) before the plan is returned.  The schedule names the
    start method it was found under (``start_method``, if given, must agree); a child started
    by the forkserver is not covered (``UnsupportedAPI``)."""
    choices, timed, named = schedules.decode(schedule)
    if start_method is not None and named is not None and start_method != named:
        raise ScheduleError(f"this schedule was found under the {named} start method, not "
                            f"{start_method}")
    method = named or start_method or FALLBACK
    session = Session(path, argv)
    try:
        rules = Rules(session, method, timed)
        steps, world = follow(rules, choices)
        worlds = [None]
        w, _ = rules.initial()
        for ident, alt in choices:
            worlds.append(w)
            w = next(m.world for m in rules.moves(w, time_passes=alt < 0)
                     if (m.ident, m.alt) == (ident, alt))
        worlds.append(w)
        given = len(steps)
        seen = set(worlds[1:])
        while complete and len(steps) < given + MAX_COMPLETION:
            moves = rules.moves(world)
            if not moves or moves[0].world in seen:
                break
            steps.append(moves[0].step)
            choices.append((moves[0].ident, moves[0].alt))
            world = moves[0].world
            worlds.append(world)
            seen.add(world)
        trace = readable(session, steps)
        folded = readable(session, steps, fold=True)  # as ``mpsim run`` shows it
        if any(b.kind == "forkserver" for b in session.births):
            raise UnsupportedAPI("the forkserver start method is not covered by replay on real "
                                 "primitives yet (its server is not replayed): check or run the "
                                 "model under fork or spawn")
        plan = Plan(path, list(argv), session, schedules.encode(choices, timed, named), given,
                    _start_method(session, start_method, method), method, timed)
        clocks = itertools.accumulate(step.elapsed for step in steps)
        plan.shown, plan.shown_given = folded, folded_index(folded, given)
        plan.steps = [_planned(session, n, step, worlds[n - 1], worlds[n], shown, clock)
                      for n, (step, shown, clock) in enumerate(zip(steps, trace, clocks), 1)]
        unfinished = [e for e in world.procs if e.exitcode is None]
        if unfinished:
            plan.outcome = "continues" if rules.moves(world) else "deadlock"
        if plan.outcome == "deadlock":
            plan.blocked = [Blocked(e.ident, rules.op_of(e), e.phase, shown)
                            for e, shown in zip(unfinished, blocked_steps(rules, world))]
        plan.exit_codes = {e.ident: e.exitcode for e in world.procs}
    finally:
        session.close()
    return plan


TRACEBACK = "Traceback (most recent call last):\n"


def _planned(session, number, step, before, after, shown, clock) -> Planned:
    died = {ident: err[0] for ident, err in step.errors}
    printed = {}
    for ident, seg in step.segments:
        out, err = "", ""
        for stream, text in seg.out:
            if stream == "stdout":
                out += text
            else:
                err += text
        printed[ident] = (out, err)
    old = {e.ident: e.exitcode for e in before.procs} if before is not None else {}
    ended = {e.ident: e.exitcode for e in after.procs
             if e.exitcode is not None and old.get(e.ident) is None}
    born = tuple(ident for ident, _ in step.segments if ident != step.ident)
    return Planned(number, step.ident, step.op, step.phase, step.kind, step.value, step.note,
                   shown, printed, died, born, ended, before, step.feeder, clock,
                   _resumed(step, clock))


def _resumed(step, clock) -> dict:
    """When each local run of ``step`` began: the runs follow one another, each moving the clock
    on by its reads (``Segment.advanced``), and the step ends at ``clock``."""
    runs = [(ident, getattr(seg, "advanced", 0)) for ident, seg in step.segments]
    t = clock - sum(advanced for _, advanced in runs)
    resumed = {}
    for ident, advanced in runs:
        resumed.setdefault(ident, t)
        t += advanced
    return resumed


def _start_method(session, forced, default) -> str:
    if forced:
        return forced
    kinds = sorted({b.kind for b in session.births if b.kind != "main"})
    return " and ".join(kinds) or default
