"""Choosing what to draw of a big state graph: the findings' paths and the states next to them.

Above ``max_nodes`` states a picture of everything is a hairball, so only part is drawn.  In
full: every state on the findings' paths (whole paths, in the findings' order, while they fit in a
third of ``max_nodes``), or with no finding the shortest run to the end of the program (or to the
deepest state explored).  Around them, as small boxes with just their number: the states one move
away (moves out first; as many as fit, at most two per state drawn in full).  Only moves from or
to a state drawn in full are drawn; each state counts its moves that are not (node attribute
``hidden``; ``detail``: drawn in full).
"""
from __future__ import annotations

from typing import NamedTuple

import networkx as nx

from ..i18n import _, ngettext
from . import DEFAULT_MAX_NODES

NEAR_PER_STATE = 2  # at most this many neighbours per state drawn in full, on average


class Drawn(NamedTuple):
    graph: nx.DiGraph  # what to draw, with node attributes ``hidden`` and ``detail``
    findings: list  # the numbers of the findings whose paths are drawn
    about: str = ""  # a reduced view: what it is built around, in words ("" for the whole graph)
    near: int = 0  # ... how many of the states one move away from those are drawn
    near_total: int = 0
    left_states: int = 0
    left_edges: int = 0

    @property
    def reduced(self) -> bool:
        return bool(self.about)

    def summary(self, full) -> str:
        if not self.reduced:
            return _("all {states} states and {transitions} transitions drawn").format(
                states=f"{len(full):,}", transitions=f"{full.number_of_edges():,}")
        some = (_("all {n}").format(n=f"{self.near:,}") if self.near == self.near_total else
                _("{n} of the {total}").format(n=f"{self.near:,}", total=f"{self.near_total:,}"))
        return _("drawn {drawn} of {states} states: {about} and {some} states one move from them; "
                 "left out {left_states} states and {left_edges} transitions (write a .json file "
                 "for the whole graph)").format(
            drawn=f"{len(self.graph):,}", states=f"{len(full):,}", about=self.about, some=some,
            left_states=f"{self.left_states:,}", left_edges=f"{self.left_edges:,}")


def reduce(g: nx.DiGraph, max_nodes: int = DEFAULT_MAX_NODES) -> Drawn:
    if len(g) <= max_nodes:
        return Drawn(_annotated(g, nx.DiGraph(g), g), [f["number"] for f in g.graph["findings"]])
    core, about, shown = _core(g, max_nodes // 3)
    near = _ring(g, core)
    keep = list(core) + near[:max(0, min(max_nodes - len(core), NEAR_PER_STATE * len(core)))]
    sub = nx.DiGraph(g.subgraph(keep))
    sub.remove_edges_from([(s, t) for s, t in sub.edges if s not in core and t not in core])
    return Drawn(_annotated(g, sub, core), shown, about, len(sub) - len(core), len(near),
                 len(g) - len(sub), g.number_of_edges() - sub.number_of_edges())


def _ring(g, core) -> list:
    """The states one move from ``core`` and not in it: each state's first successor, then its
    second, ..., then its predecessors in the same way."""
    order = {}
    for group, neighbours in enumerate((g.successors, g.predecessors)):
        for n in core:
            for i, m in enumerate(neighbours(n)):
                if m not in core and (group, i) < order.get(m, (2, 0)):
                    order[m] = (group, i)
    return sorted(order, key=order.get)


def _core(g, budget):
    """(the states drawn in full, what they are in words, the findings whose paths they are)."""
    numbers = [f["number"] for f in g.graph["findings"]]
    if numbers:
        core, shown = {}, []
        for i in numbers:
            path = dict.fromkeys(n for n, d in g.nodes(data=True) if i in d["findings"])
            if shown and len(core | path) > budget:
                break
            core |= path
            shown.append(i)
        words = (_("the findings' paths") if len(shown) == len(numbers) else
                 ngettext("the path of finding {numbers} (of {n})",
                          "the paths of findings {numbers} (of {n})", len(shown)).format(
                     numbers=_numbers(shown), n=len(numbers)))
        return core, words, shown
    ends = [n for n, d in g.nodes(data=True) if d["terminal"]]
    depth = nx.single_source_shortest_path_length(g, 0)
    if ends:
        end, words = min(ends, key=depth.get), _("the shortest run to the end of the program")
    else:
        end, words = max(depth, key=depth.get), _("a shortest run to the deepest state explored")
    return dict.fromkeys(nx.shortest_path(g, 0, end)), words, []


def _numbers(items) -> str:
    return f"{items[0]}-{items[-1]}" if len(items) > 2 else _(" and ").join(map(str, items))


def _annotated(full, out, detailed) -> nx.DiGraph:
    """``hidden``: the state's moves not drawn; ``detail``: the state is drawn in full."""
    for n in out:
        out.nodes[n]["hidden"] = full.out_degree(n) - out.out_degree(n)
        out.nodes[n]["detail"] = n in detailed
    return out
