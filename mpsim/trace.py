"""Following a schedule through the world, and the readable steps of the run it describes."""
from __future__ import annotations

from typing import NamedTuple

from .errors import ScheduleError
from .primitives import module_for
from .search.local import BEGIN
from .world import is_process_target


class TraceStep(NamedTuple):
    process: str
    op: str
    location: str
    result: str
    output: tuple  # ((process name, stream, text), ...)
    died: tuple  # ((process name, error line), ...)
    time: float = 0.0  # the virtual clock after the step, in seconds from the start


def walk_back(back, node) -> list:
    """The choices from the start to ``node`` along ``back`` (node -> (previous node, choice), the
    start -> None), as a breadth-first search over the state graph records them."""
    choices = []
    while back[node] is not None:
        node, choice = back[node]
        choices.append(choice)
    return choices[::-1]


def follow(rules, choices):
    """Run ``choices`` from the initial state: (the world steps, the final world)."""
    world, first = rules.initial()
    steps = [first]
    for n, (ident, alt) in enumerate(choices, 1):
        moves = rules.moves(world, time_passes=alt < 0)  # alt < 0: the time passes first
        chosen = next((m for m in moves if m.ident == ident and m.alt == alt), None)
        if chosen is None:
            raise ScheduleError(_why_not(rules, world, moves, ident, alt, n))
        steps.append(chosen.step)
        world = chosen.world
    return steps, world


def _why_not(rules, world, moves, ident, alt, n):
    name = rules.session.name(ident)
    entry = next((e for e in world.procs if e.ident == ident), None)
    if entry is None:
        return f"schedule step {n}: there is no process {name} at that point"
    if entry.exitcode is not None:
        return f"schedule step {n}: {name} has already finished"
    mine = [m for m in moves if m.ident == ident]
    if not mine:
        op = op_text(rules.session, rules.op_of(entry))
        if entry.deadline is not None and entry.deadline > world.clock:
            return (f"schedule step {n}: {name} cannot move yet: it waits in {op} for its time "
                    f"({(entry.deadline - world.clock) / 1e9:g} s more)")
        return f"schedule step {n}: {name} cannot move: it is blocked in {op}"
    return f"schedule step {n}: {name} has {len(mine)} way(s) to move, not way {alt}"


def op_text(session, op) -> str:
    if op is None or op.method == BEGIN:
        return "(starts)"
    if op.target is None:
        return op.shown
    end_key = (op.target, op.args[0]) if op.args and isinstance(op.args[0], int) else None
    name = session.names.get(end_key) or session.name(op.target)
    return op.shown.format(name) if "{}" in op.shown else f"{name}.{op.shown}"


def location(session, loc) -> str:
    filename, line = loc
    if not line:
        return ""
    return f"{session.model.shown(filename)}:{line}"


def result_text(session, step) -> str:
    if step.kind == "continue":
        return step.note or "continues"
    if step.kind == "raise":
        return f"raises {step.value}"
    if step.op.method == "join" and step.value is not None:
        return f"returns (exit code {step.value})"
    hidden = ("start", "terminate", "sleep", "maintain", "random", BEGIN)
    value = "" if step.value is None or step.op.method in hidden else _shown_value(session, step)
    parts = [p for p in (value, step.note) if p]
    return " ".join(parts[:1] + [f"({p})" for p in parts[1:]]) if parts else "ok"


def _shown_value(session, step) -> str:
    """The value an operation returned, as the model sees it (a queue item, not its pickle)."""
    value = step.value
    if step.op.decode and isinstance(value, bytes):
        shown = next((seg.shown for ident, seg in step.segments
                      if ident == step.ident and getattr(seg, "shown", None)), None)
        return shown if shown is not None else f"<{len(value)} bytes>"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def readable(session, steps) -> list:
    """World steps -> TraceSteps (the first, the main process starting, is folded into step 1)."""
    out = []
    clock = 0
    for step in steps:
        clock += step.elapsed
        output = tuple((session.name(ident), stream, text)
                       for ident, seg in step.segments for stream, text in seg.out)
        died = tuple((session.name(ident), err[0]) for ident, err in step.errors)
        if step.op is None:
            out.append(TraceStep("MainProcess", "(starts)", "", "runs", output, died, clock / 1e9))
            continue
        out.append(TraceStep(session.name(step.ident), op_text(session, step.op),
                             location(session, step.op.loc), result_text(session, step), output,
                             died, clock / 1e9))
    return out


def blocked_steps(rules, world, time=0.0) -> list:
    """A '→ blocks' line for each unfinished process of a final state."""
    session = rules.session
    return [TraceStep(session.name(e.ident), op_text(session, rules.op_of(e)),
                      location(session, rules.op_of(e).loc), "blocks", (), (), time)
            for e in world.procs if e.exitcode is None]


def waits_for(rules, world, entry):
    """(what ``entry`` waits for in words, the idents holding it up)."""
    session = rules.session
    op = rules.op_of(entry)
    if is_process_target(op.target):
        if op.method == "join":
            return (f"waits for {session.name(op.target)} to finish", [op.target])
        if op.method == "wait":  # connection.wait
            return (f"waits in {op_text(session, op)} for a connection to have data or to reach "
                    "its end, or for a child to end", [])
        return (f"is in {op_text(session, op)}", [])
    state = dict(world.prims)[op.target]
    mod = module_for(state)
    who = [h for h in mod.holders(state) if h != entry.ident]
    lock = getattr(state, "lock", None)
    if lock is not None and not who and entry.phase and entry.phase[0] == "reacquire":
        who = [h for h in module_for(dict(world.prims)[lock]).holders(dict(world.prims)[lock]) if h != entry.ident]
    name = session.name(op.target)
    if op.method == "join_thread":
        return (f"waits for its feeder thread to write what it put into {name} "
                f"({mod.describe(state, session.name)})", who)
    words = f"waits in {op_text(session, op)} ({name}: {mod.describe(state, session.name)})"
    if entry.ident in mod.holders(state) and op.method == "acquire":
        words += f" - a lock it holds itself: {name} is not re-entrant, so it waits for itself forever"
    return (words, who)


def final_states(session, world) -> list:
    return [(session.name(oid), module_for(state).describe(state, session.name))
            for oid, state in world.prims]
