"""Turning raw findings into violations a learner can read: title, trace, final state, why."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import schedule
from .trace import blocked_steps, final_states, follow, location, op_text, readable, waits_for

HINTS = {
    "attempt to release recursive lock not owned by thread":
        "An RLock may be released only by the process that acquired it (a plain Lock may be "
        "released by any process).",
    "semaphore or lock released too many times":
        "It was released more times than it was acquired: a Lock or BoundedSemaphore refuses to "
        "go above its initial value.",
    "must acquire() condition before using wait()":
        "Condition.wait() must be called while holding the condition's lock (inside `with cond:`).",
    "lock is not owned":
        "Condition.notify() must be called while holding the condition's lock.",
}


@dataclass
class Violation:
    kind: str
    title: str
    process: str
    error: str | None
    schedule: str
    choices: list
    steps: list  # TraceStep
    explanation: str
    final_state: list = field(default_factory=list)
    cycle_from: int | None = None  # nontermination: index of the first step of the loop
    timing: str = "any"  # "untimed-only": it needs a timeout to expire before its time
    assumption: str | None = None  # untimed-only: the timing it needs, in words

    def to_json(self) -> dict:
        return {
            "kind": self.kind, "title": self.title, "process": self.process, "error": self.error,
            "schedule": self.schedule, "timing": self.timing, "assumption": self.assumption,
            "steps": [{"process": s.process, "op": s.op, "location": s.location, "result": s.result,
                       "time": round(s.time, 6)}
                      for s in self.steps],
            "explanation": self.explanation,
        }


def build(search, found) -> Violation:
    rules = search.rules
    session = search.session
    choices = search.path(found.node)
    if found.kind == "exception":
        choices = choices + [found.last] if found.last else choices
    cycle_from = None
    if found.kind == "nontermination":
        cycle_from = len(choices) + 1
        choices = choices + list(found.cycle)
    steps, world = follow(rules, choices)
    trace = readable(session, steps)
    text = schedule.encode(choices, rules.timed)
    if found.kind == "deadlock":
        v = _deadlock(rules, world, trace, text, choices)
    elif found.kind == "exception":
        v = _exception(session, found, world, trace, text, choices)
    else:
        v = _nontermination(rules, found, world, trace, text, choices, cycle_from)
    early = [step for step in steps if step.early]
    if early:
        v.timing = "untimed-only"
        v.assumption = assumption(session, early)
    return v


def assumption(session, early) -> str:
    """In words, the timing an untimed run needs: each timeout (or sleep) that ended before the
    processes that could move first did."""
    parts = []
    for step in early:
        held, idents = step.early
        op = step.op
        where = location(session, op.loc)
        what = (f"`{op_text(session, op)}` at {where}" if op.method == "sleep"
                else f"the timeout of `{op_text(session, op)}` at {where}")
        ends = "ends" if op.method == "sleep" else "expires"
        who = ", ".join(session.name(i) for i in idents)
        parts.append(f"{who} {'is' if len(idents) == 1 else 'are'} held up for {_seconds(held)} "
                     f"so that {what} {ends} first")
    return "only if " + "; and ".join(parts) + " (e.g. under heavy load)"


def _seconds(ns: int) -> str:
    return f"{ns / 1e9:g} s"


def _deadlock(rules, world, trace, text, choices):
    session = rules.session
    stuck = [e for e in world.procs if e.exitcode is None]
    lines = []
    graph = {}
    for e in stuck:
        words, who = waits_for(rules, world, e)
        graph[e.ident] = who
        lines.append(f"{session.name(e.ident)} {words}.")
    cycle = _find_cycle(graph)
    if cycle:
        why = ("Each process in the cycle " + " → ".join(session.name(i) for i in cycle + cycle[:1])
               + " waits for the next, so none can ever move: a deadlock.")
    else:
        why = "No process can move and the program cannot finish: nobody will ever wake them."
    blocked_ops = ", ".join(f"{session.name(e.ident)} in {_op(rules, e)}" for e in stuck)
    return Violation("deadlock", f"Deadlock: {blocked_ops}", session.name(stuck[0].ident), None,
                     text, choices, trace + blocked_steps(rules, world, trace[-1].time),
                     " ".join(lines + [why]),
                     final_states(session, world))


def _op(rules, entry):
    return op_text(rules.session, rules.op_of(entry))


def _find_cycle(graph):
    for start in graph:
        seen = [start]
        node = start
        while True:
            nxt = [w for w in graph.get(node, []) if w in graph]
            if not nxt:
                break
            node = nxt[0]
            if node in seen:
                return seen[seen.index(node):]
            seen.append(node)
    return None


def _exception(session, found, world, trace, text, choices):
    _, line, loc = found.signature
    ident = found.process
    name = session.name(ident)
    where = f"{session.model.shown(loc[0])}:{loc[1]}" if loc[1] else "its start-up"
    exitcode = next((e.exitcode for e in world.procs if e.ident == ident), None)
    message = line.partition(": ")[2]
    hint = HINTS.get(message, "")
    if not hint and line.startswith("AssertionError"):
        hint = ("The model's own assert failed on this schedule. If it checks a shared value, "
                "remember that `v.value += 1` is a read then a write: another process can write "
                "in between, and one update is lost.")
    exit_words = f" (exit code {exitcode})" if exitcode is not None else ""
    short = " ".join(line.split())
    short = short if len(short) <= 120 else short[:117] + "..."
    if exitcode is not None and exitcode < 0:  # it died of a signal: a crash, or its own os.kill
        why = f"{name} was killed at {where}: {line}."
        title = f"{name} killed: {short}"
    else:
        why = f"{name} raised {line} at {where} and died{exit_words}. {hint}".strip()
        title = f"Exception in {name}: {short}"
    return Violation("exception", title, name, line, text, choices, trace, why,
                     final_states(session, world))


def _nontermination(rules, found, world, trace, text, choices, cycle_from):
    session = rules.session
    movers = sorted(found.signature[1])
    loopers = ", ".join(session.name(i) for i in movers)
    waiting = [e for e in world.procs if e.exitcode is None and e.ident not in found.signature[1]]
    waits = "; ".join(f"{session.name(e.ident)} {waits_for(rules, world, e)[0]}" for e in waiting)
    why = (f"From step {cycle_from + 1} on, {loopers} can repeat steps {cycle_from + 1}-{len(trace)} "
           f"forever and no run from here reaches the end of the program"
           + (f" ({waits})" if waits else "") + ".")
    title = f"Never terminates: {loopers} loop{'s' if len(movers) == 1 else ''} forever" + (
        f" while {', '.join(session.name(e.ident) for e in waiting)} wait{'s' if len(waiting) == 1 else ''}"
        if waiting else "")
    return Violation("nontermination", title, session.name(movers[0]), None, text, choices, trace,
                     why, final_states(session, world), cycle_from)
