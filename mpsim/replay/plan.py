"""The simulated run a replay follows: per step, who moves, the operation, its result, the output.

``simulate`` follows the schedule through the simulator exactly as ``mpsim.run`` does, keeping for
each step what the controller needs to hand out turns and compare: the moving process, the
operation and its phase, the result, what each process printed, who died, who was born and who
ended.  A schedule that stops while the program could go on (a finding's path ends where the
exception is raised) is completed with the first possible move at each step, until the program
ends, deadlocks or comes back to a state it was in - so exit codes can be compared too.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from .. import api
from .. import schedule as schedules
from ..errors import ScheduleError, UnsupportedAPI
from ..primitives import kind_of
from ..startmethods import FALLBACK
from ..trace import _why_not, blocked_steps, readable
from ..world import Rules

# Kinds of primitive the gated multiprocessing covers.
SUPPORTED = {"Lock", "RLock", "Semaphore", "BoundedSemaphore", "Condition", "Event", "Value",
             "Queue", "JoinableQueue", "SimpleQueue", "Pipe", "Manager", "list", "dict", "Namespace",
             "Value", "Array", "threading.Lock", "threading.RLock", "threading.Semaphore",
             "threading.BoundedSemaphore", "queue.Queue", "Pool"}
MAX_COMPLETION = 10_000
TRACEBACK = "Traceback (most recent call last):\n"


class Planned(NamedTuple):
    number: int  # as ``mpsim run`` numbers the trace: 1 is the main process starting
    ident: tuple
    op: object  # runtime.Op; None for the main process's start
    phase: object
    kind: str  # "return" | "raise" | "continue"
    value: object
    note: str
    shown: object  # trace.TraceStep
    printed: dict  # ident -> (stdout text, stderr text) printed during this step
    died: dict  # ident -> "Type: message" of an uncaught exception
    born: tuple  # idents of processes this step started
    ended: dict  # ident -> exit code, for processes that ended in this step
    before: object  # the world before the step
    feeder: bool  # a queue feeder thread's move (of ``ident``'s feeder for ``op.target``)


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
    start_method: str  # as the real processes will start children: "fork", "spawn" or both
    steps: list = field(default_factory=list)
    outcome: str = "finished"  # "finished" | "deadlock" | "continues"
    blocked: list = field(default_factory=list)
    exit_codes: dict = field(default_factory=dict)

    def name(self, key) -> str:
        return self.session.name(key)


def simulate(path, schedule, argv=(), start_method=None, complete=True) -> Plan:
    """Follow ``schedule`` in the simulator as ``mpsim.run`` does (``ScheduleError`` if it does
    not fit), completed with first moves unless ``complete`` is False."""
    choices, _, named = schedules.decode(schedule)
    with api._model_io():
        session = api._session(path, argv)
        rules = Rules(session, named or start_method or FALLBACK)
        world, first = rules.initial()
        raw = [(first, None, world)]
        for n, (ident, alt) in enumerate(choices, 1):
            moves = rules.moves(world)
            chosen = next((m for m in moves if m.ident == ident and m.alt == alt), None)
            if chosen is None:
                raise ScheduleError(_why_not(rules, world, moves, ident, alt, n))
            raw.append((chosen.step, world, chosen.world))
            world = chosen.world
        given = len(raw)
        seen = {w for _, _, w in raw}
        while complete and len(raw) < given + MAX_COMPLETION:
            moves = rules.moves(world)
            if not moves or moves[0].world in seen:
                break
            raw.append((moves[0].step, world, moves[0].world))
            choices.append((moves[0].ident, moves[0].alt))
            world = moves[0].world
            seen.add(world)
        _check_supported(session, [w for _, _, w in raw])
        trace = readable(session, [s for s, _, _ in raw])
        plan = Plan(path, list(argv), session, schedules.encode(choices), given,
                    _start_method(session, start_method))
        plan.steps = [_planned(session, n, step, before, after, shown)
                      for n, ((step, before, after), shown) in enumerate(zip(raw, trace), 1)]
        unfinished = [e for e in world.procs if e.exitcode is None]
        if unfinished:
            plan.outcome = "continues" if rules.moves(world) else "deadlock"
        if plan.outcome == "deadlock":
            plan.blocked = [Blocked(e.ident, rules.op_of(e), e.phase, shown)
                            for e, shown in zip(unfinished, blocked_steps(rules, world))]
        plan.exit_codes = {e.ident: e.exitcode for e in world.procs}
    return plan


def _planned(session, number, step, before, after, shown) -> Planned:
    died = {ident: err[0] for ident, err in step.errors}
    printed = {}
    for ident, seg in step.segments:
        out, err = "", ""
        for stream, text in seg.out:
            if stream == "stdout":
                out += text
            else:
                err += text
        if ident in died and TRACEBACK in err:  # the real one is printed after the exit turn
            err = err[:err.rindex(TRACEBACK)].removesuffix(f"Process {session.name(ident)}:\n")
        printed[ident] = (out, err)
    old = {e.ident: e.exitcode for e in before.procs} if before is not None else {}
    ended = {e.ident: e.exitcode for e in after.procs
             if e.exitcode is not None and old.get(e.ident) is None}
    born = tuple(ident for ident, _ in step.segments if ident != step.ident)
    return Planned(number, step.ident, step.op, step.phase, step.kind, step.value, step.note,
                   shown, printed, died, born, ended, before, step.feeder)


def _check_supported(session, worlds):
    missing = sorted({kind_of(state) for w in worlds for _, state in w.prims} - SUPPORTED)
    if missing:
        raise UnsupportedAPI(f"replay on real primitives does not cover {', '.join(missing)} yet "
                             "(it covers processes, locks, semaphores, Condition, Event, Barrier, "
                             "Value, Array, queues, pipes, pools and a Manager's data, locks and queues)")


def _start_method(session, forced) -> str:
    if forced:
        return forced
    kinds = sorted({b.kind for b in session.births.values() if b.kind != "main"})
    return " and ".join(kinds) or FALLBACK
