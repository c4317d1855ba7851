"""The state graph in Graphviz's DOT language, written by mpsim itself (no dependency).

One box per state: a header (its number and what is special about it), a line per process (its
next operation and source line; blocked in red; or done) and a line per primitive, named by the
model's variable.  Edges carry ``process: operation :line``.  Colours and a legend (the graph's
label) mark the initial state, ends of the program, deadlocks, exceptions, states that can never
finish, the moves after which the program can no longer finish, and each finding's path, numbered.
Nodes have ids ``s<state>`` and edges ``e<edge index>`` for the HTML report.
"""
from __future__ import annotations

from html import escape

from .reduce import Drawn

FINDING_COLORS = ["#d62728", "#1f77b4", "#9467bd", "#e07b00", "#2ca02c", "#8c564b", "#e377c2"]
KINDS = {  # what is special about a state -> (header word, fill, border); first match wins
    "deadlock": ("DEADLOCK", "#ffd2d2", "#c00000"),
    "exception": ("exception", "#ffe2b3", "#c96a00"),
    "terminal": ("end", "#d9f2d9", "#2e7d32"),
    "doomed": ("never ends", "#fff3b8", "#a07800"),
}
LEGEND = {
    "deadlock": "unfinished processes, none can move",
    "exception": "a process died of an uncaught exception on the move into it",
    "terminal": "the end of the program: every process finished",
    "doomed": "no run from here reaches the end of the program",
}
NO_RETURN = "#c00000"
LOOP = "↻"
START = "#1f4e9c"
FONT = "Helvetica"


def to_dot(drawn: Drawn, full) -> str:
    g = drawn.graph
    lines = ["digraph mpsim {",
             f'  graph [rankdir=TB, fontname="{FONT}", fontsize=11, nodesep=0.3, ranksep=0.35, '
             f'labelloc=t, labeljust=l, label=<{_legend(drawn, full)}>];',
             f'  node [shape=box, style="rounded,filled", fontname="{FONT}", fontsize=10, '
             f'margin="0.06,0.03"];',
             f'  edge [fontname="{FONT}", fontsize=9, color="#8a8a8a", fontcolor="#404040", '
             f'arrowsize=0.6];',
             f'  start [shape=point, width=0.12, color="{START}", label=""];',
             f'  start -> s0 [color="{START}", penwidth=2];']
    for n, d in g.nodes(data=True):
        lines.append(f"  {_node(n, d, *_shown(drawn, d))}")
    for s, t, d in g.edges(data=True):
        lines.append(f"  {_edge(s, t, d, g, *_shown(drawn, d))}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _shown(drawn, d) -> tuple:
    """The drawn findings whose path, and whose loop, goes through a node or an edge."""
    return ([i for i in d["findings"] if i in drawn.findings],
            [i for i in d["loops"] if i in drawn.findings])


def _kind(d) -> str | None:
    return next((k for k in KINDS if d.get(k)), None)


def _node(n, d, findings, loops) -> str:
    kind = _kind(d)
    fill, border = KINDS[kind][1:] if kind else ("#ffffff", START if d["initial"] else "#777777")
    head = [f"<b>#{n}</b>"]
    if d["initial"]:
        head.append(f'<font color="{START}">start</font>')
    head += [f'<font color="{KINDS[k][2]}"><b>{KINDS[k][0]}</b></font>' for k in KINDS
             if d.get(k) and not (k == "doomed" and (d["deadlock"] or not d["detail"]))]
    head += [f'<font color="{finding_color(i)}"><b>{tag}</b></font>' for i, tag in _tags(findings)]
    if loops:
        head.append(f'<font color="{finding_color(loops[0])}"><b>{LOOP} loop</b></font>')
    rows = [f'<tr><td align="left" colspan="2">{"  ".join(head)}</td></tr>']
    if d["detail"]:
        rows += [_process_row(p) for p in d["processes"]]
        rows += ["<hr/>"] if d["primitives"] else []
        rows += [f'<tr><td align="left"><i>{escape(p["name"])}</i></td>'
                 f'<td align="left">{escape(p["state"])}</td></tr>' for p in d["primitives"]]
    if d["hidden"]:
        more = f'+{d["hidden"]} move{"s" if d["hidden"] > 1 else ""}' + (
            " to states not drawn" if d["detail"] else "")
        rows.append(f'<tr><td align="left" colspan="2"><font color="#777777" point-size="8"><i>'
                    f'{more}</i></font></td></tr>')
    label = '<table border="0" cellborder="0" cellspacing="0" cellpadding="1">' + "".join(rows) + "</table>"
    style = "rounded,filled" + (",dashed" if kind == "doomed" else "")
    width = 2.4 if d["initial"] or kind in ("deadlock", "exception") else 1.2
    tooltip = f"state {n}\n{d['label']}"
    return (f's{n} [id="s{n}", label=<{label}>, fillcolor="{fill}", color="{border}", '
            f'style="{style}", penwidth={width}{", peripheries=2" if d["terminal"] else ""}, '
            f'tooltip="{_quote(tooltip)}"];')


def _process_row(p) -> str:
    name = f'<td align="left">{escape(p["name"])}</td>'
    if p["status"] == "done":
        code = f' (exit code {p["exitcode"]})' if p["exitcode"] else ""
        return f'<tr>{name}<td align="left"><font color="#777777">done{escape(code)}</font></td></tr>'
    where = f' :{p["line"]}' if p["line"] else ""
    text = escape(p["op"] + where)
    if p["status"] == "blocked":
        return (f'<tr>{name}<td align="left"><font color="#c00000">{text} '
                f'<b>blocked</b></font></td></tr>')
    return f'<tr>{name}<td align="left">{text}</td></tr>'


def _edge(s, t, d, g, findings, loops) -> str:
    label = d["label"] + "".join(f"\n✗ {err}" for err in d["raised"])
    attrs = [f'id="e{d["index"]}"']
    no_return = _no_return(g, s, t)
    if findings:
        colors = [finding_color(i) for i in findings[:4]]
        label = "".join(tag for _, tag in _tags(findings)) + (LOOP if loops else "") + " " + label
        attrs += [f'color="{":".join(colors)}"', f'fontcolor="{colors[0]}"',
                  f"penwidth={3.6 if loops else 2.4}"]
    elif no_return:
        attrs += [f'color="{NO_RETURN}"', f'fontcolor="{NO_RETURN}"', "penwidth=1.6"]
    if no_return:
        attrs.append("style=dashed")
    shown = g.nodes[s]["detail"] or g.nodes[t]["detail"]
    attrs.append(f'{"label" if shown else "tooltip"}="{_quote(label)}"')
    return f"s{s} -> s{t} [{', '.join(attrs)}];"


def _legend(drawn, full) -> str:
    meta = full.graph
    model = " ".join([meta["model"]] + (["--", *meta["argv"]] if meta["argv"] else []))
    done = "complete" if meta["complete"] else "cut short (a budget stopped the search)"
    rows = [f'<tr><td align="left" colspan="2"><b>{escape(model)}</b>: {len(full):,} states, '
            f'{full.number_of_edges():,} transitions; search {done}</td></tr>']
    rows.append(_swatch(f'bgcolor="#ffffff" color="{START}"',
                        "start: the initial state (arrow from the dot)"))
    for kind, (word, fill, border) in KINDS.items():
        if any(d[kind] for _, d in drawn.graph.nodes(data=True)):
            rows.append(_swatch(f'bgcolor="{fill}" color="{border}"', f"<b>{word}</b> — {LEGEND[kind]}"))
    if not meta["complete"]:
        rows.append(_text_row("search cut short: states that can never finish are not marked"))
    if any(_no_return(drawn.graph, s, t) for s, t in drawn.graph.edges):
        rows.append(_arrow(NO_RETURN, "dashed: the move after which the program can no longer finish"))
    rows.append(_text_row('<font color="#c00000">red</font> process line: blocked (cannot move '
                          'in this state)'))
    for f in meta["findings"]:
        if f["number"] in drawn.findings:
            rows.append(_arrow(finding_color(f["number"]), f'<b>[{f["number"]}]</b> path of finding '
                               f'{f["number"]}: {escape(_shorten(f["title"], 110))}'))
    if any(_shown(drawn, d)[1] for _, d in drawn.graph.nodes(data=True)):
        rows.append(_text_row(f"<b>{LOOP} loop</b>, thick arrows: the steps a non-termination "
                              "finding can repeat forever"))
    left = len(meta["findings"]) - len(drawn.findings)
    if left:
        many = left > 1
        rows.append(_text_row(f"the path{'s' if many else ''} of {left} more finding{'s' if many else ''} "
                              f"{'are' if many else 'is'} not drawn (raise --max-nodes to draw "
                              f"{'them' if many else 'it'})"))
    if drawn.reduced:
        rows.append(_text_row(f'<b>reduced view</b>: {escape(drawn.summary(full))}'))
    return '<table border="0" cellborder="0" cellspacing="2" cellpadding="2">' + "".join(rows) + "</table>"


def _no_return(g, s, t) -> bool:
    return bool(g.nodes[t]["doomed"] and not g.nodes[s]["doomed"])


def _swatch(cell, text) -> str:
    return (f'<tr><td border="1" {cell} width="30" height="16" style="rounded"> </td>'
            f'<td align="left">{text}</td></tr>')


def _arrow(color, text) -> str:
    return f'<tr><td><font color="{color}"><b>——▶</b></font></td><td align="left">{text}</td></tr>'


def _text_row(text) -> str:
    return f'<tr><td></td><td align="left">{text}</td></tr>'


def _tags(findings) -> list:
    """(first number, tag) for each run of consecutive finding numbers: [1], [2-5]."""
    runs = []
    for i in findings:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return [(r[0], f"[{r[0]}]" if len(r) == 1 else f"[{r[0]}-{r[-1]}]") for r in runs]


def finding_color(i) -> str:
    """The colour of finding ``i`` (numbered from 1) in pictures and the HTML report."""
    return FINDING_COLORS[(i - 1) % len(FINDING_COLORS)]


def _shorten(text, n) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"


def _quote(text) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
