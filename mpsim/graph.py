"""The explored state graph as a networkx DiGraph, with readable labels on nodes and edges.

Node attributes: ``label`` (each process's line or status, each primitive's short state),
``initial``, ``terminal``, ``deadlock``, ``depth``.  Edge attributes: ``process``, ``op``,
``line`` and ``label`` (``P2: fork1.acquire() :12``).
"""
from __future__ import annotations

import networkx as nx

from .primitives import module_for
from .trace import op_text


def node_label(search, world) -> str:
    session = search.session
    rules = search.rules
    parts = []
    for e in world.procs:
        name = session.name(e.ident)
        if e.exitcode is not None:
            parts.append(f"{name}: done" + (f" ({e.exitcode})" if e.exitcode else ""))
        else:
            op = rules.op_of(e)
            where = f":{op.loc[1]}" if op.loc[1] else " exit"
            parts.append(f"{name}{where}")
    for oid, state in world.prims:
        parts.append(f"{session.name(oid)}: {module_for(state).short(state, session.name)}")
    return "\n".join(parts)


def state_graph(search) -> nx.DiGraph:
    g = nx.DiGraph()
    session = search.session
    for n, world in enumerate(search.worlds):
        g.add_node(n, label=node_label(search, world), depth=search.depth[n], initial=n == 0,
                   terminal=n in search.terminal, deadlock=n in search.deadlocks)
    for s, t, ident, alt in search.edges:
        entry = next(e for e in search.worlds[s].procs if e.ident == ident)
        op = search.rules.op_of(entry)
        text = op_text(session, op)
        name = session.name(ident)
        g.add_edge(s, t, process=name, op=text, line=op.loc[1], alt=alt,
                   label=f"{name}: {text}" + (f" :{op.loc[1]}" if op.loc[1] else ""))
    return g
