"""Information, not findings: output lines a process prints in some runs and not in others.

A program can be free of deadlocks and crashes and still surprise its author: in the seed's
traffic light a car can leave without ever printing "pass the cross road", because the light
turned red again between its two checks.  For each line a process prints somewhere in the
explored graph, this looks for the shortest run that ends the program normally with that process
finished (exit code 0) without printing it.
"""
from __future__ import annotations

import re
from collections import deque
from typing import NamedTuple

MAX_EDGES = 500_000  # beyond this the search for such runs costs more than it tells


class Difference(NamedTuple):
    process: tuple
    line: str
    choices: list


def optional_lines(search) -> list:
    """One Difference per (process, line pattern) that some normal run never prints."""
    if not search.complete or not search.terminal or len(search.edges) > MAX_EDGES:
        return []
    succ = search.successors()
    index_of = {}
    for k, (s, t, ident, alt) in enumerate(search.edges):
        index_of[(s, ident, alt)] = k
    ends_well = _can_end_normally(search)
    printed = {pl for k, lines in search.printed.items() if search.edges[k][1] in ends_well
               for pl in lines}
    seen_patterns = set()
    found = []
    for ident, line in sorted(printed):
        pattern = re.sub(r"\d+", "N", line)
        if pattern in seen_patterns:
            continue
        end = _avoiding(search, succ, index_of, ident, line)
        if end is not None:
            seen_patterns.add(pattern)
            found.append(Difference(ident, line, end))
    return found


def _avoiding(search, succ, index_of, ident, line):
    """Shortest choices to a normal end where ``ident`` never printed ``line``, or None."""
    parent = {0: None}
    queue = deque([0])
    while queue:
        s = queue.popleft()
        if s in search.terminal and _finished_normally(search.worlds[s], ident):
            choices = []
            while parent[s] is not None:
                s, choice = parent[s]
                choices.append(choice)
            return choices[::-1]
        for t, i, alt in succ[s]:
            if t in parent or (ident, line) in search.printed.get(index_of[(s, i, alt)], ()):
                continue
            parent[t] = (s, (i, alt))
            queue.append(t)
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


def _finished_normally(world, ident):
    return all(e.exitcode == 0 for e in world.procs if e.ident in (ident, ()))
