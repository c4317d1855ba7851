"""Exploring the world's state graph: breadth-first (shortest counterexamples) or depth-first.

States are matched on the world value (primitive states and each process's local-state key), so a
``while True`` loop becomes a cycle; they are stored compactly, as codes (``search/store.py``).
Budgets stop the search; a search cut short says what it covered and never claims there are no
problems.  Findings are collected as they are met: each
distinct one is kept with the shortest path that reaches it (breadth-first order guarantees it).
Non-termination is decided on the complete graph: states from which no run can end.
"""
from __future__ import annotations

import gc
import time
from array import array
from collections import deque
from typing import NamedTuple

from . import races
from .errors import Interrupted, MpsimError
from .outcomes import edge_record
from . import reduction
from .reduction import Dependent, Reduction
from .search.local import CutShort, Pending, Segment
from .search.store import Choices, Edges, StateSet, Worlds
from .startmethods import FALLBACK
from .world import Rules


class Found(NamedTuple):
    """A raw finding: the state it is seen in and the choices that lead there."""

    kind: str  # "deadlock" | "exception" | "exit" | "nontermination"
    node: int  # the state (for an exception or an exit: the state before the fatal move)
    last: tuple | None  # the fatal move (ident, alt) for an exception
    signature: object
    process: tuple = ()  # exception: the process that raised
    cycle: tuple = ()  # nontermination: the choices that go round the loop


class Search:
    """The explored graph: states, their shortest-path parents, and the edges between them."""

    strategies = ("bfs", "dfs")  # the orders this class explores in (a subclass: its own)

    def __init__(self, session, strategy="bfs", max_states=None, max_depth=None, time_limit=None,
                 progress=None, timed=True, stop_at_first=False, method=FALLBACK, reduce=None):
        if strategy not in self.strategies:
            raise ValueError(f"unknown strategy {strategy!r} ({' or '.join(self.strategies)})")
        self._given = dict(session=session, strategy=strategy, max_states=max_states,
                           max_depth=max_depth, time_limit=time_limit, progress=progress,
                           timed=timed, stop_at_first=stop_at_first, method=method)
        self.session = session
        self.stop_at_first = stop_at_first
        self.first_len = None  # with stop_at_first: the length of the first finding's run
        self.method = method  # the platform's default start method this search assumes
        self.rules = Rules(session, method, timed)
        # Partial-order reduction (``reduction.py``): on for the searches of this class unless
        # switched off; a subclass that explores its own way does not reduce.
        self.reduction = Reduction(self) if (reduction.REDUCE if reduce is None else reduce) and \
            type(self) is Search else None
        self.worlds = Worlds(self.rules.parts)  # the states, as codes (search/store.py)
        self.index = self.worlds.index  # World -> state, for readers holding a World
        self.strategy = strategy
        self.max_states = max_states
        self.max_depth = max_depth
        self.time_limit = time_limit
        self.progress = progress
        self.parent = array("i")
        self.via = Choices()
        self.depth = array("i")
        self.edges = Edges()  # (src, dst, ident, alt)
        self.seen_edges = set()  # the edges, for strategies that may take one move again
        self._plain = {}  # id(step) -> (step, printed lines, edge record) of the memo's moves
        self._succ = None  # ((states, transitions), successors) made last
        self._kept = {}  # edge record -> itself: equal records are kept once
        self.printed = {}  # edge index -> ((ident, line), ...) printed on that step
        self.raised = {}  # edge index -> ((ident, error line), ...) processes that died on that step
        self.raised_in = set()  # states entered by a step on which a process died (0: at start-up)
        self.records = {}  # edge index -> what the outcomes need of it (outcomes.edge_record)
        self.first = None  # the step that starts the main process (the initial state's)
        self.found = {}  # signature -> Found
        self.terminal = set()
        self.deadlocks = set()
        self.doomed = None  # states from which no run can end (known once the search is complete)
        self.deferring = set()  # states where a timed outcome waits for its deadline while others move
        self.passed = set()  # ... and where the search also let the time pass (_time_passes)
        self.complete = False
        self.stop_reason = ""
        self.covered = ""  # a search cut short: what it did cover, in the user's terms
        self.elapsed = 0.0
        self.cut_running = None  # (ident, (file, line), seconds): code the time limit stopped
        self.interrupted = None  # the errors.Interrupted that stopped the search
        self.asked = False  # a step depended on the default start method (see search/local.py)
        self.race_memo = {}  # races.racing's: which pending accesses conflict
        self.ready = {}  # state -> (its moves, whether a timed outcome waited): worked out ahead

    def run(self):
        # The search makes millions of small tuples and no cycles: the collector's young
        # generation would run every few hundred moves for nothing.
        thresholds = gc.get_threshold()
        gc.set_threshold(200_000, 50, 100)
        try:
            try:
                return self._run()
            except Dependent as why:  # the reduction does not hold for this program: search all
                dropped = time.monotonic() - why.t0
                given = dict(self._given)
                if given["time_limit"] is not None:
                    given["time_limit"] = max(0.0, given["time_limit"] - dropped)
                self.__init__(**given, reduce=False)
                self._run()
                self.elapsed += dropped
                return self
        finally:
            gc.set_threshold(*thresholds)

    def _run(self):
        t0 = time.monotonic()
        locals_ = self.session.locals
        locals_.deadline = None if self.time_limit is None else t0 + self.time_limit
        asking = locals_.asking
        try:
            self._search(t0)
            while self.complete and self._time_passes():
                self._explore(t0)
        except CutShort as cut:
            self.stop_reason = f"time limit ({self.time_limit:g} s)"
            self.complete = False
            self.cut_running = cut.running
        except Interrupted as stop:  # Ctrl-C or SIGTERM: what was explored is still reported
            if not self.worlds:
                raise
            self.stop_reason = stop.reason
            self.complete = False
            self.interrupted = stop
        self.elapsed = time.monotonic() - t0
        self.asked = locals_.asking > asking
        if self.complete:
            self._nontermination()
        return self

    def _search(self, t0):
        self._start()
        self.todo = deque([0])
        self._explore(t0)

    def _start(self):
        """The initial state (0), and the exceptions of the main process's first step."""
        world, first = self.rules.initial()
        self.first = first
        self._add(self.rules.parts.code(world), -1, None, 0)
        for ident, err in first.errors:
            self.raised_in.add(0)
            self._exception(0, None, ident, err)

    def _explore(self, t0):
        todo = self.todo
        pop = todo.popleft if self.strategy == "bfs" else todo.pop
        cut_depth = False
        next_report = t0 + 2.0
        self.stop_reason = "complete"
        self.complete = False
        while todo:
            now = time.monotonic()
            reason = self._budget(now - t0)
            if reason:
                self.stop_reason = reason
                break
            if self.progress and now >= next_report:
                self.progress(f"mpsim: {len(self.worlds):,} states, {len(self.edges):,} transitions, "
                              f"depth {self.depth[todo[0]] if todo else 0}, {len(todo):,} to explore, "
                              f"{now - t0:.1f} s")
                next_report = now + 1.0
            if self.first_len is not None and (self.strategy == "dfs"
                                               or self.depth[todo[0]] >= self.first_len):
                self.stop_reason = "first finding (--stop-at-first)"
                break
            s = pop()
            if self.stop_at_first and self.first_len is None:
                self._race_at(s)
            moves, deferring = self._moves(s)
            if deferring:
                self.deferring.add(s)
            if not moves:  # a state at the depth bound is still checked: a bound includes its level
                self._ended(s)
                continue
            if self.max_depth is not None and self.depth[s] >= self.max_depth:
                cut_depth = True
                continue
            if self.reduction is not None:
                moves = self.reduction.ample(s, moves, t0)
            self._edges(s, moves)
        else:
            if cut_depth:
                self.stop_reason = f"depth limit ({self.max_depth} steps)"
                self.covered = self._runs_of_at_most(self.max_depth)
            else:
                self.complete = True
            return
        if self.strategy == "bfs" and todo:
            # Every state less deep than the next one to explore was explored.
            self.covered = self._runs_of_at_most(max(self.depth[todo[0]] - 1, 0))

    def _runs_of_at_most(self, steps) -> str:
        """What a search that explored every state up to ``steps`` deep covered: a reduced one
        ran each private move (``reduction.py``) as soon as it could, which can make a run it
        stands for a few steps longer."""
        if self.reduction is not None and self.reduction.reduced:
            return (f"every run of at most {steps} steps that takes each start() and first run "
                    "of a child as soon as it can (partial-order reduction)")
        return f"every run of at most {steps} steps"

    BATCH = 8  # states per worker whose moves are worked out together (``--workers``, ``--dask``)

    def _moves(self, s) -> tuple:
        """(the moves from ``s``, whether a timed outcome waited for its deadline there)."""
        ready = self.ready.pop(s, None)
        if ready is None:
            locals_ = self.session.locals
            if locals_.parallel:
                self._ahead(s, locals_)
                ready = self.ready.pop(s)
            else:
                ready = (self.rules.moves(self.worlds[s]), self.rules.deferring)
        if isinstance(ready, MpsimError):
            raise ready
        return ready

    def _ahead(self, s, locals_):
        """Work out the moves of ``s`` and of the states to be explored after it, running the
        steps none of them can do without (the memo's misses) together, ``locals_.workers`` at a
        time or on the remote workers: a state's moves are asked for once its steps are known
        (``Pending`` stops a state's moves at the first step that is not), so they are the moves
        a one-by-one search would make."""
        todo = self.todo
        n = self.BATCH * max(locals_.workers, locals_.remote.width if locals_.remote else 1) - 1
        if self.strategy == "bfs":
            batch = [s, *(todo[k] for k in range(min(n, len(todo))))]
        else:
            batch = [s, *(todo[-1 - k] for k in range(min(n, len(todo))))]
        batch = [t for t in dict.fromkeys(batch) if t not in self.ready]
        while batch:
            needed = locals_.collecting = {}
            waiting = []
            try:
                for t in batch:
                    try:
                        self.ready[t] = (self.rules.moves(self.worlds[t]), self.rules.deferring)
                    except Pending:
                        waiting.append(t)
                    except MpsimError as exc:  # raised when ``t`` is explored, as one by one
                        if t == s:
                            raise
                        self.ready[t] = exc
            finally:
                locals_.collecting = None
            if needed:
                locals_.run_many(needed)
            batch = waiting

    def _race_at(self, s):
        """With ``--stop-at-first``: a race is a finding of the state where it is seen (two
        processes stand at conflicting accesses, ``races.py``), reported after the search."""
        if next(races.racing(self.rules, self.worlds[s], self.race_memo), None) is not None:
            self.first_len = self.depth[s]

    def _budget(self, elapsed) -> str:
        """The budget the search has used up ("time limit (10 s)"), or ""."""
        if self.time_limit is not None and elapsed > self.time_limit:
            return f"time limit ({self.time_limit:g} s)"
        if self.max_states is not None and len(self.worlds) >= self.max_states:
            return f"state limit ({self.max_states:,} states)"
        return ""

    def _ended(self, s):
        """State ``s`` has no move: a deadlock if a process has not finished, else an end of the
        program (a strategy that comes back to it checks it once)."""
        if s in self.terminal or s in self.deadlocks:
            return
        if any(e.exitcode is None for e in self.worlds[s].procs):
            self._deadlock(s)
        else:
            self.terminal.add(s)

    def _edges(self, s, moves):
        for mv in moves:
            t, new = self._edge(s, mv)
            if new:
                self.todo.append(t)

    def _edge_once(self, s, mv) -> int:
        """Record the move unless it is known (a strategy that comes back to a state moves from
        it again); its target state."""
        t = self.worlds.state(self._code(mv))
        if t is None or (s, t, mv.ident, mv.alt) not in self.seen_edges:
            t, _ = self._edge(s, mv)
            self.seen_edges.add((s, t, mv.ident, mv.alt))
        return t

    def _edge(self, s, mv) -> tuple:
        """Record the move ``mv`` from state ``s``: (its target state, whether it is new)."""
        code = self._code(mv)
        facts = (mv.code is not None and self._plain.get(id(mv.step))) or self._facts(s, mv)
        if facts[3] and self.reduction is not None:
            self.reduction.printed(facts[3])
        t = self.worlds.state(code)
        new = t is None
        if new:
            t = self._add(code, s, (mv.ident, mv.alt), self.depth[s] + 1)
        k = self.edges.add(s, t, mv.ident, mv.alt)
        _, lines, record, _ = facts
        if lines:
            self.printed[k] = lines
        if record is not None:
            self.records[k] = self._kept.setdefault(record, record)
        errors = mv.step.errors
        if errors:
            self.raised[k] = tuple((i, err[0]) for i, err in errors)
            self.raised_in.add(t)
        for ident, err in errors:
            self._exception(s, (mv.ident, mv.alt), ident, err)
        if new and mv.code is None:  # a move of the memo is plain: it ends no process
            self._exit_status(s, mv)
        return t, new

    def _code(self, mv) -> bytes:
        return mv.code if mv.code is not None else self.rules.parts.code(mv.world)

    def _facts(self, s, mv) -> tuple:
        """(the step, the lines printed on it, its record for the outcomes, the local states
        that output led to).  A move of the memo is plain (search/moves.py): they depend on its
        step alone, and are worked out once."""
        facts = (mv.step, printed_lines(mv.step),
                 edge_record(self.worlds[s], mv.world, mv.ident, mv.step),
                 tuple(seg.key for _, seg in mv.step.segments if type(seg) is Segment and seg.out))
        if mv.code is not None:
            self._plain[id(mv.step)] = facts
        return facts

    def _exit_status(self, s, mv):
        """The main program ending with a non-zero status (``sys.exit(1)``) reports a failure,
        as a shell or CI sees it; an uncaught exception is already a finding of its own."""
        main = mv.world.procs[0]
        if (main.ident == () and main.exitcode not in (None, 0)
                and self.worlds[s].procs[0].exitcode is None
                and all(ident != () for ident, _ in mv.step.errors)):
            self._keep(Found("exit", s, (mv.ident, mv.alt), ("exit", main.exitcode), ()))

    def _time_passes(self) -> bool:
        """Processes that loop without waiting (an operation takes no time) while a timeout is
        due would keep the clock still for ever; in CPython the time passes while they loop.
        In every loop of states that cannot reach an end and where a timed outcome waits, add
        the move of the clock to its deadline.  True if there were any (search on from them)."""
        if not self.deferring - self.passed:
            return False
        doomed, succ, can_end = self._doomed()
        added = False
        for comp in strongly_connected(doomed, succ, can_end):
            if len(comp) == 1 and all(t != comp[0] for t, _, _ in succ[comp[0]]):
                continue  # not a loop
            for s in comp:
                if s in self.deferring and s not in self.passed:
                    self.passed.add(s)
                    self._edges(s, self.rules.moves(self.worlds[s], time_passes=True))
                    added = True
        return added

    def _add(self, code, parent, via, depth) -> int:
        self.parent.append(parent)
        self.via.append(via)
        self.depth.append(depth)
        return self.worlds.add(code)

    def path(self, node) -> list:
        choices = []
        while node > 0:
            choices.append(self.via[node])
            node = self.parent[node]
        choices.reverse()
        return choices

    # -- findings -------------------------------------------------------------------------------
    def _keep(self, found: Found):
        self.found.setdefault(found.signature, found)
        if self.stop_at_first and found.kind != "nontermination":
            # The run's length: to the deadlocked state, or through the fatal move.
            length = self.depth[found.node] + (found.kind in ("exception", "exit"))
            self.first_len = length if self.first_len is None else min(self.first_len, length)

    def _exception(self, node, last, ident, err):
        line, loc = err
        self._keep(Found("exception", node, last, ("exception", line, loc), ident))

    def _deadlock(self, node):
        self.deadlocks.add(node)
        rules = self.rules
        sig = tuple(sorted((rules.op_of(e).method, rules.op_of(e).loc)
                           for e in self.worlds[node].procs if e.exitcode is None))
        self._keep(Found("deadlock", node, None, ("deadlock", sig)))

    def successors(self):
        """Each state's outgoing transitions: ``succ[s]`` is a list of (target, ident, alt)."""
        size = (len(self.worlds), len(self.edges))
        if self._succ is None or self._succ[0] != size:
            self._succ = None  # the old one can go before the new one is made
            self._succ = (size, self.edges.successors(len(self.worlds)))
        return self._succ[1]

    def _doomed(self):
        """(states from which no run can end, successors, can_end flags)."""
        n = len(self.worlds)
        can_end = bytearray(n)
        stack = list(self.terminal)
        pred = self.edges.predecessors(n) if stack else None
        for s in stack:
            can_end[s] = True
        while stack:
            for p in pred.ends(stack.pop()):
                if not can_end[p]:
                    can_end[p] = True
                    stack.append(p)
        del pred
        return array("i", (s for s in range(n) if not can_end[s])), self.successors(), can_end

    def _nontermination(self):
        doomed, succ, can_end = self._doomed()
        self.doomed = StateSet(bytearray(b ^ 1 for b in can_end))
        if not doomed:
            return
        members = bytearray(len(succ))  # the component's states (cleared after each)
        for comp in strongly_connected(doomed, succ, can_end):
            for s in comp:
                members[s] = 1
            self._loop(comp, members, succ)
            for s in comp:
                members[s] = 0

    def _loop(self, comp, members, succ):
        """The finding of a strongly connected component of doomed states, if it is a loop a
        fair scheduler could go round for ever."""
        movers = {i for s in comp for t, i, _ in succ[s] if members[t]}
        if not movers or not self._fair(comp, succ, movers):
            return
        entry = min(comp, key=lambda s: (self.depth[s], s))
        stuck = frozenset((e.ident, self.rules.op_of(e).loc) for e in self.worlds[entry].procs
                          if e.exitcode is None and e.ident not in movers)
        cycle = _fair_cycle(entry, members, succ, movers, len(comp))
        self._keep(Found("nontermination", entry, None,
                         ("nontermination", frozenset(movers), stuck), (), tuple(cycle)))

    def _fair(self, comp, succ, movers):
        """Weak fairness: every process that never moves in the loop is blocked somewhere in it."""
        worlds = self.worlds
        entry = worlds.parts.parts
        numbers = {n for s in comp for n in worlds.entries(s)}
        unfinished = {entry[n].ident for n in numbers if entry[n].exitcode is None}
        for ident in unfinished - movers:
            if all(any(i == ident for _, i, _ in succ[s]) for s in comp):
                return False
        return True


def printed_lines(step) -> tuple:
    """The whole lines each process finished printing on this step (a line interrupted by an
    operation, as in ``print(x, q.get())``, counts where it ends)."""
    return tuple((ident, line) for ident, seg in step.segments for line in getattr(seg, "lines", ())
                 if isinstance(line, str) and line.strip())


def strongly_connected(nodes, succ, excluded):
    """Tarjan's algorithm (iterative) on the sub-graph of ``nodes`` (skipping ``excluded[t]``);
    ``succ`` is the graph's ``Adjacency``.  The components are arrays of states."""
    start, order, other = succ.rows()
    n = len(succ)
    index = array("i", [-1]) * n
    low = array("i", bytes(4 * n))
    on_stack = bytearray(n)
    stack = array("i")
    result = []
    counter = 0
    for root in nodes:
        if index[root] >= 0:
            continue
        # The depth-first path: its states and where each is in its transitions (-1: not begun).
        path, at = array("i", [root]), array("i", [-1])
        while path:
            v, p = path[-1], at[-1]
            if p < 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack[v] = 1
                p = start[v]
            end = start[v + 1]
            while p < end:
                w = other[order[p]]
                p += 1
                if excluded[w]:
                    continue
                if index[w] < 0:
                    at[-1] = p
                    path.append(w)
                    at.append(-1)
                    break
                if on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
            else:
                path.pop()
                at.pop()
                if low[v] == index[v]:
                    comp = array("i")
                    while True:
                        w = stack.pop()
                        on_stack[w] = 0
                        comp.append(w)
                        if w == v:
                            break
                    result.append(comp)
                if path and low[v] < low[path[-1]]:
                    low[path[-1]] = low[v]
    return result


def _fair_cycle(entry, members, succ, movers, size):
    """Choices that lead from ``entry`` back to itself inside ``members`` with every process of
    ``movers`` moving at least once - a loop a fair scheduler could repeat forever."""
    path = []
    here = entry
    for mover in sorted(movers):
        if all(i != mover for i, _ in path):
            leg = _shortest(here, members, succ, lambda s, t, i: i == mover, size)
            path.extend(leg)
            here = _follow(here, leg, succ)
    if here != entry or not path:
        path.extend(_shortest(here, members, succ, lambda s, t, i: t == entry, size))
    return path


def _shortest(start, members, succ, wanted, size):
    """The shortest choices from ``start`` (inside ``members``, of ``size`` states) ending with
    an edge ``wanted``."""
    first, order, other = succ.rows()
    edges = succ.edges
    # state -> the transition that first reached it (-1: the start, -2: not reached): an array
    # for a large part of the graph, a dict for a small one
    if 16 * size > len(succ):
        back = array("i", [-2]) * len(succ)
        reached = back.__getitem__
    else:
        back = {}

        def reached(t):
            return back.get(t, -2)
    back[start] = -1
    queue = deque([start])
    while queue:
        s = queue.popleft()
        for k in order[first[s]:first[s + 1]]:
            t = other[k]
            if not members[t]:
                continue
            _, _, ident, alt = edges[k]
            if wanted(s, t, ident):
                leg = [(ident, alt)]
                while back[s] >= 0:
                    s, _, i, a = edges[back[s]]
                    leg.append((i, a))
                return leg[::-1]
            if reached(t) == -2:
                back[t] = k
                queue.append(t)
    return []


def _follow(start, choices, succ):
    for ident, alt in choices:
        start = next(t for t, i, a in succ[start] if (i, a) == (ident, alt))
    return start


