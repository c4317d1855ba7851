"""PCT: random runs under random priorities, with a probability of finding each shallow bug.

Probabilistic Concurrency Testing (Burckhardt, Kothari, Musuvathi and Nagarakatte, ASPLOS 2010)
runs the program again and again.  In each run every process gets a random priority when it
appears, and the highest-priority process that can move always moves; at ``depth - 1`` random
steps of the run, the process that moves is lowered below every other.  A bug of depth d (it
needs d orderings between operations to happen: a deadlock of two locks taken in opposite
orders has depth 2) is found by one run with probability at least 1 / (n k^(d-1)), for n
processes and runs of at most k steps - whatever the size of the state space.  After R runs the
chance of having missed it is at most (1 - 1/(n k^(d-1)))^R, and that is what the search reports.

Where an operation itself has several results (a timeout that may expire, a random draw), each
run picks one at random.  The runs are recorded into one state graph (states are merged as in
every search), so findings, traces and drawings read it as they read any search's; it is never
called complete, and non-termination is not looked for (a run is cut at ``max_depth`` steps, by
default ``RUN_STEPS``).  ``seed`` makes the runs reproducible.
"""
from __future__ import annotations

import random
import time

from ..explore import Search
from ..startmethods import FALLBACK

RUNS = 1_000  # runs when no budget is given
RUN_STEPS = 1_000  # the longest run when no --max-depth is given


class PCT(Search):
    strategies = ("pct",)

    def __init__(self, session, strategy="pct", max_states=None, max_depth=None, time_limit=None,
                 progress=None, timed=True, stop_at_first=False, method=FALLBACK, runs=None,
                 pct_depth=3, seed=0):
        super().__init__(session, strategy, max_states, max_depth, time_limit, progress, timed,
                         stop_at_first, method)
        if pct_depth < 1:
            raise ValueError("the PCT depth must be at least 1")
        self.runs = RUNS if runs is None and max_states is None and time_limit is None else runs
        self.bug_depth = pct_depth
        self.random = random.Random(seed)
        self.done = 0  # runs made
        self.longest = 0  # steps of the longest run (k)
        self.most = 1  # processes of the most crowded run (n)

    def _search(self, t0):
        self._start()
        self.todo = []
        self._explore(t0)

    def _explore(self, t0):
        self.complete = False
        next_report = t0 + 2.0
        steps = self.max_depth or RUN_STEPS
        while True:
            now = time.monotonic()
            if self.runs is not None and self.done >= self.runs:
                self.stop_reason = f"run limit ({self.runs:,} runs)"
                break
            reason = self._budget(now - t0)
            if reason:
                self.stop_reason = reason
                break
            if self.first_len is not None:
                self.stop_reason = "first finding (--stop-at-first)"
                break
            if self.progress and now >= next_report:
                self.progress(f"mpsim: {len(self.worlds):,} states, {len(self.edges):,} "
                              f"transitions, depth {self.longest}, {self.done:,} to explore, "
                              f"{now - t0:.1f} s")
                next_report = now + 1.0
            self._run_once(steps)
            self.done += 1
        self.covered = self.guarantee()

    def _run_once(self, steps):
        rnd = self.random
        k = max(self.longest, 1)
        change = sorted(rnd.randint(1, k) for _ in range(self.bug_depth - 1))
        priority = {}
        s, n = 0, 0
        while n < steps:
            moves = self.rules.moves(self.worlds[s])
            if not moves:
                self._ended(s)
                break
            for mv in moves:
                if mv.ident not in priority:  # above every lowered one: [depth, depth + 1)
                    priority[mv.ident] = self.bug_depth + rnd.random()
            top = max(priority[mv.ident] for mv in moves)
            mv = rnd.choice([mv for mv in moves if priority[mv.ident] == top])
            n += 1
            for j, point in enumerate(change, 1):
                if point == n:
                    priority[mv.ident] = self.bug_depth - j  # lowered below all the others
            s = self._edge_once(s, mv)
        self.longest = max(self.longest, n)
        self.most = max(self.most, len(priority))

    def _edges(self, s, moves):
        pass  # time passing in loops is decided on a complete graph, which PCT never has

    def probability(self) -> float:
        """The chance that the runs made found a given bug of depth at most ``bug_depth``."""
        once = 1.0 / (self.most * max(self.longest, 1) ** (self.bug_depth - 1))
        return 1.0 - (1.0 - once) ** self.done

    def guarantee(self) -> str:
        return (f"{self.done:,} random runs (PCT): a bug of depth {self.bug_depth} or less "
                f"(it needs that many orderings between operations) in runs of at most "
                f"{self.longest:,} steps with {self.most} processes is found with probability "
                f"at least {self.probability():.1%}")
