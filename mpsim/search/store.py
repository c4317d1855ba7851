"""Compact storage of the explored graph's transitions.

A search keeps every transition (source, target, process, choice) for the findings that need the
whole graph (non-termination, outputs, drawings).  As Python tuples they cost about 150 bytes each,
five or more per state - the largest part of a search's memory.  ``Edges`` keeps them in four
machine arrays (the process as an index into its table of idents), 14 bytes each, and reads
back the same tuples.  The graph's adjacency, once the search is over, is kept the same way
(``Adjacency``: compressed rows, 4 bytes per transition and per state) rather than as a list of
lists of tuples.
"""
from __future__ import annotations

from array import array


class Edges:
    """A list of (src, dst, ident, alt) that only grows."""

    __slots__ = ("_src", "_dst", "_who", "_alt", "_idents", "_number")

    def __init__(self):
        self._src = array("i")
        self._dst = array("i")
        self._who = array("H")
        self._alt = array("i")
        self._idents = []
        self._number = {}

    def append(self, edge):
        s, t, ident, alt = edge
        n = self._number.get(ident)
        if n is None:
            n = self._number[ident] = len(self._idents)
            self._idents.append(ident)
        self._src.append(s)
        self._dst.append(t)
        self._who.append(n)
        self._alt.append(alt)

    def __len__(self):
        return len(self._src)

    def __getitem__(self, k):
        return self._src[k], self._dst[k], self._idents[self._who[k]], self._alt[k]

    def __iter__(self):
        idents = self._idents
        return zip(self._src, self._dst, (idents[n] for n in self._who), self._alt)

    def successors(self, states: int) -> Adjacency:
        """Each state's outgoing transitions, in the order they were recorded."""
        return Adjacency(self, self._src, self._dst, states)

    def predecessors(self, states: int) -> Adjacency:
        """Each state's incoming transitions, in the order they were recorded."""
        return Adjacency(self, self._dst, self._src, states)


class Adjacency:
    """``adj[s]``: the transitions from ``s`` (by ``key``) as (other end, ident, alt) tuples,
    made when asked; ``adj.ends(s)``: only the other ends."""

    __slots__ = ("_edges", "_start", "_order", "_other")

    def __init__(self, edges: Edges, key: array, other: array, states: int):
        count = array("i", bytes(4 * (states + 1)))
        for s in key:
            count[s + 1] += 1
        for s in range(states):
            count[s + 1] += count[s]
        fill = count[:-1]
        order = array("i", bytes(4 * len(key)))
        for k, s in enumerate(key):
            order[fill[s]] = k
            fill[s] += 1
        self._edges, self._start, self._order, self._other = edges, count, order, other

    def __len__(self):
        return len(self._start) - 1

    def __getitem__(self, s) -> list:
        other, who, alt = self._other, self._edges._who, self._edges._alt
        idents = self._edges._idents
        return [(other[k], idents[who[k]], alt[k])
                for k in self._order[self._start[s]:self._start[s + 1]]]

    def ends(self, s) -> list:
        other = self._other
        return [other[k] for k in self._order[self._start[s]:self._start[s + 1]]]
