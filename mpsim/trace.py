"""Following a schedule through the world, and the readable steps of the run it describes.

The readable trace names everything as the program does (its variables, its processes) and says
what each step did in words (``True (acquired)``, ``wakes car-0, car-1``), in the language in use
(``i18n``).  A call on a compound object - a Barrier's ``wait()``, which CPython performs as a
dozen operations on its lock, condition and shared counters - is folded into one step per stretch
of the call (``fold``); the schedule keeps every choice, and each step says how many moves of the
schedule it stands for (``moves``).
"""
from __future__ import annotations

from typing import NamedTuple

from .errors import ScheduleError
from .i18n import N_, _, render
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
    moves: int = 1  # moves of the schedule this step stands for (0: the start, a "blocks" line)


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
    steps, worlds = _run(rules, choices)
    return steps, worlds[-1]


def run_worlds(rules, choices) -> list:
    """The worlds ``choices`` go through from the initial state (the initial one first)."""
    return _run(rules, choices)[1]


def _run(rules, choices):
    world, first = rules.initial()
    steps, worlds = [first], [world]
    for n, (ident, alt) in enumerate(choices, 1):
        moves = rules.moves(world, time_passes=alt < 0)  # alt < 0: the time passes first
        chosen = next((m for m in moves if m.ident == ident and m.alt == alt), None)
        if chosen is None:
            raise ScheduleError(_why_not(rules, world, moves, ident, alt, n))
        steps.append(chosen.step)
        world = chosen.world
        worlds.append(world)
    return steps, worlds


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


def op_text(session, op, call=False) -> str:
    """An operation as the program wrote it: ``lock_a.acquire()``; with ``call``, an operation
    inside a call on a compound object is shown as that call (``barrier.wait()``)."""
    if op is None or op.method == BEGIN:
        return _("(starts)")
    within = getattr(op, "within", None)
    if call and within:
        name = session.name(within[0])
        return f"{name} = {within[1]}" if within[1][:1].isupper() else f"{name}.{within[1]}"
    if op.target is None:
        return _shown_op(op.shown)
    end_key = (op.target, op.args[0]) if op.args and isinstance(op.args[0], int) else None
    name = session.names.get(end_key) or session.name(op.target)
    shown = _shown_op(op.shown)
    return shown.format(name) if "{}" in shown else f"{name}.{shown}"


# What the facade writes beside an operation, in the language in use.
_OP_WORDS = {"[with]": N_("[with]"), "[end of with]": N_("[end of with]"),
             "[finalizer]": N_("[finalizer]"), "(ends)": N_("(ends)"),
             "{} feeder": N_("{} feeder"), "[{} worker handler]": N_("[{} worker handler]"),
             "[SIGTERM handler]": N_("[SIGTERM handler]"), "(at exit)": N_("(at exit)")}


def _shown_op(shown: str) -> str:
    if shown in _OP_WORDS:
        return _(_OP_WORDS[shown])
    code, sep, words = shown.partition("  ")
    if sep and words in _OP_WORDS:
        return f"{code}  {_(_OP_WORDS[words])}"
    return shown


def location(session, loc) -> str:
    filename, line = loc
    if not line:
        return ""
    return f"{session.model.shown(filename)}:{line}"


def result_text(session, step) -> str:
    note = render(step.note, session.name) if step.note else ""
    if step.kind == "continue":
        return note or _("continues")
    if step.kind == "raise":
        return _("raises {error}").format(error=step.value)
    if step.op.method == "join" and step.value is not None:
        return _("returns (exit code {code})").format(code=step.value)
    hidden = ("start", "terminate", "sleep", "maintain", "random", BEGIN)
    value = "" if step.value is None or step.op.method in hidden else _shown_value(session, step)
    if value and note:
        return _("{value} ({note})").format(value=value, note=note)
    return value or note or _("ok")


def _shown_value(session, step) -> str:
    """The value an operation returned, as the model sees it (a queue item, not its pickle)."""
    value = step.value
    if step.op.decode and isinstance(value, bytes):
        shown = next((seg.shown for ident, seg in step.segments
                      if ident == step.ident and getattr(seg, "shown", None)), None)
        return shown if shown is not None else f"<{len(value)} bytes>"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def readable(session, steps, fold=False, keep=()) -> list:
    """World steps -> TraceSteps, one each (the first is the main process starting).  With
    ``fold``, the steps of a call on a compound object are folded (see the module's docstring);
    a step whose index is in ``keep`` always begins a step of its own."""
    out = []
    clock = 0
    for step in steps:
        clock += step.elapsed
        output = tuple((session.name(ident), stream, text)
                       for ident, seg in step.segments for stream, text in seg.out)
        died = tuple((session.name(ident), err[0]) for ident, err in step.errors)
        if step.op is None:
            out.append(TraceStep("MainProcess", _("(starts)"), "", _("runs"), output, died,
                                 clock / 1e9, 0))
            continue
        out.append(TraceStep(session.name(step.ident), op_text(session, step.op),
                             location(session, step.op.loc), result_text(session, step), output,
                             died, clock / 1e9))
    return _fold(session, steps, out, keep) if fold else out


def _fold(session, steps, trace, keep) -> list:
    """Consecutive steps of one process inside one call on a compound object become one step:
    the call, with what the call did so far (the others it woke, that it waits, or the result of
    its last step)."""
    out = []
    group = None
    for i, (step, shown) in enumerate(zip(steps, trace)):
        within = getattr(step.op, "within", None) if step.op is not None and not step.feeder else None
        key = (step.ident, within, step.op.loc) if within else None
        if key is not None and key == group and i not in keep:
            first = out[-1]
            out[-1] = first._replace(result=_call_result(session, first, step, shown),
                                     output=first.output + shown.output,
                                     died=first.died + shown.died, time=shown.time,
                                     moves=first.moves + shown.moves)
        else:
            if key is not None:
                shown = shown._replace(op=op_text(session, step.op, call=True),
                                       result=_call_result(session, None, step, shown))
            out.append(shown)
        group = key
    return out


def _call_result(session, folded, step, shown) -> str:
    """What a folded call did, up to ``step``: the others it woke, that it now waits, or the
    result of its last inner step."""
    woke = folded.result if folded is not None and folded.result.startswith(_("wakes")) else ""
    if step.kind == "continue" and step.op.method == "wait":
        now = _("waits for the others")
    elif step.op.method in ("notify", "notify_all") and step.note:
        return render(step.note, session.name)
    elif step.kind == "raise":
        now = shown.result
    else:
        now = _("goes on") if woke or step.kind == "return" else shown.result
    return f"{woke}; {now}" if woke and now != woke else now


def blocked_steps(rules, world, time=0.0) -> list:
    """A '→ blocks' line for each unfinished process of a final state."""
    session = rules.session
    return [TraceStep(session.name(e.ident), op_text(session, rules.op_of(e), call=True),
                      location(session, rules.op_of(e).loc), _("blocks"), (), (), time, 0)
            for e in world.procs if e.exitcode is None]


def naming(session, world):
    """How a state names processes: by name, and a process that has exited says so (a lock it
    still holds will never be released)."""
    exited = {e.ident for e in world.procs if e.exitcode is not None}

    def name(ident):
        shown = session.name(ident)
        return _("{process} (exited)").format(process=shown) if ident in exited else shown
    return name


def final_states(session, world, steps=()) -> list:
    """Each primitive's final state in words; the inner parts of a compound object the run's
    ``steps`` called (a Barrier's lock and counters) are left out: the object stands for them."""
    name = naming(session, world)
    inner = {s.op.target for s in steps if s.op is not None and getattr(s.op, "within", None)
             and s.op.target != s.op.within[0]}
    return [(session.name(oid), module_for(state).describe(state, name))
            for oid, state in world.prims if oid not in inner]
