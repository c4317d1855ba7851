"""The HTML report of a check: one self-contained file that loads offline.

Inline SVG, CSS and a little JavaScript, nothing fetched: the verdict, each finding with its
explanation, fix and replay command, a step-through trace (previous/next, the arrow keys or a click
on a step highlight the step's line in a listing of the model's source and its state and move in
the graph) with one lane per process and a column per shared variable (its changes highlighted),
what each process printed up to that step, the information notes' runs stepped through the same
way, and the possible outcomes.  Without Graphviz's ``dot`` the report says so where the graph
would be.
"""
from __future__ import annotations

import json
from html import escape
from typing import NamedTuple

from .. import schedule as schedules
from ..errors import GraphvizMissing
from ..graph import violation_path
from ..i18n import _, language
from ..outcomes import final_values, output_lines as output_text
from ..report import (STRATEGY_NAMES, information_text, method_lines, methods_label,
                      outcome_lines, replay_command, search_status, verdict)
from ..trace import follow, readable, run_worlds
from .dot import finding_color, to_dot
from .files import draw
from . import DEFAULT_MAX_NODES
from .reduce import reduce


def html_report(result, max_nodes=DEFAULT_MAX_NODES) -> str:
    g = result.graph
    drawn = reduce(g, max_nodes)
    try:
        svg = draw(to_dot(drawn, g), "svg").decode()
        picture = f'<div id="graph">{svg[svg.index("<svg"):]}</div>'
    except GraphvizMissing as exc:
        missing = _("No picture of the state graph: {why}").format(why=exc)
        picture = f'<p class="note" id="no-graph">{escape(missing)}</p>'
    # The words the page's script shows, in the language of the report.
    runs = _runs(result, g)
    data = {"findings": [_steps(g, run) for run in runs],
            "where": _("finding [{finding}], step {step} of {steps}"),
            "labels": [run.where for run in runs]}
    title = " ".join(["mpsim check", result.model, *(["--", *result.argv] if result.argv else [])])
    stats = _("{strategy} search, {status}: {states} states and {transitions} transitions in "
              "{seconds} s. Graph: {graph}.").format(
        strategy=_(STRATEGY_NAMES[result.strategy]),
        status=search_status(result.complete, result.stop_reason), states=f"{result.states:,}",
        transitions=f"{result.transitions:,}", seconds=f"{result.elapsed_s:.2f}",
        graph=drawn.summary(g))
    body = [f"<h1>{escape(title)}</h1>",
            f'<p class="verdict {"bad" if result.violations else "good"}">{escape(verdict(result))}</p>',
            f'<p class="stats">{escape(stats)}</p>']
    if len(result.searches) > 1:
        body.append('<ul class="stats">' + "".join(f"<li>{escape(line)}</li>"
                                                   for line in method_lines(result)) + "</ul>")
    body += [_finding(k, run) for k, run in enumerate(runs) if run.kind == "finding"]
    body += _information(result, runs)
    body += _outcomes(result)
    body += [f'<p class="note">{escape(n)}</p>' for n in map(_("note: {note}").format, result.notes)]
    previous, following = escape(_("◀ previous")), escape(_("next ▶"))
    player = (f'<div id="player"><button id="prev" type="button">{previous}</button>'
              f'<span id="where"></span><button id="next" type="button">{following}</button></div>'
              if runs else "")
    return PAGE.format(title=escape(title), css=CSS, js=JS, left="\n".join(body), player=player,
                       lang="zh-CN" if language() == "zh" else "en",
                       graph_legend=escape(_("state graph: the current step's state and move are "
                                             "outlined in magenta")),
                       source=_listings(result.search.session.model), graph=picture,
                       data=json.dumps(data).replace("</", "<\\/"))


class _Run(NamedTuple):
    """A run the reader can step through: a finding's, or an information note's."""

    kind: str  # "finding" | "information"
    number: int
    title: str
    steps: list  # TraceStep
    choices: list
    why: str | None
    fix: str | None
    replay: str
    cycle_from: int | None
    where: str  # the player's words: "finding [1], step {step} of {steps}"
    search: object  # the search whose states the run goes through
    nodes: list  # the run's states as the drawn graph numbers them ([]: not drawn)
    methods: str = ""  # the start methods a finding needs, when several were searched


def _runs(result, g) -> list:
    where = _("finding [{finding}], step {step} of {steps}")
    runs = []
    for i, v in enumerate(result.violations, 1):
        search = _search_of(result, v.start_method, v.timing)
        label = methods_label(result, v.start_methods, v.start_method)
        runs.append(_Run("finding", i, v.title, v.steps, v.choices, v.explanation, v.fix,
                         replay_command(result.model, result.argv, v.schedule), v.cycle_from,
                         where.replace("{finding}", str(i)), search,
                         (violation_path(result, g, v) or ([], []))[0],
                         _("start methods: {methods}").format(methods=label) if label else ""))
    search = result.search
    where = _("information [{note}], step {step} of {steps}")
    for i, info in enumerate(result.information, 1):
        choices, timed, method = schedules.decode(info["schedule"])
        first = result.searches[0] if result.searches else None
        if timed != search.rules.timed or (first is not None and method not in (None, first.method)):
            continue  # a run of another search: not stepped through here (listed)
        steps = follow(search.rules, choices)[0]
        shim = _Shim(choices, first.method if first is not None else None)
        with search.session.naming(search.method):
            trace = readable(search.session, steps, fold=True)
        runs.append(_Run("information", i, information_text(info), trace, choices, None, None,
                         replay_command(result.model, result.argv, info["schedule"]),
                         None, where.replace("{note}", str(i)), search,
                         (violation_path(result, g, shim) or ([], []))[0]))
    return runs


class _Shim(NamedTuple):
    """What ``violation_path`` reads of a violation, for an information note's run."""

    choices: list
    start_method: str | None
    timing: str = "any"


def _search_of(result, method, timing):
    """The search a finding's run goes through: its start method's (the untimed one's when it
    needs unusual timing)."""
    for r in result.searches:
        if r.method == method:
            if timing == "untimed-only" and result.timing == "timed" and r.stress is not None:
                return r.stress
            return r.search
    return result.search


def _states(run) -> list:
    """For each step of a run's trace: (the world after it, for the values - followed in the
    program's rules, as a run may leave a reduced graph; the state and the move as drawn, for
    the picture: None when the run is not drawn)."""
    worlds = run_worlds(run.search.rules, run.choices)
    nodes = run.nodes
    out = []
    k = 0  # the state after the step: a folded step stands for several moves (TraceStep.moves)
    for s in run.steps:
        k += s.moves
        drawn = (nodes[min(k, len(nodes) - 1)] if nodes else None,
                 (nodes[k - 1], nodes[k]) if nodes and s.moves and 1 <= k < len(nodes) else None)
        out.append((worlds[min(k, len(worlds) - 1)], drawn))
    return out


def _steps(g, run) -> list:
    """For each step of a run's trace: its file and line, and the ids of its state and move."""
    steps = []
    for s, (_node, (drawn, move)) in zip(run.steps, _states(run)):
        file, _sep, line = s.location.rpartition(":")
        steps.append({"file": file, "line": int(line) if line.isdigit() else 0,
                      "node": None if drawn is None else f"s{drawn}",
                      "edge": None if move is None else f"e{g.edges[move]['index']}"})
    return steps


def _finding(k, run) -> str:
    """A run as a table: one lane per process, a column per shared variable (its changes
    highlighted)."""
    lanes = list(dict.fromkeys(s.process for s in run.steps))
    search = run.search
    values = [dict(final_values(search.session, world)) for world, _drawn in _states(run)]
    shared = list(values[-1]) if values else []
    rows = []
    dies = _("{process} dies: {error}")
    for n, s in enumerate(run.steps):
        loop = ' class="loop-start"' if run.cycle_from is not None and n == run.cycle_from else ""
        notes = [f'<div class="out">{escape(proc)}: {escape(text.rstrip())}</div>'
                 for proc, _stream, text in s.output] + [
                 f'<div class="died">✗ {escape(dies.format(process=proc, error=err))}</div>'
                 for proc, err in s.died]
        cell = (f"<code>{escape(s.op)}</code> → {escape(s.result)}"
                f'<div class="at">{escape(s.location)}</div>{"".join(notes)}')
        lane_cells = "".join(f'<td class="lane">{cell if p == s.process else ""}</td>' for p in lanes)
        var_cells = "".join(
            f'<td class="var{" changed" if n and values[n].get(x) != values[n - 1].get(x) else ""}"'
            f' data-var="{escape(x)}">{escape(values[n].get(x, ""))}</td>' for x in shared)
        rows.append(f'<tr data-finding="{k}" data-step="{n}"{loop}><td>{n + 1}</td>'
                    f"{lane_cells}{var_cells}</tr>")
    repeats = _("↻ marks step {step}: from there the run can repeat forever.")
    loop = (f'<p class="hint">{escape(repeats.format(step=run.cycle_from + 1))}</p>'
            if run.cycle_from is not None else "")
    heads = "".join(f'<th class="lane">{escape(p)}</th>' for p in lanes) + "".join(
        f'<th class="var">{escape(x)}</th>' for x in shared)
    colour = finding_color(run.number) if run.kind == "finding" else "#555"
    said = ""
    why, fix = _("why: {why}"), _("fix: {fix}")
    if run.why:
        said += f'<p class="why">{escape(why.format(why=run.why))}</p>'
    if run.fix:
        said += f'<p class="fix">{escape(fix.format(fix=run.fix))}</p>'
    replay_words = _("replay: {command}").split("{command}")[0].rstrip()
    return (f'<section class="{run.kind}" id="{run.kind}-{run.number}"><h2>'
            f'<span style="color:{colour}">[{run.number}]</span> {escape(run.title)}</h2>'
            + (f'<p class="methods">{escape(run.methods)}</p>' if run.methods else "") + f"{said}"
            f'<p class="replay">{escape(replay_words)} <code>{escape(run.replay)}</code></p>'
            f'<table class="trace"><thead><tr><th>#</th>{heads}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>{loop}{_outputs(k, run.steps)}</section>')


def _outputs(k, trace) -> str:
    """What each process printed in this run, line by line, tagged with the step that printed it."""
    by_proc = {}
    for n, s in enumerate(trace):
        for proc, stream, text in s.output:
            for line in text.rstrip("\n").split("\n"):
                by_proc.setdefault(proc, []).append(
                    f'<div class="line {stream}" data-step="{n}">{escape(line)}</div>')
    if not by_proc:
        nothing = escape(_("No process printed anything in this run."))
        return f'<p class="hint">{nothing}</p>'
    blocks = "".join(f'<div class="proc"><h4>{escape(p)}</h4>{"".join(lines)}</div>'
                     for p, lines in by_proc.items())
    heading = escape(_("output per process"))
    return f'<h3>{heading}</h3><div class="outputs" data-finding="{k}">{blocks}</div>'


def _information(result, runs) -> list:
    """The information notes: each stepped through like a finding (a run of the untimed search:
    listed with its replay command)."""
    if not result.information:
        return []
    stepped = {run.number: (k, run) for k, run in enumerate(runs) if run.kind == "information"}
    said = _("{text}:")
    items = "".join(f"<li>{escape(said.format(text=information_text(info)))} <code>"
                    f"{escape(replay_command(result.model, result.argv, info['schedule']))}"
                    "</code></li>" for i, info in enumerate(result.information, 1)
                    if i not in stepped)
    title = _("information (not a problem): output that some runs never print:").rstrip(":：")
    return ([f"<h2>{escape(title)}</h2>"] + ([f"<ul>{items}</ul>"] if items else [])
            + [_finding(k, run) for k, run in stepped.values()])


def _outcomes(result) -> list:
    """The possible outcomes: a row each (label, end states, final values, output, one run)."""
    data = result.outcomes
    if not data or not data["list"]:
        return []
    lines = outcome_lines(data, lambda sched: replay_command(result.model, result.argv, sched))
    labels = [line.split("]")[0].strip() + "]" for line in lines[1:] if line.startswith("  [")]
    rows = []
    dies = _("{process} dies: {error}")
    for item, label in zip(data["list"], labels):
        values = ", ".join(f"{v['name']} = {v['value']}" for v in item["values"])
        died = "".join(f'<div class="died">✗ {escape(dies.format(process=d["process"], error=d["error"]))}</div>'
                       for d in item["died"])
        out = "\n".join(output_text(item))
        replay = replay_command(result.model, result.argv, item["schedule"])
        rows.append(f"<tr><td>{escape(label)}</td><td>{item['end_states']}</td>"
                    f"<td>{escape(values)}{died}</td>"
                    f'<td><pre class="output">{escape(out)}</pre></td>'
                    f'<td><code class="replay">{escape(replay)}</code></td></tr>')
    more = [f'<p class="note">{escape(x.strip())}</p>' for x in lines[1:] if x.startswith("  (")]
    heads = "".join(f"<th>{escape(h)}</th>" for h in
                    ("", _("end states"), _("final values"), _("output"), _("one run")))
    title = escape(_("possible outcomes"))
    return [f'<h2>{title}</h2><p class="hint">{escape(lines[0])}</p>'
            f'<table class="outcomes"><thead><tr>{heads}</tr></thead><tbody>{"".join(rows)}'
            f"</tbody></table>", *more]


def _listings(model) -> str:
    out = []
    for path, sf in model.files.items():
        shown = escape(model.shown(path))
        lines = "".join(f'<div class="src" data-line="{n}"><span class="no">{n}</span>'
                        f"<code>{escape(text) or ' '}</code></div>"
                        for n, text in enumerate(sf.source.splitlines(), 1))
        out.append(f'<div class="listing" data-file="{shown}"><h4>{shown}</h4>{lines}</div>')
    return "".join(out)


PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}</style></head>
<body>
<div id="left">
{left}
</div>
<div id="right">
{player}
<div id="source">{source}</div>
<div id="zoom"><button id="zoom-out" type="button">−</button><button id="zoom-in" type="button">+</button>
<span>{graph_legend}</span></div>
{graph}
</div>
<script type="application/json" id="data">{data}</script>
<script>{js}</script>
</body></html>
"""

CSS = """
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #222; display: flex; height: 100vh; }
#left { flex: 1 1 50%; overflow: auto; padding: 0 18px 24px; }
#right { flex: 1 1 50%; display: flex; flex-direction: column; border-left: 1px solid #ccc; min-width: 0; }
h1 { font-size: 18px; margin: 14px 0 6px; }
h2 { font-size: 16px; margin: 18px 0 6px; }
h3 { font-size: 14px; margin: 12px 0 4px; }
h4 { margin: 4px 0; font-size: 13px; }
.verdict { font-size: 16px; font-weight: bold; }
.verdict.bad { color: #b00000; }
.verdict.good { color: #1d6b1d; }
.stats, .hint, .note { color: #555; }
.why { background: #fff7e0; border-left: 4px solid #e0a800; padding: 6px 10px; }
code { font: 12.5px/1.3 ui-monospace, monospace; }
.replay code { background: #f2f2f2; padding: 2px 4px; user-select: all; }
table.trace { border-collapse: collapse; width: 100%; font-size: 13px; }
.trace th, .trace td { text-align: left; padding: 2px 6px; border-bottom: 1px solid #eee; vertical-align: top; }
.trace tbody tr { cursor: pointer; }
.trace tbody tr:hover { background: #f4f4ff; }
.trace tr.current { background: #ffe3ff; outline: 2px solid #c000c0; }
.trace tr.loop-start td:first-child::before { content: "↻ "; }
.trace td.lane { min-width: 9em; }
.trace .at { color: #888; font-size: 11px; }
.trace th.var, .trace td.var { background: #f6f9ff; font: 12px ui-monospace, monospace; }
.trace td.var.changed { background: #ffe08a; font-weight: bold; }
table.outcomes { border-collapse: collapse; font-size: 13px; }
.outcomes th, .outcomes td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #eee; vertical-align: top; }
.outcomes pre.output { margin: 0; font: 12px ui-monospace, monospace; }
.out { color: #355; font: 12px ui-monospace, monospace; }
.died { color: #b00000; }
.outputs { display: flex; flex-wrap: wrap; gap: 8px; }
.proc { border: 1px solid #ddd; padding: 4px 8px; min-width: 160px; }
.proc .line { font: 12px ui-monospace, monospace; white-space: pre-wrap; }
.proc .line.stderr { color: #b00000; }
.proc .line.later { color: #bbb; }
.proc .line.now { background: #ffe3ff; }
#player { padding: 8px; border-bottom: 1px solid #ccc; display: flex; gap: 10px; align-items: center; }
#player button, #zoom button { font-size: 14px; padding: 3px 10px; }
#source { flex: 0 0 34%; overflow: auto; border-bottom: 1px solid #ccc; padding: 0 8px; }
.listing { display: none; }
.listing.shown { display: block; }
.src { white-space: pre; font: 12.5px/1.35 ui-monospace, monospace; }
.src .no { display: inline-block; width: 3em; color: #999; text-align: right; margin-right: 10px; }
.src.current { background: #ffe3ff; outline: 1px solid #c000c0; }
#zoom { padding: 4px 8px; color: #555; font-size: 12px; display: flex; gap: 6px; align-items: center; }
#graph { flex: 1 1 auto; overflow: auto; background: #fafafa; }
#graph g.node.current a > path:first-of-type { stroke: #d000d0; stroke-width: 6px; }
#graph g.node.current { filter: drop-shadow(0 0 6px #d000d0); }
#graph g.edge.current path { stroke: #d000d0; stroke-width: 5px; }
#graph g.edge.current polygon { stroke: #d000d0; fill: #d000d0; }
#no-graph { padding: 10px; }
"""

JS = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var svg = document.querySelector("#graph svg");
  var natural = svg ? svg.width.baseVal.value : 0;
  var zoom = 1;
  var cur = { finding: 0, step: 0 };

  function mark(selector, on) {
    document.querySelectorAll(selector).forEach(function (el) { el.classList.remove("current"); });
    if (on) { on.classList.add("current"); }
  }
  function centre(box, el) {
    var b = box.getBoundingClientRect(), r = el.getBoundingClientRect();
    box.scrollLeft += (r.left + r.width / 2) - (b.left + b.width / 2);
    box.scrollTop += (r.top + r.height / 2) - (b.top + b.height / 2);
  }
  function show(finding, step) {
    var steps = data.findings[finding];
    step = Math.max(0, Math.min(step, steps.length - 1));
    cur = { finding: finding, step: step };
    var s = steps[step];
    var row = document.querySelector('tr[data-finding="' + finding + '"][data-step="' + step + '"]');
    mark(".trace tr.current", row);
    if (row) { row.scrollIntoView({ block: "nearest" }); }
    document.getElementById("where").textContent =
      data.labels[finding].replace("{step}", step + 1)
        .replace("{steps}", steps.length);
    document.querySelectorAll(".listing").forEach(function (l) {
      l.classList.toggle("shown", l.dataset.file === s.file ||
        (!s.file && l === document.querySelector(".listing")));
    });
    var listing = document.querySelector(".listing.shown");
    var line = s.line && listing ? listing.querySelector('.src[data-line="' + s.line + '"]') : null;
    mark(".src.current", line);
    if (line) { centre(document.getElementById("source"), line); }
    document.querySelectorAll(".outputs").forEach(function (box) {
      var mine = Number(box.dataset.finding) === finding;
      box.querySelectorAll(".line").forEach(function (l) {
        var n = Number(l.dataset.step);
        l.classList.toggle("later", mine && n > step);
        l.classList.toggle("now", mine && n === step);
      });
    });
    if (svg) {
      var node = document.getElementById(s.node);
      mark("#graph g.node.current", node);
      mark("#graph g.edge.current", s.edge ? document.getElementById(s.edge) : null);
      if (node) { centre(document.getElementById("graph"), node); }
    }
  }
  function setZoom(z) {
    zoom = Math.max(0.1, Math.min(z, 3));
    svg.style.width = natural * zoom + "px";
    svg.style.height = "auto";
    show(cur.finding, cur.step);
  }
  if (data.findings.length) {
    document.getElementById("prev").addEventListener("click", function () { show(cur.finding, cur.step - 1); });
    document.getElementById("next").addEventListener("click", function () { show(cur.finding, cur.step + 1); });
    document.querySelectorAll(".trace tbody tr").forEach(function (row) {
      row.addEventListener("click", function () { show(Number(row.dataset.finding), Number(row.dataset.step)); });
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "ArrowRight") { show(cur.finding, cur.step + 1); }
      if (e.key === "ArrowLeft") { show(cur.finding, cur.step - 1); }
    });
  } else {
    var first = document.querySelector(".listing");
    if (first) { first.classList.add("shown"); }
  }
  if (svg) {
    document.getElementById("zoom-in").addEventListener("click", function () { setZoom(zoom * 1.25); });
    document.getElementById("zoom-out").addEventListener("click", function () { setZoom(zoom / 1.25); });
  } else {
    document.getElementById("zoom").style.display = "none";
  }
  if (data.findings.length) { show(0, 0); }
})();
"""
