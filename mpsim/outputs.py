"""Information, not findings: output lines that some runs of the program never print.

A program can be free of deadlocks and crashes and still surprise its author: in the seed's
traffic light a car can leave without ever printing "pass the cross road", because the light
turned red again between its two checks.  For each line printed somewhere in the explored graph
(on the way to a normal end), this looks for the shortest run that ends the program normally
(main exits with 0) without any process printing that line.  Lines that differ only in their
numbers are reported once.
"""
from __future__ import annotations

import re
from collections import deque
from typing import NamedTuple

MAX_EDGES = 500_000  # beyond this the search for such runs costs more than it tells


class Difference(NamedTuple):
    processes: tuple  # the processes that print the line in other runs
    line: str
    choices: list


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
    seen = set()
    found = []
    for line in sorted(printed_by):
        pattern = re.sub(r"\d+", "N", line)
        if pattern in seen:
            continue
        choices = _avoiding(search, succ, ends_well, line)
        if choices is not None:
            seen.add(pattern)
            found.append(Difference(tuple(sorted(printed_by[line])), line, choices))
    return found


def _avoiding(search, succ, ends_well, line):
    """Shortest choices to a normal end on which nobody printed ``line``, or None."""
    parent = {0: None}
    queue = deque([0])
    while queue:
        s = queue.popleft()
        if s in search.terminal and s in ends_well:
            choices = []
            while parent[s] is not None:
                s, choice = parent[s]
                choices.append(choice)
            return choices[::-1]
        for t, ident, alt, lines in succ[s]:
            if t in parent or t not in ends_well or line in lines:
                continue
            parent[t] = (s, (ident, alt))
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
