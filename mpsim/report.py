"""The text report of a check or a run, in a fixed shape a learner can scan (in the language in
use: ``i18n``)."""
from __future__ import annotations

import re
import shlex
import unicodedata
from typing import NamedTuple

from .i18n import N_, _, language, ngettext
from .search.strategies import NAMES as STRATEGY_NAMES
from .startmethods import label


def replay_command(path, argv, schedule) -> str:
    """The command that follows a schedule (which names the start method it was found under)."""
    words = ["mpsim", "run", path, "--schedule", schedule]
    if argv:
        words += ["--", *argv]
    return " ".join(shlex.quote(w) for w in words)


def json_report(result) -> dict:
    """The JSON report of a check: ``Result.to_json()``, with the replay command of each
    violation."""
    data = result.to_json()
    for v in data["violations"]:
        v["replay"] = replay_command(result.model, result.argv, v["schedule"])
    return data


def check_report(result) -> str:
    lines = [f"mpsim check {result.model}" + (f" -- {' '.join(result.argv)}" if result.argv else "")]
    budgets = ", ".join(f"{k.replace('_', '-')} {v}" for k, v in result.budgets.items() if v is not None)
    lines.append("  " + _("strategy: {strategy}; budgets: {budgets}; {methods}").format(
        strategy=_(STRATEGY_NAMES[result.strategy]), budgets=budgets or _("none"),
        methods=methods_text(result.start_methods)))
    mode = "" if result.timing == "timed" else _(" (untimed: any timeout may expire at once)")
    lines.append("  " + _("explored {states} states and {transitions} transitions in {seconds} s"
                          "{mode}: {status}").format(
        states=f"{result.states:,}", transitions=f"{result.transitions:,}",
        seconds=f"{result.elapsed_s:.2f}", mode=mode,
        status=search_status(result.complete, result.stop_reason)))
    if len(result.searches) > 1:
        lines.extend(f"    {line}" for line in method_lines(result))
    if result.covered:
        lines.append("  " + _("covered: {covered}").format(covered=stop_reason_text(result.covered)))
    u = result.untimed
    if u is not None:
        lines.append("  " + _("untimed search (timeouts may expire early): {states} states and "
                              "{transitions} transitions in {seconds} s: {status}").format(
            states=f"{u['states']:,}", transitions=f"{u['transitions']:,}",
            seconds=f"{u['elapsed_s']:.2f}", status=search_status(u["complete"], u["stop_reason"])))
    lines.append("")
    lines.append(_("{text}:").format(text=verdict(result)) if result.violations else
                 verdict(result))
    for i, v in enumerate(result.violations, 1):
        lines.append("")
        lines.extend(violation_lines(i, v, result))
    if result.information:
        lines.append("")
        lines.append(_("information (not a problem): output that some runs never print:"))
        for info in result.information:
            methods = methods_label(result, info["start_methods"])
            lines.append("  - " + _("{text}:").format(text=information_text(info) + (
                f" ({methods})" if methods else "")))
            lines.append(f"      {replay_command(result.model, result.argv, info['schedule'])}")
    table = outcome_lines(result.outcomes, lambda sched: replay_command(
        result.model, result.argv, sched))
    if table:
        lines.append("")
        lines.extend(table)
    if result.found is not None:
        lines.append("")
        lines.extend(find_lines(result.found, replay_command(
            result.model, result.argv, result.found.schedule)
            if result.found.found else None))
    for note in result.notes:
        lines.append("")
        lines.append(_("note: {note}").format(note=note))
    return "\n".join(lines) + "\n"


def outcome_lines(data, replay) -> list:
    from .outcomes import text_lines
    return text_lines(data, replay) if data else []


def find_lines(answer, replay) -> list:
    """The answer to --find TEXT."""
    text = repr(answer.text)
    if answer.found:
        return ([_("find {text}: yes - {process} prints {line} at step {step} of this run (the "
                   "shortest that prints it):").format(text=text, process=answer.process,
                                                      line=repr(answer.line), step=answer.printed_at)]
                + step_lines(answer.steps) + ["    " + _("replay: {command}").format(command=replay)])
    if answer.complete:
        return [_("find {text}: no - no run prints a line containing it (the search was complete: "
                  "every reachable state was explored).").format(text=text)]
    return [_("find {text}: not in the part explored - the search was cut short, so this proves "
              "nothing about the rest.").format(text=text)]


def search_status(complete, stop_reason) -> str:
    if complete:
        return _("complete")
    if stop_reason.startswith("interrupted"):  # errors.Interrupted.reason: Ctrl-C, SIGTERM
        return _("INCOMPLETE: {reason}").format(reason=stop_reason)
    return _("INCOMPLETE: stopped at the {reason}").format(reason=stop_reason_text(stop_reason))


# What a search says about itself (its stop reason, what it covered: English in JSON), as a
# report in another language shows it: each pattern with its message, the pattern's groups as the
# message's fields.
_SEARCH_WORDS = [
    (r"time limit \((\S+) s\)", N_("time limit ({0} s)")),
    (r"state limit \((\S+) states\)", N_("state limit ({0} states)")),
    (r"depth limit \((\S+) steps\)", N_("depth limit ({0} steps)")),
    (r"run limit \((\S+) runs\)", N_("run limit ({0} runs)")),
    (r"preemption bound \((\S+)\)", N_("preemption bound ({0})")),
    (r"first finding \(--stop-at-first\)", N_("first finding (--stop-at-first)")),
    (r"every run of at most (\S+) steps", N_("every run of at most {0} steps")),
    (r"every run of at most (\S+) steps that takes each start\(\) and first run of a child as soon "
     r"as it can \(partial-order reduction\)", N_("every run of at most {0} steps that takes each "
                                                 "start() and first run of a child as soon as it "
                                                 "can (partial-order reduction)")),
    (r"every run with at most (\S+) preemptions? \(a preemption: a process is switched out while "
     r"it could go on\)", N_("every run with at most {0} preemption(s) (a preemption: a process "
                            "is switched out while it could go on)")),
    (r"(\S+) random runs \(PCT\): a bug of depth (\S+) or less \(it needs that many orderings "
     r"between operations\) in runs of at most (\S+) steps with (\S+) processes is found with "
     r"probability at least (\S+)", N_("{0} random runs (PCT): a bug of depth {1} or less (it "
                                       "needs that many orderings between operations) in runs of "
                                       "at most {2} steps with {3} processes is found with "
                                       "probability at least {4}"))]
_SEARCH_WORDS = [(re.compile(pattern + "$"), message) for pattern, message in _SEARCH_WORDS]


def stop_reason_text(words: str) -> str:
    """A search's stop reason or what it covered, in the language in use."""
    if language() != "en":
        for pattern, message in _SEARCH_WORDS:
            m = pattern.match(words or "")
            if m:
                return _(message).format(*m.groups())
    return words


def information_text(info) -> str:
    """A line some runs never print, as the report says it (before its replay command)."""
    text = _("{line} (printed by {processes} in other runs) is not printed in this one").format(
        line=repr(info["line"]), processes=", ".join(info["processes"]))
    if info.get("assumption"):
        text = _("{text} ({assumption})").format(text=text, assumption=info["assumption"])
    return text


def verdict(result) -> str:
    if result.violations:
        n = len(result.violations)
        timing = sum(v.timing != "any" for v in result.violations)
        if timing:
            return ngettext("{n} problem found ({timing} of it only with unusual timing)",
                            "{n} problems found ({timing} of them only with unusual timing)",
                            n).format(n=n, timing=timing)
        return ngettext("{n} problem found", "{n} problems found", n).format(n=n)
    if result.complete:
        if result.untimed is not None and not result.untimed["complete"]:
            return _("No problems: every interleaving on the one clock ends without deadlock, "
                     "uncaught exception or endless loop (the untimed search was cut short: see "
                     "the note).")
        return _("No problems: every interleaving ends without deadlock, uncaught exception or "
                 "endless loop.")
    if result.interrupted is not None:
        return _("No problem found in the part explored - but the search was interrupted, so this "
                 "is not a verdict.")
    return _("No problem found in the part explored - but the search was cut short, so this is "
             "not a verdict. Raise the budget to search further.")


def methods_text(methods) -> str:
    """The start methods a check searched under, as its header says."""
    if len(methods) == 1:
        return _("start method: {method} (unless the program sets one)").format(method=methods[0])
    return _("start methods: {methods} (the defaults CPython may give a program that does not "
             "set one)").format(methods=", ".join(methods))


def method_lines(result) -> list:
    """What the search under each start method explored (one that repeated another's: which)."""
    lines = []
    for r in result.searches:
        if r.same_as is not None:
            lines.append(_("under {method}: the same as under {other} (the program never uses the "
                           "default start method)").format(method=r.method, other=r.same_as))
            continue
        s = r.search
        lines.append(_("under {method}: {states} states and {transitions} transitions in "
                       "{seconds} s: {status}").format(
            method=r.method, states=f"{len(s.worlds):,}", transitions=f"{len(s.edges):,}",
            seconds=f"{s.elapsed:.2f}", status=search_status(s.complete, s.stop_reason)))
    return lines


def methods_label(result, found, shown=None) -> str | None:
    """"only under fork (Linux's default up to Python 3.13)"; None when one method was searched."""
    return json_methods_label({"searches": [r.to_json() for r in result.searches]}, found, shown)


def json_methods_label(report: dict, found, shown=None) -> str | None:
    """``methods_label`` from a JSON report (its ``searches``)."""
    searches = report.get("searches") or []
    cut = [r["start_method"] for r in searches if not r["complete"]]
    return label(found, [r["start_method"] for r in searches], cut, shown)


def violation_lines(i, v, result) -> list:
    lines = [f"[{i}] {v.title}" + (_("   (timing-dependent)") if v.timing != "any" else "")]
    methods = methods_label(result, v.start_methods, v.start_method)
    if methods:
        lines.append("    " + _("start methods: {methods}").format(methods=methods))
    if v.assumption:
        lines.append("    " + _("timing: {assumption}").format(assumption=v.assumption))
    lines.extend(step_lines(v.steps, v.cycle_from))
    if v.final_state:
        lines.append("    " + _("final state:"))
        lines.extend(f"      {name}: {desc}" for name, desc in v.final_state)
    lines.extend(_advice_lines(v.explanation, v.fix, replay_command(
        result.model, result.argv, v.schedule)))
    return lines


def _advice_lines(why, fix, replay) -> list:
    return ["    " + _("why: {why}").format(why=why), "    " + _("fix: {fix}").format(fix=fix),
            "    " + _("replay: {command}").format(command=replay)]


def step_lines(steps, cycle_from=None) -> list:
    """The steps of a trace; with the virtual clock beside each when time passed in it."""
    width = max((columns(s.process) for s in steps), default=0)
    opw = min(max((columns(s.op) for s in steps), default=0), 44)
    locw = min(max((columns(s.location) for s in steps), default=0), 40)
    timed = any(s.time for s in steps)
    times = [clock_text(s.time) for s in steps] if timed else []
    tw = max(map(len, times), default=0)
    lines = []
    for n, s in enumerate(steps, 1):
        mark = "↻" if cycle_from is not None and n - 1 == cycle_from else " "
        when = f"{times[n - 1]:>{tw}}  " if timed else ""
        lines.append(f"  {mark}{n:>3}. {when}{pad(s.process, width)}  {pad(s.op, opw)}  "
                     f"{pad(s.location, locw)} → {s.result}".rstrip())
        for proc, stream, text in s.output:
            for line in text.rstrip("\n").split("\n"):
                if line or stream == "stdout":
                    lines.append(f"        {'!' if stream == 'stderr' else '|'} {proc}: {line}")
        for proc, err in s.died:
            lines.append("        ✗ " + _("{process} dies: {error}").format(process=proc, error=err))
    return lines


def columns(text: str) -> int:
    """How many terminal columns ``text`` takes: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    """``text`` left-aligned in ``width`` terminal columns."""
    return text + " " * max(0, width - columns(text))


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


def json_violation_lines(i, v: dict, replay: str, methods=None) -> list:
    """A violation of the JSON report as the text report shows it (without the final state,
    which the JSON report does not carry); ``methods``: the start methods it needs."""
    steps = [_JsonStep(s["process"], s["op"], s["location"], s["result"],
                       tuple(s.get("output") or ()), tuple(s.get("died") or ()), s.get("time", 0.0))
             for s in v["steps"]]
    head = [f"[{i}] {v['title']}" + (_("   (timing-dependent)") if v.get("timing", "any") != "any" else "")]
    if methods:
        head.append("    " + _("start methods: {methods}").format(methods=methods))
    if v.get("assumption"):
        head.append("    " + _("timing: {assumption}").format(assumption=v["assumption"]))
    return [*head, *step_lines(steps), *_advice_lines(v["explanation"], v.get("fix", ""), replay)]


def run_report(r) -> str:
    lines = [f"mpsim run {r.model} --schedule '{r.schedule}'", ""]
    lines.extend(step_lines(r.steps))
    lines.append("")
    ends = {"finished": N_("the program finished"), "deadlock": N_("deadlock: no process can move"),
            "continues": N_("the schedule ended; the program could go on")}
    lines.append(_("outcome: {outcome}").format(outcome=_(ends[r.outcome])))
    running = _("running")
    codes = ", ".join(f"{k} {running if c is None else c}" for k, c in r.exit_codes.items())
    lines.append(_("exit codes: {codes}").format(codes=codes))
    if r.final_state:
        lines.append(_("final state:"))
        lines.extend(f"  {name}: {desc}" for name, desc in r.final_state)
    return "\n".join(lines) + "\n"
