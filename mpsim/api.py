"""The Python API: ``check`` explores a model, ``run`` follows one schedule.  The CLI wraps these."""
from __future__ import annotations

import re
import signal
import os
import sys
import time
from collections import OrderedDict
from contextlib import contextmanager
import dataclasses
from dataclasses import dataclass, field
from typing import NamedTuple

from . import outcomes, races
from . import schedule as schedules
from . import startmethods
from .errors import ModelUsage, ScheduleError
from .deepest import stuck_loop
from .explore import Found, Search
from .find import find as find_text
from .search.strategies import AUTO_STATES, make, searcher
from .findings import assumption, build, schedule_of
from .i18n import _, render
from .outputs import optional_lines
from .report import stop_reason_text
from .session import Session
from .trace import blocked_steps, final_states, follow, readable

ORDER = {"deadlock": 0, "exception": 1, "race": 2, "exit": 3, "nontermination": 4}
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
    search: Search | None = None  # the search under the first start method
    timing: str = "timed"  # the search's rules: "timed" (one clock) or "untimed" (--untimed)
    untimed: dict | None = None  # the untimed searches beside the timed ones: what they covered
    searches: list = field(default_factory=list)  # MethodSearch per start method searched
    start_method: str | None = None  # the one start method asked for (start_method=...)
    covered: str = ""  # a search cut short: what it did cover ("every run of at most 12 steps")
    outcomes: dict | None = None  # the possible outcomes (outcomes.to_json)
    found: object = None  # find.Answer: check(find=TEXT)
    interrupted: int | None = None  # the signal that stopped the search (Ctrl-C, SIGTERM)

    @property
    def graph(self):
        from .graph import result_graph
        return result_graph(self)

    @property
    def exit_code(self) -> int:
        if self.interrupted is not None:
            return 128 + self.interrupted  # as a shell reports a process the signal stopped
        if self.violations:
            return 1
        return 0 if self.complete else 3

    @property
    def start_methods(self) -> list:
        """The start methods searched under, in order."""
        return [r.method for r in self.searches]

    def to_json(self) -> dict:
        return {"schema": SCHEMA, "model": self.model, "argv": self.argv, "complete": self.complete,
                "stop_reason": self.stop_reason, "states": self.states,
                "transitions": self.transitions, "elapsed_s": round(self.elapsed_s, 3),
                "covered": self.covered or None,
                "timing": self.timing, "untimed_search": self.untimed,
                "start_method": self.start_method,
                "searches": [r.to_json() for r in self.searches],
                "violations": [v.to_json() for v in self.violations], "notes": self.notes,
                "information": self.information, "outcomes": self.outcomes,
                **({"find": self.found.to_json()} if self.found is not None else {}),
                "interrupted": signal.Signals(self.interrupted).name if self.interrupted else None}


@dataclass
class MethodSearch:
    """The search under one default start method (the last of its ``phases``: auto's
    breadth-first then preemption-bounded searches, or the one strategy's), and the untimed search
    beside it.  A method whose searches would repeat an earlier method's (the program never asked
    for the default start method there) shares them: ``same_as`` names that method."""

    method: str
    search: Search
    stress: Search | None = None
    same_as: str | None = None
    phases: list = field(default_factory=list)

    @property
    def asked(self) -> bool:
        """Some step of these searches depended on the default start method."""
        return any(s.asked for s in [*self.phases, self.search, self.stress] if s is not None)

    def to_json(self) -> dict:
        s = self.search
        return {"start_method": self.method, "same_as": self.same_as, "complete": s.complete,
                "stop_reason": s.stop_reason, "covered": s.covered or None,
                "states": len(s.worlds), "transitions": len(s.edges),
                "elapsed_s": round(sum(p.elapsed for p in self.phases or [s]), 3),
                "untimed_search": _summary(self.stress)}


class Progress(NamedTuple):
    """How far a running check has got: ``check(on_progress=...)`` receives one about every second
    (the first after two).  ``str()`` of it is the line the ``progress`` callback receives."""

    states: int
    transitions: int
    depth: int  # the depth of the next state to explore
    frontier: int  # states found but not explored yet
    elapsed_s: float

    start_method: str | None = None  # the search's start method, when several are searched

    def __str__(self):
        return (f"mpsim: {self.states:,} states, {self.transitions:,} transitions, depth {self.depth}, "
                f"{self.frontier:,} to explore, {self.elapsed_s:.1f} s"
                + (f" (under {self.start_method})" if self.start_method else ""))


_PROGRESS_LINE = re.compile(r"mpsim: ([\d,]+) states, ([\d,]+) transitions, depth (\d+), "
                            r"([\d,]+) to explore, ([\d.]+) s(?: \(under (\w+)\))?")


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
            on_progress(Progress(*n, float(m.group(5)), m.group(6)))
    return report


def _under(report, method):
    """The progress lines of the search under ``method`` (when several are searched) say so."""
    if report is None or method is None:
        return report
    return lambda line: report(f"{line} (under {method})")


@dataclass
class Run:
    """One schedule followed: its trace, and how it ended."""

    model: str
    schedule: str
    steps: list
    outcome: str  # "finished" | "deadlock" | "continues"
    final_state: list
    exit_codes: dict
    start_method: str = startmethods.FALLBACK  # the default start method it was followed under


_SESSIONS: OrderedDict = OrderedDict()  # the last sessions, kept for their memo of local steps
_KEEP = 8


@contextmanager
def _session(path, argv, **options):
    """A session whose simulated processes are all gone when it ends, whatever happened.

    The session (what mpsim learned of the model's processes: every local step it ran, under
    every start method) is kept for the next call on the same model, arguments and options
    while the model's files do not change - so ``run`` after ``check`` answers from memory."""
    key = _session_key(path, argv, options)
    session = _SESSIONS.pop(key, None) if key is not None else None
    if session is None:
        session = Session(path, argv, **options)
    try:
        yield session
    finally:
        session.close()
        if key is not None:
            _SESSIONS[key] = session
            while len(_SESSIONS) > _KEEP:
                _SESSIONS.popitem(last=False)


@contextmanager
def _running(session, workers, dask):
    """The session's steps run ``workers`` at a time, or on the Dask cluster ``dask``, for one
    check."""
    locals_ = session.locals
    if dask is not None:
        from .search.remote import DaskSteps
        locals_.remote = DaskSteps(dask, session)
    locals_.workers = workers
    try:
        yield
    finally:
        remote, locals_.remote, locals_.workers = locals_.remote, None, 1
        if remote is not None:
            remote.close()


def _session_key(path, argv, options):
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
    return (path, os.path.abspath(path), tuple(argv), tuple(sorted(options.items())),
            tuple(sorted(stamps)), os.getcwd())


UNTIMED_STATES = 50_000  # the default budget of the untimed search beside a timed one


def check(path, argv=(), *, strategy="bfs", max_states=None, max_depth=None, time_limit=None,
          start_method=None, start_methods=None, platform=None, python=None, progress=None,
          on_progress=None, audit_merges=False, merging=True, untimed=False,
          untimed_states=UNTIMED_STATES, stop_at_first=False, max_preemptions=None, runs=None,
          pct_depth=None, seed=None, piped=False, find=None, step_limit=None,
          started=None, workers=1, dask=None, reduce=True) -> Result:
    """Explore every interleaving of the model's processes and collect what goes wrong.

    Start methods: a program that does not choose its own start method gets the platform's
    default, so the search runs under each default CPython could give it - ``fork``, ``spawn``
    and ``forkserver`` - unless ``start_method`` (one) or ``start_methods`` (several) names
    them, or ``platform`` ("linux", "macos", "windows") and/or ``python`` ("3.11"..."3.14") pick
    the defaults of those.  The searches share every step taken before the program asks which
    method it has; a method under which it never asks is not searched again (its results are
    the first one's).  ``workers``: run up to that many simulated processes' steps at once (on
    this machine's cores); ``dask``: run them on the workers of a Dask cluster instead (its
    scheduler's address, or a ``distributed.Client``).  Either way the search explores the same
    states and reports the same findings (``search/remote.py``).  Findings are merged: each violation lists the ``start_methods`` it was
    found under, and its trace and schedule are those of ``start_method``.  ``max_states`` and
    ``max_depth`` bound each method's search; ``time_limit`` and ``untimed_states`` the whole
    check (shared out between the methods still to search).

    Time is the simulated machine's one clock: operations take none, a timeout expires when
    the clock reaches it, and the clock jumps to the next deadline when nothing else can happen.
    When a timeout or a sleep had to wait for its time while other processes moved, a second,
    untimed search (every timeout may expire as soon as its operation would wait, as under heavy
    load) looks for the findings that exist only so, with its own budget (``untimed_states``
    states; 0: none): they are labelled ``timing="untimed-only"`` with the assumption they need.
    ``untimed=True``: the untimed search only.

    While it runs, ``progress`` is called with a line of text and ``on_progress`` with a
    ``Progress`` (states, transitions, depth, frontier, elapsed_s, start_method) about every
    second.  ``audit_merges``: check every merge of two histories into one local state by running
    both (``MergeUnsound`` if they differ).  ``merging=False``: never merge (a diagnostic).
    ``step_limit``: seconds a process may run its own code without reaching an operation before
    it counts as running for ever there (default ``search.local.STEP_TIMEOUT``).  ``started``:
    the ``time.monotonic()`` from which ``time_limit`` counts (default: this call).  A search
    that ``errors.Interrupted`` stops (Ctrl-C, SIGTERM in the command) reports what it explored;
    the start methods after it are not searched.

    ``strategy``: "bfs" (each finding with its shortest run), "dfs", "preemption" (the runs with
    the fewest preemptions first; ``max_preemptions`` bounds them), "pct" (``runs`` random runs
    under random priorities, for bugs of depth ``pct_depth``, ``seed``) or "auto" (breadth-first within
    the budget - ``AUTO_STATES`` states if none is given - then, if that was not enough,
    preemption-bounded with the same budget).  ``stop_at_first``: stop at the first finding
    (breadth-first: a shortest one).  ``reduce``: breadth- and depth-first searches explore a
    move no other process can tell apart from a later one alone (partial-order reduction,
    ``reduction.py``): the same findings, outcomes and information in fewer states.

    The result lists the possible outcomes (``outcomes.py``: output as a partial order and final
    values of the shared data; ``piped``: stdout is a pipe, so block-buffered) of the first start
    method's search and, with ``find=TEXT``, the shortest run under any start method that prints
    a line containing TEXT (``find.py``)."""
    methods = startmethods.resolve(start_method, start_methods, platform, python)
    report = _progress(progress, on_progress)
    if strategy != "auto":
        searcher(strategy)  # an unknown strategy fails before anything runs
    plan = ["bfs", "preemption"] if strategy == "auto" else [strategy]
    if strategy == "auto" and max_states is None and time_limit is None:
        max_states = AUTO_STATES
    options = dict(max_preemptions=max_preemptions, runs=runs, pct_depth=pct_depth, seed=seed,
                   reduce=None if reduce else False)
    if not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive whole number (got {workers!r})")
    if dask is not None and audit_merges:
        raise ValueError("audit_merges runs both histories of a merge here: not with dask")
    t0 = time.monotonic() if started is None else started
    with _session(path, argv, merging=merging, audit=audit_merges,
                  step_limit=step_limit) as session, _running(session, workers, dask):
        done = []
        for i, method in enumerate(methods):
            same = next((r for r in done if r.same_as is None and not r.asked), None)
            if same is not None:
                done.append(MethodSearch(method, same.search, same.stress, same.method, same.phases))
                continue
            left = None if time_limit is None else \
                max(0.0, time_limit - (time.monotonic() - t0)) / (len(methods) - i)
            stress_left = untimed_states - sum(len(r.stress.worlds) for r in done
                                               if r.stress is not None and r.same_as is None)
            stress_share = max(1, stress_left // (len(methods) - i)) if untimed_states else 0
            shown = _under(report, method if len(methods) > 1 else None)
            done.append(_search_under(session, method, plan, max_states, max_depth, left, shown,
                                      untimed, stress_share, stop_at_first, options))
            _refused_arguments(done[-1].phases[0], path, argv)
            if _interrupted(done[-1]) is not None:
                break
        violations = _violations(done)
        information = _information(done)
        distinct = [r for r in done if r.same_as is None]
        first = distinct[0]
        table = outcomes.to_json(outcomes.table(first.search, piped),
                                 lambda choices: schedule_of(first.search, choices))
        answer = _find(distinct, find) if find is not None else None
    several = len(done) > 1
    searches = [r.search for r in distinct]
    notes = []
    for r in distinct:
        if len(r.phases) > 1:
            first = r.phases[0]
            notes.append(_under_method(r.method, several) + _(
                "The exhaustive search stopped at its {reason}, having explored {covered}; a "
                "preemption-bounded search followed").format(
                    reason=stop_reason_text(first.stop_reason), covered=first.covered)
                + (_(" and covered {covered}.").format(covered=r.search.covered)
                   if r.search.covered else _(".")))
    cut = [r for r in distinct if not r.search.complete]
    if cut:
        covered = "; ".join(_under_method(r.method, several) + r.search.covered
                            for r in cut if r.search.covered)
        under = startmethods.names(r.method for r in cut) if several else ""
        notes.append(_under_method(under, several) + _(
            "The search was cut short, so non-termination was not checked and other problems "
            "may exist beyond what was explored")
            + (_(": it covered {covered}.").format(covered=covered) if covered else _(".")))
    for r in cut:
        loop = stuck_loop(r.search, path, argv)
        if loop:
            notes.append(_under_method(r.method, several) + loop)
    for r in distinct:
        for s in (*r.phases, r.stress):
            if s is not None and s.cut_running is not None:
                notes.append(_running_note(session, *s.cut_running))
    stresses = [(r.method, r.stress) for r in distinct if r.stress is not None]
    if stresses:
        notes.append(_untimed_note(stresses, several))
    notes += _draw_notes(session)
    unmerged = _unmerged(searches)
    if unmerged:
        whats = ", ".join(f"{render(what, session.name)} ({n})"
                          for what, n in sorted(unmerged.items(), key=lambda x: -x[1])[:5])
        notes.append(_("{n} local state(s) held something mpsim cannot compare exactly, so they "
                       "were never merged with others: {whats}.").format(
            n=sum(unmerged.values()), whats=whats))
    first_cut = next((s for s in searches if not s.complete), None)
    return Result(path, list(argv), strategy, {"max_states": max_states, "max_depth": max_depth,
                                               "time_limit": time_limit},
                  first_cut is None, first_cut.stop_reason if first_cut else "complete",
                  sum(len(s.worlds) for s in searches), sum(len(s.edges) for s in searches),
                  sum(p.elapsed for r in distinct for p in r.phases), violations, notes,
                  information, done[0].search, "untimed" if untimed else "timed",
                  _summaries([st for _, st in stresses]), done,
                  methods[0] if len(methods) == 1 and (start_method or start_methods) else None,
                  first_cut.covered if first_cut else "", table, answer,
                  next((i for i in map(_interrupted, distinct) if i is not None), None))


def _find(runs, text):
    """The shortest run under any start method that prints a line containing ``text``."""
    answers = [find_text(r.search, text) for r in runs]
    hits = [a for a in answers if a.found]
    if hits:
        return min(hits, key=lambda a: a.printed_at)
    return dataclasses.replace(answers[0], complete=all(a.complete for a in answers))


def _interrupted(r) -> int | None:
    """The signal that interrupted one of a start method's searches, if one did."""
    return next((s.interrupted.signum for s in (*r.phases, r.stress)
                 if s is not None and s.interrupted is not None), None)


def _running_note(session, ident, loc, seconds) -> str:
    where = f" at {session.model.shown(loc[0])}:{loc[1]}" if loc else ""
    return (f"{session.name(ident)} was running its own code{where} when the time limit came: it "
            f"had reached no operation for {seconds:.1f} s.")


def _under_method(method, several) -> str:
    """What a note says first when it is about some of several start methods."""
    return _("Under {method}: ").format(method=method) if several else ""


def _search_under(session, method, plan, max_states, max_depth, time_limit, report, untimed,
                  untimed_states, stop_at_first, options) -> MethodSearch:
    """The searches of ``plan`` (one strategy, or auto's two) under one default start method,
    and the untimed search beside the last when timeouts waited for their time."""
    phase_time = None if time_limit is None else time_limit / len(plan)
    phases = []
    for name in plan:
        search = make(session, name, max_states, max_depth, phase_time, report, not untimed,
                      stop_at_first, method, **options).run()
        phases.append(search)
        if search.complete or search.interrupted or search.stop_reason.startswith(
                ("first", "depth")):
            break
    stress = None
    if not untimed and search.rules.deferred and untimed_states and not (
            stop_at_first and any(p.found for p in phases)) and not search.interrupted:
        stress = _untimed_search(session, search, max_states, max_depth, time_limit, report,
                                 untimed_states, options)
    return MethodSearch(method, search, stress, phases=phases)


def _violations(runs) -> list:
    """Each distinct finding once, with the start methods it was found under: its trace is the
    shortest of them (the first method's, of equal ones; of a method's phases, the first's).
    Findings that need unusual timing (the untimed searches') come after the others."""
    groups = {}  # (signature, timing) -> [(run, search, Found)]
    for r in runs:
        if r.same_as is not None:
            continue
        mine = {}
        for search in r.phases:
            for sig, f in search.found.items():
                mine.setdefault(sig, (search, f))
        for sig, (search, f) in mine.items():
            groups.setdefault((sig, "any"), []).append((r, search, f))
        if r.stress is not None:
            for f in _new_findings(r.search, r.stress):
                groups.setdefault((f.signature, "untimed-only"), []).append((r, r.stress, f))
        raced = set()
        for search in r.phases:  # races: found on each search's graph (races.py)
            for sig, v in races.violations(search, raced):
                raced.add(sig)
                groups.setdefault((sig, "any"), []).append((r, search, v))
        if r.stress is not None:
            for sig, v in races.violations(r.stress, raced):
                groups.setdefault((sig, "untimed-only"), []).append((r, r.stress, v))
    order = [r.method for r in runs]
    picked = []
    for (_, timing), members in groups.items():
        r, search, f = min(members, key=lambda m: (_length(m[1], m[2]), order.index(m[0].method)))
        found_under = {m[0].method for m in members}
        found_under |= {x.method for x in runs if x.same_as in found_under}
        v = build(search, f) if isinstance(f, Found) else f
        v.start_methods = [m for m in order if m in found_under]
        v.start_method = r.method
        picked.append(((timing != "any", ORDER[v.kind], _length(search, f),
                        order.index(r.method)), v))
    picked.sort(key=lambda p: p[0])
    return [v for _, v in picked]


def _length(search, f) -> int:
    """How far into the search a finding (a Found, or a race's Violation) is."""
    return search.depth[f.node] if isinstance(f, Found) else len(f.choices)


def _information(runs) -> list:
    """Lines some runs never print, under each start method, merged (the first method's run)."""
    order = [r.method for r in runs]
    merged = {}
    for r in runs:
        if r.same_as is not None:
            continue
        search = r.search
        session = search.session
        method = r.method if search.asked else None
        for d in optional_lines(search):
            names = [session.name(p) for p in d.processes]
            info = merged.setdefault((tuple(names), d.line), {
                "processes": names, "line": d.line,
                "schedule": schedules.encode(d.choices, search.rules.timed and not d.early, method),
                "timing": "untimed-only" if d.early else "any",
                "assumption": assumption(session, d.early) if d.early else None,
                "start_methods": []})
            info["start_methods"] += [x.method for x in runs if r.method in (x.method, x.same_as)]
    for info in merged.values():
        info["start_methods"] = [m for m in order if m in info["start_methods"]]
    return list(merged.values())


def _refused_arguments(search, path, argv):
    """``ModelUsage`` when the main process exited with a non-zero status (``sys.exit``, not an
    uncaught exception) before any operation: the model refused its arguments."""
    if search.edges or 0 in search.raised_in or not search.complete:
        return  # (a search cut short at the start has not seen the program end)
    world, first = search.rules.initial()
    code = world.procs[0].exitcode
    if code in (None, 0) or len(world.procs) > 1:
        return
    said = "".join(text for _who, seg in first.segments for _, text in seg.out).strip()
    words = " ".join([path, *(["--", *argv] if argv else [])])
    raise ModelUsage(_("{model}: the model exited with status {code} at start-up, before any "
                       "operation{said}").format(model=words, code=code,
                                                 said=": " + said if said else ""))


def _untimed_search(session, search, max_states, max_depth, time_limit, report, states, options):
    """The untimed search beside a timed one: within ``states`` (and what is left of the time)."""
    limit = states if max_states is None else min(states, max_states)
    left = None if time_limit is None else max(0.0, time_limit - search.elapsed)
    return make(session, search.strategy, limit, max_depth, left, report, False, False,
                search.method, **options).run()


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


def _summaries(stresses) -> dict | None:
    """What the untimed searches covered together (None: none ran)."""
    if not stresses:
        return None
    cut = next((s for s in stresses if not s.complete), None)
    return {"complete": cut is None, "stop_reason": cut.stop_reason if cut else "complete",
            "states": sum(len(s.worlds) for s in stresses),
            "transitions": sum(len(s.edges) for s in stresses),
            "elapsed_s": round(sum(s.elapsed for s in stresses), 3)}


def _untimed_note(stresses, several) -> str:
    def covered(method, stress):
        n = f"{len(stress.worlds):,}"
        text = _("{n} states").format(n=n) if stress.complete else _(
            "{n} states, stopped at its {reason}").format(
                n=n, reason=stop_reason_text(stress.stop_reason))
        return f"{method}: {text}" if several else text
    complete = all(st.complete for _m, st in stresses)
    note = _("Timeouts and sleeps here wait for their time while other processes move; an untimed "
             "search (any timeout may expire at once, as under heavy load) looked for findings "
             "that need such timing ({covered})").format(
                 covered="; ".join(covered(m, st) for m, st in stresses))
    return note + (_(".") if complete else
                   _(": findings of that kind beyond it were not looked for."))


def _draw_notes(session) -> list:
    notes = []
    for (what, loc), idents in sorted(session.draws.items(), key=lambda d: (d[0][1], d[0][0])):
        where = f"{session.model.shown(loc[0])}:{loc[1]}" if loc[1] else _("its start-up")
        who = ", ".join(sorted(session.name(i) for i in idents))
        if what == "a set of strings":
            notes.append(_("{who} holds a set of strings at {where}: its iteration order depends "
                           "on the string hash seed, which CPython draws for every process "
                           "started by spawn (by forkserver: one for the server and all its "
                           "children); mpsim explored seed 0 (PYTHONHASHSEED=0) only.").format(
                who=who, where=where))
        else:
            notes.append(_("{what}() at {where} ({who}) draws a value CPython takes from the OS, "
                           "different in every run; mpsim explored one such value. Draws among a "
                           "few values (choice, randint...) are explored in full.").format(
                what=what, where=where, who=who))
    return notes


def _unmerged(searches) -> dict:
    """reason -> how many local states of the explored worlds were never merged, and why."""
    if not searches:
        return {}
    info = searches[0].session.locals.info
    keys = set()
    for search in searches:
        worlds = search.worlds
        numbers = set()
        for s in range(len(worlds)):
            numbers.update(worlds.entries(s))
        entry = worlds.parts.parts
        keys.update(entry[n].key for n in numbers)
    counts = {}
    for k in keys:
        why = info[k].why
        if why is not None:
            counts[why] = counts.get(why, 0) + 1
    return counts


def run(path, schedule: str, argv=(), *, start_method=None) -> Run:
    """Follow one schedule and return its trace (the same trace ``check`` reported for it),
    under the default start method the schedule names (``start_method``, if given, must agree;
    a schedule that names none was found where the program never asked: spawn follows it)."""
    choices, timed, named = schedules.decode(schedule)
    if start_method is not None and named is not None and start_method != named:
        raise ScheduleError(f"this schedule was found under the {named} start method, not "
                            f"{start_method}")
    method = named or start_method or startmethods.FALLBACK
    with _session(path, argv) as session, session.naming(method):
        search = Search(session, timed=timed, method=method)
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
    return Run(path, schedules.encode(choices, timed, named), trace, outcome, finals, codes, method)


