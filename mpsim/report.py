"""The text report of a check or a run, in a fixed shape a learner can scan."""
from __future__ import annotations

import shlex
from typing import NamedTuple

from .search.strategies import NAMES as STRATEGY_NAMES


def replay_command(path, argv, schedule, start_method=None) -> str:
    words = ["mpsim", "run", path, "--schedule", schedule]
    if start_method:
        words += ["--start-method", start_method]
    if argv:
        words += ["--", *argv]
    return " ".join(shlex.quote(w) for w in words)


def json_report(result, start_method=None) -> dict:
    """The JSON report of a check: ``Result.to_json()``, with the start method asked for and the
    replay command of each violation."""
    data = result.to_json()
    data["start_method"] = start_method
    for v in data["violations"]:
        v["replay"] = replay_command(result.model, result.argv, v["schedule"], start_method)
    return data


def _status(complete, stop_reason) -> str:
    if complete:
        return "complete"
    if stop_reason.startswith("interrupted"):  # errors.Interrupted.reason
        return f"INCOMPLETE: {stop_reason}"
    return f"INCOMPLETE: stopped at the {stop_reason}"


def check_report(result, start_method=None) -> str:
    lines = [f"mpsim check {result.model}" + (f" -- {' '.join(result.argv)}" if result.argv else "")]
    budgets = ", ".join(f"{k.replace('_', '-')} {v}" for k, v in result.budgets.items() if v is not None)
    lines.append(f"  strategy: {STRATEGY_NAMES[result.strategy]}; budgets: {budgets or 'none'}; "
                 f"start method: {start_method or 'spawn (unless the program sets one)'}")
    status = _status(result.complete, result.stop_reason)
    mode = "" if result.timing == "timed" else " (untimed: any timeout may expire at once)"
    lines.append(f"  explored {result.states:,} states and {result.transitions:,} transitions "
                 f"in {result.elapsed_s:.2f} s{mode}: {status}")
    if result.covered:
        lines.append(f"  covered: {result.covered}")
    u = result.untimed
    if u is not None:
        done = _status(u["complete"], u["stop_reason"])
        lines.append(f"  untimed search (timeouts may expire early): {u['states']:,} states and "
                     f"{u['transitions']:,} transitions in {u['elapsed_s']:.2f} s: {done}")
    lines.append("")
    lines.append(verdict(result) + (":" if result.violations else ""))
    for i, v in enumerate(result.violations, 1):
        lines.append("")
        lines.extend(violation_lines(i, v, result, start_method))
    if result.information:
        lines.append("")
        lines.append("information (not a problem): output that some runs never print:")
        for info in result.information:
            lines.append(f"  - {info['line']!r} (printed by {', '.join(info['processes'])} in other "
                         "runs) is not printed in this one:")
            lines.append(f"      {replay_command(result.model, result.argv, info['schedule'], start_method)}")
    for note in result.notes:
        lines.append("")
        lines.append(f"note: {note}")
    return "\n".join(lines) + "\n"


def verdict(result) -> str:
    if result.violations:
        n = len(result.violations)
        timing = sum(v.timing == "untimed-only" for v in result.violations)
        if timing:
            return (f"{n} problem{'s' if n > 1 else ''} found ({timing} of {'them' if n > 1 else 'it'} "
                    "only with unusual timing)")
        return f"{n} problem{'s' if n > 1 else ''} found"
    if result.complete:
        if result.untimed is not None and not result.untimed["complete"]:
            return ("No problems: every interleaving on the one clock ends without deadlock, "
                    "uncaught exception or endless loop (the untimed search was cut short: see "
                    "the note).")
        return "No problems: every interleaving ends without deadlock, uncaught exception or endless loop."
    if result.interrupted is not None:
        return ("No problem found in the part explored - but the search was interrupted, so this "
                "is not a verdict.")
    return ("No problem found in the part explored - but the search was cut short, so this is not "
            "a verdict. Raise the budget to search further.")


def violation_lines(i, v, result, start_method=None) -> list:
    lines = [f"[{i}] {v.title}" + ("   (timing-dependent)" if v.timing == "untimed-only" else "")]
    if v.assumption:
        lines.append(f"    timing: {v.assumption}")
    lines.extend(step_lines(v.steps, v.cycle_from))
    if v.final_state:
        lines.append("    final state:")
        lines.extend(f"      {name}: {desc}" for name, desc in v.final_state)
    lines.append(f"    why: {v.explanation}")
    lines.append(f"    replay: {replay_command(result.model, result.argv, v.schedule, start_method)}")
    return lines


def step_lines(steps, cycle_from=None) -> list:
    """The steps of a trace; with the virtual clock beside each when time passed in it."""
    width = max((len(s.process) for s in steps), default=0)
    opw = min(max((len(s.op) for s in steps), default=0), 44)
    locw = min(max((len(s.location) for s in steps), default=0), 40)
    timed = any(s.time for s in steps)
    times = [clock_text(s.time) for s in steps] if timed else []
    tw = max(map(len, times), default=0)
    lines = []
    for n, s in enumerate(steps, 1):
        mark = "↻" if cycle_from is not None and n - 1 == cycle_from else " "
        when = f"{times[n - 1]:>{tw}}  " if timed else ""
        lines.append(f"  {mark}{n:>3}. {when}{s.process:<{width}}  {s.op:<{opw}}  {s.location:<{locw}} → {s.result}".rstrip())
        for proc, stream, text in s.output:
            for line in text.rstrip("\n").split("\n"):
                if line or stream == "stdout":
                    lines.append(f"        {'!' if stream == 'stderr' else '|'} {proc}: {line}")
        for proc, err in s.died:
            lines.append(f"        ✗ {proc} dies: {err}")
    return lines


def clock_text(seconds: float) -> str:
    """The virtual clock as a trace shows it: ``t=2s``, ``t=2.000003s``."""
    return f"t={seconds:.6f}".rstrip("0").rstrip(".") + "s"


class _JsonStep(NamedTuple):
    process: str
    op: str
    location: str
    result: str
    output: tuple = ()
    died: tuple = ()
    time: float = 0.0


def json_violation_lines(i, v: dict, replay: str) -> list:
    """A violation of the JSON report as the text report shows it (without the final state,
    which the JSON report does not carry)."""
    steps = [_JsonStep(s["process"], s["op"], s["location"], s["result"],
                       tuple(s.get("output") or ()), tuple(s.get("died") or ()), s.get("time", 0.0))
             for s in v["steps"]]
    head = [f"[{i}] {v['title']}" + ("   (timing-dependent)" if v.get("timing") == "untimed-only" else "")]
    if v.get("assumption"):
        head.append(f"    timing: {v['assumption']}")
    return [*head, *step_lines(steps), f"    why: {v['explanation']}", f"    replay: {replay}"]


def run_report(r) -> str:
    lines = [f"mpsim run {r.model} --schedule '{r.schedule}'", ""]
    lines.extend(step_lines(r.steps))
    lines.append("")
    ends = {"finished": "the program finished", "deadlock": "deadlock: no process can move",
            "continues": "the schedule ended; the program could go on"}
    lines.append(f"outcome: {ends[r.outcome]}")
    codes = ", ".join(f"{k} {'running' if c is None else c}" for k, c in r.exit_codes.items())
    lines.append(f"exit codes: {codes}")
    if r.final_state:
        lines.append("final state:")
        lines.extend(f"  {name}: {desc}" for name, desc in r.final_state)
    return "\n".join(lines) + "\n"
