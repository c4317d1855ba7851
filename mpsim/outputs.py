"""Information, not findings: output lines that some runs of the program never print.

A program can be free of deadlocks and crashes and still surprise its author: in the seed's
traffic light a car can leave without ever printing "pass the cross road", because the light
turned red again after it looked.  For each line printed somewhere in the explored graph (on the
way to a normal end), this looks for a run that ends the program normally (main exits with 0)
without any process printing that line.  Lines that differ only in their numbers are reported once.

Which run is shown: the one that teaches most.  A line is printed by a process that in other
runs gets there; the run worth seeing is one where that process *waited* for its moment (blocked
in a wait, was woken) and still missed it - the lesson of a check-then-act on an Event or a
Condition: what you waited for can be undone before you look again.  So, in this order:

1. the shortest run on the one clock in which such a process waited and missed the line;
2. else, a run that needs one unusual delay: such a process is woken from its wait and is then
   held up while another process's sleep or timeout ends first, as under heavy load (found with
   the untimed rules, labelled timing-dependent with the delay in words);
3. else, the shortest run on the one clock that misses the line.
"""
from __future__ import annotations

import functools
import re
from collections import deque
from typing import NamedTuple

from .explore import printed_lines
from .world import Rules

MAX_EDGES = 500_000  # beyond this the search for such runs costs more than it tells
MAX_DELAYED = 20_000  # states a search for a run with one delay may visit (2. above)


class Difference(NamedTuple):
    processes: tuple  # the processes that print the line in other runs
    line: str
    choices: list
    early: tuple = ()  # untimed-only: the world steps that needed an unusual delay


def optional_lines(search) -> list:
    """One Difference per line pattern that some normal run never prints."""
    if not search.complete or not search.terminal or len(search.edges) > MAX_EDGES:
        return []
    ends_well = _can_end_normally(search)
    if not ends_well:
        return []
    succ = [[] for _ in search.worlds]
    printed_by = {}
    for k, (s, t, ident, alt) in enumerate(search.edges):
        lines = {line for _, line in search.printed.get(k, ())}
        succ[s].append((t, ident, alt, lines))
        if t in ends_well:
            for who, line in search.printed.get(k, ()):
                printed_by.setdefault(line, set()).add(who)
    patterns = {}
    for line in sorted(printed_by):
        patterns.setdefault(re.sub(r"\d+", "N", line), []).append(line)
    found = []
    waits = _Waits(search, ends_well)
    for pattern in sorted(patterns, key=lambda p: patterns[p][0]):
        best = None
        for line in patterns[pattern]:
            procs = printed_by[line]
            waited = _avoiding(search, succ, ends_well, line, procs, waits)
            if waited is not None:
                best = (0, Difference(tuple(sorted(procs)), line, waited))
                break
            plain = _avoiding(search, succ, ends_well, line) if best is None else None
            if plain is not None:
                best = (2, Difference(tuple(sorted(procs)), line, plain))
        if best is not None and best[0] == 2:
            for line in patterns[pattern]:
                delayed = _delayed(search, line, printed_by[line], waits)
                if delayed is not None:
                    best = (1, Difference(tuple(sorted(printed_by[line])), line, *delayed))
                    break
        if best is not None:
            found.append(best[1])
    return found


def _avoiding(search, succ, ends_well, line, waiters=None, waits=None):
    """Shortest choices to a normal end on which nobody printed ``line``, or None.  With
    ``waiters``: on which one of them also began to wait in a blocking operation (``waits``
    says which moves do)."""
    start = (0, waiters is None)
    parent = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        s, waited = node
        if waited and s in search.terminal and s in ends_well:
            choices = []
            while parent[node] is not None:
                node, choice = parent[node]
                choices.append(choice)
            return choices[::-1]
        for t, ident, alt, lines in succ[s]:
            if t not in ends_well or line in lines:
                continue
            nxt = (t, waited or (ident in waiters and waits.begins(s, t, ident)))
            if nxt in parent:
                continue
            parent[nxt] = (node, (ident, alt))
            queue.append(nxt)
    return None


class _Waits:
    """What the search for each line asks again of the graph's moves, worked out once: which
    moves put their process to sleep in a blocking wait (from the states' process entries: no
    world is made), and the moves by (state, ident, alt)."""

    def __init__(self, search, ends_well):
        self.search = search
        self.ends_well = ends_well
        self.entry = search.worlds.parts.parts
        self.known = {}
        self._woken = {}  # entry part number -> in the middle of a wait?
        self._woken_in = None

    @functools.cached_property
    def index(self) -> dict:
        """(state, ident, alt) -> (edge, target)."""
        return {(s, ident, alt): (k, t) for k, (s, t, ident, alt) in enumerate(self.search.edges)}

    def begins(self, s, t, ident) -> bool:
        """Did ``ident``'s move from state s to t put it to sleep in a blocking wait?"""
        key = (s, t, ident)
        found = self.known.get(key)
        if found is None:
            before, after = self._entry(s, ident), self._entry(t, ident)
            found = self.known[key] = (
                before is not None and after is not None and before.phase is None
                and after.phase is not None and after.key == before.key
                and self.search.rules.op_of(after).method == "wait")
        return found

    def woken_in(self) -> list:
        """The states that can end normally where a process is in the middle of a wait,
        shallowest first."""
        if self._woken_in is None:
            depth = self.search.depth
            self._woken_in = sorted((s for s in self.ends_well if self.woken(s)),
                                    key=lambda s: (depth[s], s))
        return self._woken_in

    def woken(self, s) -> list:
        """The live process entries of state ``s`` that are in the middle of a wait."""
        entry, found = self.entry, []
        for n in self.search.worlds.entries(s):
            woken = self._woken.get(n)
            if woken is None:
                e = entry[n]
                woken = self._woken[n] = (e.exitcode is None and e.phase is not None
                                          and self.search.rules.op_of(e).method == "wait")
            if woken:
                found.append(entry[n])
        return found

    def _entry(self, s, ident):
        entry = self.entry
        return next((entry[n] for n in self.search.worlds.entries(s) if entry[n].ident == ident),
                    None)


def _delayed(search, line, procs, waits):
    """A run to a normal end without ``line`` in which one of ``procs``, woken from a wait, is
    held up while another process's sleep or timeout ends first (the untimed rules, one early
    move): (choices, early steps), or None.  Bounded by MAX_DELAYED states."""
    if not search.rules.timed:
        return None  # every run is untimed already
    untimed = Rules(search.session, search.rules.method, timed=False)
    budget = [MAX_DELAYED]
    for s in waits.woken_in():
        woken = [e for e in waits.woken(s) if e.ident in procs]
        if not woken:
            continue
        prefix = search.path(s)
        if any(alt < 0 for _, alt in prefix) or _prints(search, waits.index, prefix, line):
            continue
        world = search.worlds[s]
        moves = search.rules.moves(world)
        for entry in woken:
            if not any(m.ident == entry.ident for m in moves):
                continue  # still asleep: not woken yet
            found = _held_up(untimed, world, entry.ident, line, budget)
            if found is not None:
                return prefix + found[0], found[1]
            if budget[0] <= 0:
                return None
    return None


def _prints(search, index, choices, line) -> bool:
    node = 0
    for ident, alt in choices:
        k, node = index[(node, ident, alt)]
        if any(printed == line for _, printed in search.printed.get(k, ())):
            return True
    return False


def _held_up(rules, world, held, line, budget):
    """From ``world``: the others move (not ``held``) until one's sleep or timeout ends early,
    then everyone moves on the one clock, to a normal end without ``line``."""
    start = (world, False)
    parent = {start: None}
    queue = deque([start])
    while queue and budget[0] > 0:
        node = queue.popleft()
        w, delayed = node
        budget[0] -= 1
        moves = rules.moves(w)
        if not moves and all(e.exitcode is not None for e in w.procs):
            if delayed and w.procs[0].exitcode == 0:
                choices, early = [], []
                while parent[node] is not None:
                    node, choice, step = parent[node]
                    choices.append(choice)
                    if step.early:
                        early.append(step)
                return choices[::-1], tuple(early[::-1])
            continue
        for m in moves:
            if m.step.early and (delayed or m.ident == held):
                continue
            if not delayed and m.ident == held:
                continue
            if line in {printed for _, printed in printed_lines(m.step)}:
                continue
            nxt = (m.world, delayed or bool(m.step.early))
            if nxt not in parent:
                parent[nxt] = (node, (m.ident, m.alt), m.step)
                queue.append(nxt)
    return None


def _can_end_normally(search):
    pred = {}
    for s, t, _, _ in search.edges:
        pred.setdefault(t, []).append(s)
    good = {s for s in search.terminal if search.worlds[s].procs[0].exitcode == 0}
    stack = list(good)
    while stack:
        for p in pred.get(stack.pop(), ()):
            if p not in good:
                good.add(p)
                stack.append(p)
    return good
