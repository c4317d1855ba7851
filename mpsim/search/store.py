"""Compact storage of the explored graph's transitions.

A search keeps every transition (source, target, process, choice) for the findings that need the
whole graph (non-termination, outputs, drawings).  As Python tuples they cost about 150 bytes each,
five or more per state - the largest part of a search's memory.  ``Edges`` keeps them in four
machine arrays (the process as an index into its table of idents), about 22 bytes each, and reads
back the same tuples.
"""
from __future__ import annotations

from array import array


class Edges:
    """A list of (src, dst, ident, alt) that only grows."""

    __slots__ = ("_src", "_dst", "_who", "_alt", "_idents", "_number")

    def __init__(self):
        self._src = array("q")
        self._dst = array("q")
        self._who = array("l")
        self._alt = array("l")
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
