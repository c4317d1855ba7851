"""Turning raw findings into violations a learner can read: title, trace, final state, why, fix.

The trace is the run's readable steps (calls on a Barrier folded into one step each); ``why`` and
``fix`` come from ``advice``, which reads them off the run.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import advice, schedule
from .i18n import _, ngettext
from .search.local import BEGIN, EXIT_LOCATION
from .session import named_as_searched
from .trace import blocked_steps, final_states, follow, location, op_text, readable


@dataclass
class Violation:
    kind: str
    title: str
    process: str
    error: str | None
    schedule: str
    choices: list
    steps: list  # TraceStep
    explanation: str  # why: one sentence in the program's names and lines
    final_state: list = field(default_factory=list)
    cycle_from: int | None = None  # nontermination: index of the first step of the loop
    timing: str = "any"  # "untimed-only": it needs a timeout to expire before its time;
    #                      "unusual": it needs a process to move at an unusual moment
    assumption: str | None = None  # untimed-only, unusual: the timing it needs, in words
    accesses: list | None = None  # race: the two accesses [{"process", "access", "location", "op"}]
    fix: str = ""  # one concrete change to the program that removes it
    start_method: str | None = None  # the default start method its trace was found under
    start_methods: list = field(default_factory=list)  # the start methods it was found under

    @property
    def why(self) -> str:
        return self.explanation

    def to_json(self) -> dict:
        return {
            "kind": self.kind, "title": self.title, "process": self.process, "error": self.error,
            "schedule": self.schedule, "timing": self.timing, "assumption": self.assumption,
            "start_method": self.start_method, "start_methods": list(self.start_methods),
            "steps": [step_json(s) for s in self.steps],
            "explanation": self.explanation, "fix": self.fix,
            **({"accesses": self.accesses} if self.accesses is not None else {}),
        }


def step_json(s) -> dict:
    """One TraceStep of a check's report, as JSON."""
    return {"process": s.process, "op": s.op, "location": s.location, "result": s.result,
            "time": round(s.time, 6)}


@named_as_searched
def build(search, found) -> Violation:
    rules = search.rules
    session = search.session
    choices = search.path(found.node)
    if found.kind in ("exception", "exit"):
        choices = choices + [found.last] if found.last else choices
    raw_cycle = None
    if found.kind == "nontermination":
        raw_cycle = len(choices) + 1
        choices = choices + list(found.cycle)
    steps, world = follow(rules, choices)
    trace = readable(session, steps, fold=True, keep={raw_cycle} if raw_cycle else ())
    text = schedule_of(search, choices)
    if found.kind == "deadlock":
        v = _deadlock(rules, steps, world, trace, text, choices)
    elif found.kind == "exception":
        v = _exception(rules, steps, found, world, trace, text, choices)
    elif found.kind == "exit":
        v = _exit(rules, found, world, trace, text, choices, steps)
    else:
        v = _nontermination(rules, steps, found, world, trace, text, choices,
                            folded_index(trace, raw_cycle))
    label_timing(v, session, steps)
    if found.kind == "exception":
        label_late_start(v, rules, choices, steps)
    v.start_method = rules.method
    v.start_methods = [rules.method]
    return v


def schedule_of(search, choices) -> str:
    """The schedule string of a run of ``search``: it names the start method when the program
    asked for the default one (a search that never asked: any method)."""
    rules = search.rules
    return schedule.encode(choices, rules.timed, rules.method if search.asked else None)


def label_timing(v: Violation, session, steps):
    """Mark ``v`` timing-dependent if its run needs a timeout to expire before its time."""
    early = [step for step in steps if step.early]
    if early:
        v.timing = "untimed-only"
        v.assumption = assumption(session, early)


def label_late_start(v: Violation, rules, choices, steps):
    """Mark ``v`` as needing unusual timing if it is a spawned daemon dying as it starts up
    because its creator's clean-up at exit removed a primitive it rebuilds.

    CPython's ``_exit_function`` runs the finalizers that unlink the named semaphores and then at
    once terminates the daemon children: a daemon that is still starting up is killed unless it
    unpickles its arguments within those microseconds (checked on real CPython: only with a sleep
    holding the parent between the two).  A primitive unlinked earlier, while the program ran,
    needs no such moment (a spawned child takes tens of milliseconds to start)."""
    last = steps[-1]
    if last.op is None or last.op.method != BEGIN or not last.value:
        return
    world = follow(rules, choices[:-1])[1]
    child = _entry(world, last.ident)
    parent = _entry(world, child.parent)
    if not child.daemon or parent is None or parent.exitcode is not None:
        return
    # The creator's last operation in its program: its run from there went to its exit.
    last_op = max((i for i, s in enumerate(steps) if s.ident == parent.ident and s.op is not None
                   and not s.feeder and s.op.loc[0] != EXIT_LOCATION), default=0)
    if rules.op_of(parent).loc[0] != EXIT_LOCATION or last_op == 0:
        return
    before = follow(rules, choices[:last_op - 1])[1]  # the world before that operation
    if set(last.value) <= before.unlinked:
        return
    session = rules.session
    v.timing = "unusual"
    v.assumption = _("only if {child} starts up in the instant between {parent}'s clean-up at "
                     "exit, which removes the semaphores, and {parent} terminating its daemon "
                     "processes (a spawned process takes tens of milliseconds to start)").format(
        child=session.name(child.ident), parent=session.name(parent.ident))


def _entry(world, ident):
    return next((e for e in world.procs if e.ident == ident), None)


def folded_index(trace, raw) -> int:
    """The index in a folded trace of the step that begins with world step ``raw``."""
    covered = 1  # the first step (the main process starting) is world step 0
    for i, s in enumerate(trace[1:], 1):
        if covered >= raw:
            return i
        covered += s.moves
    return len(trace)


def assumption(session, early) -> str:
    """In words, the timing an untimed run needs: each timeout (or sleep) that ended before the
    processes that could move first did."""
    parts = []
    for step in early:
        held, idents = step.early
        op = step.op
        where = location(session, op.loc)
        who = ", ".join(session.name(i) for i in idents)
        text = (_("{who} is held up for {seconds} so that `{op}` at {line} ends first")
                if op.method == "sleep" else
                _("{who} is held up for {seconds} so that the timeout of `{op}` at {line} "
                  "expires first"))
        parts.append(text.format(who=who, seconds=_seconds(held), op=op_text(session, op),
                                 line=where))
    return _("only if {conditions} (e.g. under heavy load)").format(
        conditions=_("; and ").join(parts))


def _seconds(ns: int) -> str:
    return _("{n:g} s").format(n=ns / 1e9)


def _deadlock(rules, steps, world, trace, text, choices):
    session = rules.session
    stuck = [e for e in world.procs if e.exitcode is None]
    why, fix = advice.deadlock(rules, steps, world)
    why = _("{why}.").format(why=why)
    blocked_ops = ", ".join(_("{process} in {op}").format(
        process=session.name(e.ident), op=op_text(session, rules.op_of(e), call=True))
        for e in stuck)
    return Violation("deadlock", _("Deadlock: {blocked}").format(blocked=blocked_ops),
                     session.name(stuck[0].ident), None, text, choices,
                     trace + blocked_steps(rules, world, trace[-1].time), why,
                     final_states(session, world, steps), fix=fix)


def _exception(rules, steps, found, world, trace, text, choices):
    session = rules.session
    _kind, line, loc = found.signature
    ident = found.process
    name = session.name(ident)
    if _ignored_at_exit(trace, name):
        why, fix = advice.ignored_at_exit(rules, steps, world, ident, line, loc)
    else:
        why, fix = advice.exception(rules, steps, world, ident, line, loc)
    exitcode = next((e.exitcode for e in world.procs if e.ident == ident), None)
    if exitcode is not None:
        why = _("{why} (exit code {code}).").format(why=why, code=exitcode)
    else:
        why = why + "."
    short = " ".join(line.split())
    short = short if len(short) <= 120 else short[:117] + "..."
    if exitcode is not None and exitcode < 0:  # it died of a signal: a crash, or its own os.kill
        title = _("{process} killed: {error}").format(process=name, error=short)
    else:
        title = _("Exception in {process}: {error}").format(process=name, error=short)
    return Violation("exception", title, name, line, text, choices, trace, why,
                     final_states(session, world, steps), fix=fix)


def _ignored_at_exit(trace, name) -> bool:
    """The exception was raised by an ``atexit`` callback: CPython printed it and went on."""
    return any(who == name and stream == "stderr" and text.startswith(IGNORED_AT_EXIT)
               for step in trace[-1:] for who, stream, text in step.output)


IGNORED_AT_EXIT = "Exception ignored in atexit callback"  # CPython's words, on stderr


def _exit(rules, found, world, trace, text, choices, steps):
    session = rules.session
    name = session.name(())
    code = found.signature[1]
    why, fix = advice.exit_status(rules, steps, world, code)
    return Violation("exit", _("{process} exits with status {code}").format(
        process=name, code=code), name, None, text, choices, trace, why + ".",
        final_states(session, world, steps), fix=fix)


def _nontermination(rules, steps, found, world, trace, text, choices, cycle_from):
    session = rules.session
    movers = sorted(found.signature[1])
    why, fix = advice.nontermination(rules, steps, world, found.signature[1], len(choices)
                                     - len(found.cycle) + 1)
    loopers = ", ".join(session.name(i) for i in movers)
    waiting = [e for e in world.procs if e.exitcode is None and e.ident not in found.signature[1]]
    why = _("{why}; from step {first} on, steps {first}-{last} can repeat forever.").format(
        why=why, first=cycle_from + 1, last=len(trace))
    title = ngettext("Never terminates: {loopers} loops forever",
                     "Never terminates: {loopers} loop forever", len(movers)).format(loopers=loopers)
    if waiting:
        title += ngettext(" while {waiting} waits", " while {waiting} wait", len(waiting)).format(
            waiting=", ".join(session.name(e.ident) for e in waiting))
    return Violation("nontermination", title, session.name(movers[0]), None, text, choices, trace,
                     why, final_states(session, world, steps), cycle_from, fix=fix)
