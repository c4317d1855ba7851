"""The Python API: ``check`` explores a model, ``run`` follows one schedule.  The CLI wraps these."""
from __future__ import annotations

import re
import signal
import os
import sys
import time
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

from . import schedule as schedules
from .errors import ModelUsage
from .explore import Search
from .findings import assumption, build
from .i18n import _, render
from .outputs import optional_lines
from .report import stop_reason_text
from .search.strategies import AUTO_STATES, make, searcher
from .session import Session
from .trace import blocked_steps, final_states, follow, readable

ORDER = {"deadlock": 0, "exception": 1, "exit": 2, "nontermination": 3}
SCHEMA = "mpsim-report/2"  # the "schema" field of every JSON object mpsim prints


@dataclass
class Result:
    model: str
    argv: list
    strategy: str
    budgets: dict
    complete: bool
    stop_reason: str
    states: int
    transitions: int
    elapsed_s: float
    violations: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    information: list = field(default_factory=list)  # [{"processes", "line", "schedule"}]
    search: Search | None = None
    timing: str = "timed"  # the search's rules: "timed" (one clock) or "untimed" (--untimed)
    untimed: dict | None = None  # the untimed search beside a timed one: what it covered
    covered: str = ""  # a search cut short: what it did cover ("every run of at most 12 steps")
    interrupted: int | None = None  # the signal that stopped the search (Ctrl-C, SIGTERM)

    @property
    def graph(self):
        from .graph import state_graph
        return state_graph(self.search, self.violations)

    @property
    def exit_code(self) -> int:
        if self.interrupted is not None:
            return 128 + self.interrupted  # as a shell reports a process the signal stopped
        if self.violations:
            return 1
        return 0 if self.complete else 3

    def to_json(self) -> dict:
        return {"schema": SCHEMA, "model": self.model, "argv": self.argv, "complete": self.complete,
                "stop_reason": self.stop_reason, "states": self.states,
                "transitions": self.transitions, "elapsed_s": round(self.elapsed_s, 3),
                "covered": self.covered or None,
                "timing": self.timing, "untimed_search": self.untimed,
                "violations": [v.to_json() for v in self.violations], "notes": self.notes,
                "information": self.information,
                "interrupted": signal.Signals(self.interrupted).name if self.interrupted else None}


class Progress(NamedTuple):
    """How far a running check has got: ``check(on_progress=...)`` receives one about every second
    (the first after two).  ``str()`` of it is the line the ``progress`` callback receives."""

    states: int
    transitions: int
    depth: int  # the depth of the next state to explore
    frontier: int  # states found but not explored yet
    elapsed_s: float

    def __str__(self):
        return (f"mpsim: {self.states:,} states, {self.transitions:,} transitions, depth {self.depth}, "
                f"{self.frontier:,} to explore, {self.elapsed_s:.1f} s")


_PROGRESS_LINE = re.compile(r"mpsim: ([\d,]+) states, ([\d,]+) transitions, depth (\d+), "
                            r"([\d,]+) to explore, ([\d.]+) s")


def _progress(progress, on_progress):
    """The search reports a text line: ``progress`` gets it as it is, ``on_progress`` as fields
    (read back from the line, until the search reports the fields itself)."""
    if on_progress is None:
        return progress

    def report(line):
        if progress is not None:
            progress(line)
        m = _PROGRESS_LINE.fullmatch(line)
        if m:
            n = [int(g.replace(",", "")) for g in m.groups()[:4]]
            on_progress(Progress(*n, float(m.group(5))))
    return report


@dataclass
class Run:
    """One schedule followed: its trace, and how it ended."""

    model: str
    schedule: str
    steps: list
    outcome: str  # "finished" | "deadlock" | "continues"
    final_state: list
    exit_codes: dict


_SESSIONS: OrderedDict = OrderedDict()  # the last sessions, kept for their memo of local steps
_KEEP = 8


@contextmanager
def _session(path, argv, start_method, **options):
    """A session whose simulated processes are all gone when it ends, whatever happened.

    The session (what mpsim learned of the model's processes: every local step it ran) is kept
    for the next call on the same model, arguments and options while the model's files do not
    change - so ``run`` after ``check`` answers from memory."""
    key = _session_key(path, argv, start_method, options)
    session = _SESSIONS.pop(key, None) if key is not None else None
    if session is None:
        session = Session(path, argv, start_method, **options)
    try:
        yield session
    finally:
        session.close()
        if key is not None:
            _SESSIONS[key] = session
            while len(_SESSIONS) > _KEEP:
                _SESSIONS.popitem(last=False)


def _session_key(path, argv, start_method, options):
    """What decides a session's memo: the model, its arguments and options, and the state of
    every Python file under the model's folder (None: too many files to watch)."""
    directory = os.path.dirname(os.path.abspath(path))
    stamps = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in ("__pycache__", "site-packages")]
        for name in files:
            if name.endswith(".py"):
                try:
                    st = os.stat(os.path.join(root, name))
                except OSError:
                    continue
                stamps.append((root, name, st.st_mtime_ns, st.st_size))
        if len(stamps) > 500:
            return None
    return (path, os.path.abspath(path), tuple(argv), start_method, tuple(sorted(options.items())),
            tuple(sorted(stamps)), os.getcwd())


UNTIMED_STATES = 50_000  # the default budget of the untimed search beside a timed one


def check(path, argv=(), *, strategy="bfs", max_states=None, max_depth=None, time_limit=None,
          start_method=None, progress=None, on_progress=None, audit_merges=False,
          merging=True, untimed=False, untimed_states=UNTIMED_STATES, stop_at_first=False,
          max_preemptions=None, runs=None, pct_depth=None, seed=None, step_limit=None,
          started=None) -> Result:
    """Explore every interleaving of the model's processes and collect what goes wrong.

    Time is the simulated machine's one clock: operations take none, a timeout expires when
    the clock reaches it, and the clock jumps to the next deadline when nothing else can happen.
    When a timeout or a sleep had to wait for its time while other processes moved, a second,
    untimed search (every timeout may expire as soon as its operation would wait, as under heavy
    load) looks for the findings that exist only so, with its own budget (``untimed_states``
    states; 0: none): they are labelled ``timing="untimed-only"`` with the assumption they need.
    ``untimed=True``: the untimed search only.

    While it runs, ``progress`` is called with a line of text and ``on_progress`` with a
    ``Progress`` (states, transitions, depth, frontier, elapsed_s) about every second.
    ``audit_merges``: check every merge of two histories into one local state by running both
    (``MergeUnsound`` if they differ).  ``merging=False``: never merge (a diagnostic).
    ``step_limit``: seconds a process may run its own code without reaching an operation before
    it counts as running for ever there (default ``search.local.STEP_TIMEOUT``).  ``started``:
    the ``time.monotonic()`` from which ``time_limit`` counts (default: this call).

    ``strategy``: "bfs" (each finding with its shortest run), "dfs", "preemption" (the runs with
    the fewest preemptions first; ``max_preemptions`` bounds them), "pct" (``runs`` random runs
    under random priorities, for bugs of depth ``pct_depth``, ``seed``) or "auto" (breadth-first within
    the budget - ``AUTO_STATES`` states if none is given - then, if that was not enough,
    preemption-bounded with the same budget).  ``stop_at_first``: stop at the first finding
    (breadth-first: a shortest one)."""
    report = _progress(progress, on_progress)
    if strategy != "auto":
        searcher(strategy)  # an unknown strategy fails before anything runs
    plan = ["bfs", "preemption"] if strategy == "auto" else [strategy]
    if strategy == "auto" and max_states is None and time_limit is None:
        max_states = AUTO_STATES
    left = time_limit
    if time_limit is not None and started is not None:
        left = max(0.001, time_limit - (time.monotonic() - started))
    phase_time = None if left is None else left / len(plan)
    with _session(path, argv, start_method, merging=merging, audit=audit_merges,
                  step_limit=step_limit) as session:
        options = dict(max_preemptions=max_preemptions, runs=runs, pct_depth=pct_depth, seed=seed)
        searches = []
        for name in plan:
            search = make(session, name, max_states, max_depth, phase_time, report, not untimed,
                          stop_at_first, **options).run()
            searches.append(search)
            _refused_arguments(search, path, argv)
            if search.complete or search.interrupted or search.stop_reason.startswith(
                    ("first", "depth")):
                break
        found = _found(searches)
        violations = [build(s, f) for s, f in found]
        information = [{"processes": [session.name(p) for p in d.processes], "line": d.line,
                        "schedule": schedules.encode(d.choices, not untimed and not d.early),
                        "timing": "untimed-only" if d.early else "any",
                        "assumption": assumption(session, d.early) if d.early else None}
                       for d in optional_lines(search)]
        stress = None
        if not untimed and search.rules.deferred and untimed_states and not (
                stop_at_first and violations) and not search.interrupted:
            stress = _untimed_search(session, search, max_states, max_depth, left, report,
                                     untimed_states, options)
            violations += [build(stress, f) for f in _new_findings(search, stress)]
    notes = []
    if len(searches) > 1:
        first = searches[0]
        notes.append(_("The exhaustive search stopped at its {reason}, having explored {covered}; "
                       "a preemption-bounded search followed").format(
            reason=stop_reason_text(first.stop_reason), covered=first.covered) + (
            _(" and covered {covered}.").format(covered=search.covered) if search.covered
            else _(".")))
    if not search.complete:
        notes.append(_("The search was cut short, so non-termination was not checked and other "
                       "problems may exist beyond what was explored") + (
            _(": it covered {covered}.").format(covered=search.covered) if search.covered
            else _(".")))
    for cut in (search, stress):
        if cut is not None and cut.cut_running is not None:
            notes.append(_running_note(session, *cut.cut_running))
    if stress is not None:
        notes.append(_untimed_note(stress))
    notes += _draw_notes(session)
    unmerged = _unmerged(search)
    if unmerged:
        whats = ", ".join(f"{render(what, session.name)} ({n})"
                          for what, n in sorted(unmerged.items(), key=lambda x: -x[1])[:5])
        notes.append(_("{n} local state(s) held something mpsim cannot compare exactly, so they "
                       "were never merged with others: {whats}.").format(
            n=sum(unmerged.values()), whats=whats))
    return Result(path, list(argv), strategy, {"max_states": max_states, "max_depth": max_depth,
                                               "time_limit": time_limit},
                  search.complete, search.stop_reason, len(search.worlds), len(search.edges),
                  sum(s.elapsed for s in searches), violations, notes, information, search,
                  "untimed" if untimed else "timed", _summary(stress), search.covered,
                  next((c.interrupted.signum for c in (search, stress)
                        if c is not None and c.interrupted is not None), None))


def _refused_arguments(search, path, argv):
    """``ModelUsage`` when the main process exited with a non-zero status (``sys.exit``, not an
    uncaught exception) before any operation: the model refused its arguments."""
    if search.edges or 0 in search.raised_in:
        return
    world, first = search.rules.initial()
    code = world.procs[0].exitcode
    if code in (None, 0) or len(world.procs) > 1:
        return
    said = "".join(text for _who, seg in first.segments for _, text in seg.out).strip()
    words = " ".join([path, *(["--", *argv] if argv else [])])
    raise ModelUsage(_("{model}: the model exited with status {code} at start-up, before any "
                       "operation{said}").format(model=words, code=code,
                                                 said=": " + said if said else ""))


def _found(searches) -> list:
    """(search, finding) for each distinct finding, the first search's where several made it."""
    found = {}
    for search in searches:
        for sig, f in search.found.items():
            found.setdefault(sig, (search, f))
    return sorted(found.values(), key=lambda sf: (ORDER[sf[1].kind], sf[0].depth[sf[1].node]))


def _untimed_search(session, search, max_states, max_depth, time_limit, report, states, options):
    """The untimed search beside a timed one: within ``states`` (and what is left of the time)."""
    limit = states if max_states is None else min(states, max_states)
    left = None if time_limit is None else max(0.0, time_limit - search.elapsed)
    return make(session, search.strategy, limit, max_depth, left, report, False, False,
                **options).run()


def _new_findings(search, stress) -> list:
    """The untimed search's findings that the timed one did not make."""
    new = [f for sig, f in stress.found.items() if sig not in search.found]
    return sorted(new, key=lambda f: (ORDER[f.kind], stress.depth[f.node]))


def _summary(stress) -> dict | None:
    if stress is None:
        return None
    return {"complete": stress.complete, "stop_reason": stress.stop_reason,
            "states": len(stress.worlds), "transitions": len(stress.edges),
            "elapsed_s": round(stress.elapsed, 3)}


def _running_note(session, ident, loc, seconds) -> str:
    where = f" at {session.model.shown(loc[0])}:{loc[1]}" if loc else ""
    return (f"{session.name(ident)} was running its own code{where} when the time limit came: it "
            f"had reached no operation for {seconds:.1f} s.")


def _untimed_note(stress) -> str:
    covered = _("{n} states").format(n=f"{len(stress.worlds):,}")
    if not stress.complete:
        covered = _("{n} states, stopped at its {reason}").format(
            n=f"{len(stress.worlds):,}", reason=stop_reason_text(stress.stop_reason))
    note = _("Timeouts and sleeps here wait for their time while other processes move; an untimed "
             "search (any timeout may expire at once, as under heavy load) looked for findings "
             "that need such timing ({covered})").format(covered=covered)
    return note + (_(".") if stress.complete else
                   _(": findings of that kind beyond it were not looked for."))


def _draw_notes(session) -> list:
    notes = []
    for (what, loc), idents in sorted(session.draws.items(), key=lambda d: (d[0][1], d[0][0])):
        where = f"{session.model.shown(loc[0])}:{loc[1]}" if loc[1] else _("its start-up")
        who = ", ".join(sorted(session.name(i) for i in idents))
        if what == "a set of strings":
            notes.append(_("{who} holds a set of strings at {where}: its iteration order depends "
                           "on the string hash seed, which CPython draws for every spawned "
                           "process; mpsim explored seed 0 (PYTHONHASHSEED=0) only.").format(
                who=who, where=where))
        else:
            notes.append(_("{what}() at {where} ({who}) draws a value CPython takes from the OS, "
                           "different in every run; mpsim explored one such value. Draws among a "
                           "few values (choice, randint...) are explored in full.").format(
                what=what, where=where, who=who))
    return notes


def _unmerged(search) -> dict:
    """reason -> how many local states of the explored worlds were never merged, and why."""
    info = search.session.locals.info
    keys = {e.key for w in search.worlds for e in w.procs}
    counts = {}
    for k in keys:
        why = info[k].why
        if why is not None:
            counts[why] = counts.get(why, 0) + 1
    return counts


def run(path, schedule: str, argv=(), *, start_method=None) -> Run:
    """Follow one schedule and return its trace (the same trace ``check`` reported for it)."""
    choices, timed = schedules.decode(schedule)
    with _session(path, argv, start_method) as session:
        search = Search(session, timed=timed)
        steps, world = follow(search.rules, choices)
        trace = readable(session, steps, fold=True)
        moves = search.rules.moves(world)
        unfinished = [e for e in world.procs if e.exitcode is None]
        if not unfinished:
            outcome = "finished"
        elif not moves:
            outcome = "deadlock"
            trace += blocked_steps(search.rules, world, trace[-1].time)
        else:
            outcome = "continues"
        finals = final_states(session, world, steps)
        codes = {session.name(e.ident): e.exitcode for e in world.procs}
    return Run(path, schedules.encode(choices, timed), trace, outcome, finals, codes)


