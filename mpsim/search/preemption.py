"""Iterative preemption bounding (as in CHESS): the runs with the fewest preemptions first.

A *preemption* is a switch away from a process that could have gone on: the last process to move
still has a move, and another one moves instead.  A switch away from a process that is blocked,
or has ended, is free.  Most concurrency bugs need only one or two preemptions (Musuvathi and
Qadeer, "Iterative context bounding for systematic testing of multithreaded programs", PLDI 2007),
while the number of runs grows exponentially with them - so when the full state space is beyond
reach, the runs with at most k preemptions, for the largest k the budget allows, are the part
most worth exploring.

The search is stateful: a search node is a world together with the process that moved last (the
same world reached after different processes costs different preemptions later).  Nodes are
explored in order of their preemption count, so one search does what iterative deepening on the
bound does without repeating any level: when the budget stops it at count k + 1, every run with at
most k preemptions was explored, and that is what it reports.  A state's trace is a run with the
fewest preemptions the search found for it.  Several nodes may share a world:
the state graph (``worlds``, ``edges``) stays the world's graph, so findings, traces, outputs and
drawings read it as they read an exhaustive one.  When no move was ever cut by the bound and the
budget was not reached, the graph is the complete one and the search is complete.
"""
from __future__ import annotations

import time
from collections import deque

from ..explore import Search
from ..startmethods import FALLBACK


class PreemptionBounded(Search):
    """Explore by preemption count; ``max_preemptions`` (None: as far as the budgets allow)."""

    strategies = ("preemption",)

    def __init__(self, session, strategy="preemption", max_states=None, max_depth=None,
                 time_limit=None, progress=None, timed=True, stop_at_first=False,
                 method=FALLBACK, max_preemptions=None):
        super().__init__(session, strategy, max_states, max_depth, time_limit, progress, timed,
                         stop_at_first, method)
        self.max_preemptions = max_preemptions
        self.levels = []  # preemption count -> deque of (state, last mover) to explore
        self.best = {}  # (state, last mover) -> the fewest preemptions it was reached with
        self.cost = {}  # state -> the fewest preemptions any of its nodes was reached with
        self.cut_depth = False
        self.bounded = 0  # the largest count all of whose runs were explored (-1: none)

    def _search(self, t0):
        self._start()
        self.todo = deque()  # not used: the levels hold the frontier
        self._queue((0, None), 0)
        self._explore(t0)

    def _queue(self, node, count):
        if self.best.get(node, count + 1) <= count:
            return
        self.best[node] = count
        self.cost[node[0]] = min(self.cost.get(node[0], count), count)
        while len(self.levels) <= count:
            self.levels.append(deque())
        self.levels[count].append(node)

    def _explore(self, t0):
        self.complete = False
        cut = False  # a move was left out because of the preemption bound
        next_report = t0 + 2.0
        count = 0
        while count < len(self.levels):
            level = self.levels[count]
            while level:
                now = time.monotonic()
                reason = self._budget(now - t0)
                if reason:
                    self._stopped(reason, count)
                    return
                if self.progress and now >= next_report:
                    self.progress(f"mpsim: {len(self.worlds):,} states, {len(self.edges):,} "
                                  f"transitions, depth {count}, {len(level):,} to explore, "
                                  f"{now - t0:.1f} s")
                    next_report = now + 1.0
                s, last = node = level.popleft()
                if self.best[node] < count:
                    continue  # reached since with fewer preemptions
                cut |= self._expand(s, last, count)
            if self.first_len is not None:
                self._stopped("first finding (--stop-at-first)", count)
                return
            count += 1
        self.bounded = count - 1
        if self.cut_depth:
            self.stop_reason = f"depth limit ({self.max_depth} steps)"
            self.covered = f"every run of at most {self.max_depth} steps"
        elif cut:
            self.stop_reason = f"preemption bound ({self.max_preemptions})"
            self.covered = _runs_with(self.max_preemptions)
        else:
            self.stop_reason = "complete"
            self.complete = True

    def _stopped(self, reason, count):
        self.stop_reason = reason
        self.bounded = count - 1
        self.covered = (_runs_with(count - 1) if count
                        else "no complete preemption level (not even the runs without preemption)")

    def _expand(self, s, last, count) -> bool:
        """Explore node (s, last) reached with ``count`` preemptions; True if the bound cut a move."""
        moves = self.rules.moves(self.worlds[s])
        if self.rules.deferring:
            self.deferring.add(s)
        if not moves:
            self._ended(s)
            return False
        if self.max_depth is not None and self.depth[s] >= self.max_depth:
            self.cut_depth = True
            return False
        can_go_on = last is not None and any(mv.ident == last for mv in moves)
        cut = False
        for mv in moves:
            cost = count + (can_go_on and mv.ident != last)
            if self.max_preemptions is not None and cost > self.max_preemptions:
                cut = True
                continue
            t = self._edge_once(s, mv)
            if t and cost < self.cost.get(t, cost + 1):
                # The state's run (its trace) is one with the fewest preemptions found so far.
                # No cycle: every state's parent has a count no higher than its own.
                self.parent[t], self.via[t], self.depth[t] = s, (mv.ident, mv.alt), self.depth[s] + 1
            self._queue((t, mv.ident), cost)
        return cut

    def _edges(self, s, moves):
        """Moves added after the search (time passing in a loop): at the state's own count."""
        for mv in moves:
            self._queue((self._edge_once(s, mv), mv.ident), self.cost[s])


def _runs_with(k) -> str:
    return (f"every run with at most {k} preemption{'s' if k != 1 else ''} (a preemption: a "
            "process is switched out while it could go on)")
