"""Writing the state graph to a file, in the format its extension names: .dot, .svg, .png, .json.

DOT is mpsim's own text; SVG and PNG are drawn from it by Graphviz's ``dot`` program (through the
``graphviz`` package).  Without ``dot`` the DOT text is written next to the requested file and
``GraphvizMissing`` says how to install it.  JSON is the whole graph, however big.
"""
from __future__ import annotations

import json
import os

import graphviz

from ..errors import GraphvizMissing, MpsimError
from .dot import to_dot
from . import DEFAULT_MAX_NODES, FORMATS
from .reduce import reduce

INSTALL = ("apt-get install graphviz (Debian/Ubuntu), brew install graphviz (macOS), "
           "conda install -c conda-forge graphviz (conda)")


def format_of(path) -> str:
    fmt = os.path.splitext(path)[1].lstrip(".").lower()
    if fmt not in FORMATS:
        raise MpsimError(f"{path}: cannot tell the format; name the file .dot, .svg, .png or .json")
    return fmt


def write_file(path, text: str):
    _write(path, text.encode())


def write_graph(g, path, max_nodes=DEFAULT_MAX_NODES) -> str:
    """Write the graph to ``path``; returns a line saying what was written."""
    fmt = format_of(path)
    if fmt == "json":
        _write(path, json.dumps(to_json(g), ensure_ascii=False).encode())
        return f"wrote {path}: the whole graph, {len(g):,} states and {g.number_of_edges():,} transitions"
    drawn = reduce(g, max_nodes)
    text = to_dot(drawn, g)
    if fmt == "dot":
        _write(path, text.encode())
    else:
        try:
            _write(path, draw(text, fmt))
        except GraphvizMissing:
            fallback = os.path.splitext(path)[0] + ".dot"
            _write(fallback, text.encode())
            raise GraphvizMissing(f"Graphviz's dot program is not installed, so {path} was not "
                                  f"drawn (wrote {fallback} instead); install it with: {INSTALL}") from None
    return f"wrote {path}: {drawn.summary(g)}"


def draw(dot_text: str, fmt: str) -> bytes:
    """Run Graphviz's ``dot`` on DOT text: the SVG or PNG bytes."""
    try:
        return graphviz.pipe("dot", fmt, dot_text.encode(), quiet=True)
    except graphviz.ExecutableNotFound:
        raise GraphvizMissing("Graphviz's dot program is not installed; install it with: "
                              f"{INSTALL}") from None


def to_json(g) -> dict:
    """networkx's node-link form: graph attributes, nodes with ``id``, edges with ``source``/``target``."""
    return {"directed": True, "multigraph": False, "graph": g.graph,
            "nodes": [{"id": n, **d} for n, d in g.nodes(data=True)],
            "edges": [{"source": s, "target": t, **d} for s, t, d in g.edges(data=True)]}


def _write(path, data: bytes):
    try:
        with open(path, "wb") as f:
            f.write(data)
    except OSError as exc:
        raise MpsimError(f"cannot write {path}: {exc.strerror}") from None
