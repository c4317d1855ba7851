"""The explored state graph as a networkx DiGraph, with readable labels on nodes and edges.

Node attributes: ``label`` (one line per process and per primitive), ``processes`` (``name``,
``status`` - "runs", "blocked", "done" or "unexplored" (the search stopped before this state) -
``op``, ``line``, ``exitcode``), ``primitives`` (``name``, ``state``), ``depth``, ``initial``,
``terminal``, ``deadlock``, ``exception`` (a process died on the step into it), ``doomed`` (no
run from it reaches the end of the program; None when the search was cut short), ``findings``
(the numbers of the findings whose path visits it) and ``loops`` (of the non-termination
findings whose loop does).  Edge attributes: ``index`` (in ``Search.edges``), ``process``,
``op``, ``line``, ``alt``, ``label`` (``philosopher-2: forks[1].acquire() :12``), ``printed``,
``raised``, ``findings`` and ``loops``.  Graph attributes: ``model``, ``argv``, ``complete``
and ``findings`` (``number``, ``kind``, ``title``).
"""
from __future__ import annotations

import networkx as nx

from .primitives import module_for, semlock
from .trace import op_text

SHORT_STATE = 32  # a primitive's full description is used in a node when it is at most this long


def state_graph(search, violations=(), numbers=None) -> nx.DiGraph:
    """The graph of one search, with the paths of ``violations`` (numbered ``numbers``, by
    default 1, 2, ...) marked; every violation's choices must be a path of this search."""
    session = search.session
    numbers = list(numbers or range(1, len(violations) + 1))
    g = nx.DiGraph(model=session.model.display_path, argv=list(session.model.argv),
                   complete=search.complete,
                   findings=[{"number": i, "kind": v.kind, "title": v.title}
                             for i, v in zip(numbers, violations)])
    movers = [set() for _ in search.worlds]
    for s, _, ident, _ in search.edges:
        movers[s].add(ident)
    expanded = {s for s, m in enumerate(movers) if m} | search.terminal | search.deadlocks
    for n, world in enumerate(search.worlds):
        procs = _processes(search, world, movers[n] if n in expanded else None)
        prims = [{"name": session.name(oid), "state": _short(state, session.name)}
                 for oid, state in world.prims]
        g.add_node(n, label=_label(procs, prims), processes=procs, primitives=prims,
                   depth=search.depth[n], initial=n == 0, terminal=n in search.terminal,
                   deadlock=n in search.deadlocks, exception=n in search.raised_in,
                   doomed=None if search.doomed is None else n in search.doomed, findings=[],
                   loops=[])
    for k, (s, t, ident, alt) in enumerate(search.edges):
        entry = next(e for e in search.worlds[s].procs if e.ident == ident)
        op = search.rules.op_of(entry)
        text = op_text(session, op)
        name = session.name(ident)
        g.add_edge(s, t, index=k, process=name, op=text, line=op.loc[1], alt=alt,
                   label=f"{name}: {text}" + (f" :{op.loc[1]}" if op.loc[1] else ""),
                   printed=[line for _, line in search.printed.get(k, ())],
                   raised=[err for _, err in search.raised.get(k, ())], findings=[], loops=[])
    for i, v in zip(numbers, violations):
        nodes, edges = finding_path(search, v.choices)
        loop = len(nodes) if v.cycle_from is None else v.cycle_from - 1
        for j, n in enumerate(nodes):
            _add_once(g.nodes[n]["findings"], i)
            if j >= loop:
                _add_once(g.nodes[n]["loops"], i)
        for j, k in enumerate(edges):
            attrs = g.edges[search.edges[k][:2]]
            _add_once(attrs["findings"], i)
            if j >= loop:
                _add_once(attrs["loops"], i)
    return g


def result_graph(result) -> nx.DiGraph:
    """The graph of a check: its search's, or under several start methods each method's search
    side by side (nodes and edge indices numbered on from the previous method's; node attribute
    ``start_method``, graph attribute ``parts``: each method's first node and edge index).  A
    finding's path is marked in the search of its trace; one that needs unusual timing is
    listed, not drawn (its path is the untimed search's)."""
    parts = _parts(result)
    drawn = [[(i, v) for i, v in enumerate(result.violations, 1) if _part_of(result, v) == method]
             for method, _ in parts]
    if len(parts) == 1:
        g = state_graph(parts[0][1], [v for _, v in drawn[0]], [i for i, _ in drawn[0]])
        g.graph["findings"] = _findings(result.violations)
        return g
    g = nx.DiGraph(model=result.search.session.model.display_path, argv=list(result.argv),
                   complete=result.complete, findings=_findings(result.violations), parts=[])
    first_node = first_edge = 0
    for (method, search), mine in zip(parts, drawn):
        part = state_graph(search, [v for _, v in mine], [i for i, _ in mine])
        g.graph["parts"].append({"start_method": method, "first_node": first_node,
                                 "first_edge": first_edge})
        for n, d in part.nodes(data=True):
            g.add_node(n + first_node, **d, start_method=method)
        for s, t, d in part.edges(data=True):
            g.add_edge(s + first_node, t + first_node, **dict(d, index=d["index"] + first_edge))
        first_node += len(search.worlds)
        first_edge += len(search.edges)
    return g


def violation_path(result, g, v):
    """The nodes and edge indices of a violation's path in ``result_graph``'s numbering, or None
    when it is not drawn there."""
    method = _part_of(result, v)
    for (m, search), part in zip(_parts(result), g.graph.get("parts") or [None]):
        if m == method:
            nodes, edges = finding_path(search, v.choices)
            if part is None:
                return nodes, edges
            return ([n + part["first_node"] for n in nodes], [k + part["first_edge"] for k in edges])
    return None


def _parts(result) -> list:
    """(start method, drawn search) of each method searched that did not repeat another's."""
    return [(r.method, r.search) for r in result.searches if r.same_as is None]


def _part_of(result, v) -> str | None:
    """The start method whose drawn search holds a violation's path (None: none does: the
    untimed searches are not drawn)."""
    if v.timing == "untimed-only" and result.timing == "timed":
        return None
    return v.start_method


def _findings(violations) -> list:
    return [{"number": i, "kind": v.kind, "title": v.title} for i, v in enumerate(violations, 1)]


def finding_path(search, choices) -> tuple:
    """The states a finding's choices go through (from the initial state) and the edge indices,
    as far as the graph has them: a race's run goes on past the state where it is seen, in the
    program's rules, and a reduced graph (reduction.py) may have only another order of it."""
    out = {}
    for k, (s, t, ident, alt) in enumerate(search.edges):
        out[s, ident, alt] = (t, k)
    nodes, edges = [0], []
    for ident, alt in choices:
        step = out.get((nodes[-1], ident, alt))
        if step is None:
            break
        nodes.append(step[0])
        edges.append(step[1])
    return nodes, edges


def _add_once(items, i):
    if i not in items:
        items.append(i)


def _processes(search, world, movers) -> list:
    session = search.session
    procs = []
    for e in world.procs:
        op = search.rules.op_of(e)
        if e.exitcode is not None:
            status = "done"
        elif movers is None:
            status = "unexplored"
        else:
            status = "runs" if e.ident in movers else "blocked"
        procs.append({"name": session.name(e.ident), "status": status,
                      "op": "" if status == "done" else op_text(session, op),
                      "line": 0 if status == "done" else op.loc[1], "exitcode": e.exitcode})
    return procs


def _short(state, name) -> str:
    mod = module_for(state)
    if mod is semlock:
        return mod.short(state, name)
    text = mod.describe(state, name)
    return text if len(text) <= SHORT_STATE else mod.short(state, name)


def process_text(p) -> str:
    """``worker-1: lock_b.acquire() :21``, ``... (blocked)``, ``done`` or ``done (exit code 1)``."""
    if p["status"] == "done":
        return f"{p['name']}: done" + (f" (exit code {p['exitcode']})" if p["exitcode"] else "")
    where = f" :{p['line']}" if p["line"] else ""
    return f"{p['name']}: {p['op']}{where}" + (" (blocked)" if p["status"] == "blocked" else "")


def _label(procs, prims) -> str:
    return "\n".join([process_text(p) for p in procs] + [f"{p['name']}: {p['state']}" for p in prims])

