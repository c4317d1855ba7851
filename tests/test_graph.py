"""State graphs: the networkx graph's attributes, ``mpsim graph`` in DOT, SVG, PNG and JSON, the
reduced picture of a big graph, the message when Graphviz's ``dot`` is missing, and the HTML
report's content (its behaviour in a browser is tests/test_html_browser.py).

CLI tests run the real command (``python -m mpsim``) from the repository root.  Tests that need
Graphviz's ``dot`` are skipped, saying so, when it is not installed.
"""
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

import mpsim
from clitools import PINNED, pinned
from mpsim.render.dot import to_dot
from mpsim.render.reduce import reduce

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
needs_dot = pytest.mark.skipif(shutil.which("dot") is None,
                               reason="Graphviz's dot is not installed (apt-get install graphviz)")


def mpsim_cli(*words, env=None):
    return subprocess.run([sys.executable, "-m", "mpsim", *pinned(words)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=env)


@pytest.fixture(scope="module")
def abba():
    # (a module's fixture is made before conftest's pinning of the start methods: pinned here)
    return mpsim.check(os.path.join(ROOT, "models/abba.py"), start_methods=PINNED).graph


def _only(g, attr):
    found = [n for n, d in g.nodes(data=True) if d[attr]]
    assert len(found) == 1, found
    return found[0]


# -- the networkx graph ----------------------------------------------------------------------------

def test_graph_attributes_of_the_abba_deadlock(abba):
    dead = _only(abba, "deadlock")
    d = abba.nodes[dead]
    assert [(p["name"], p["status"], p["op"], p["line"]) for p in d["processes"]] == [
        ("MainProcess", "blocked", "worker-1.join()", 46),
        ("worker-1", "blocked", "lock_b.acquire()", 21),
        ("worker-2", "blocked", "lock_a.acquire()", 29)]
    assert d["primitives"] == [{"name": "lock_a", "state": "worker-1"},
                               {"name": "lock_b", "state": "worker-2"}]
    assert "worker-1: lock_b.acquire() :21 (blocked)" in d["label"].splitlines()
    assert d["doomed"] and d["findings"] == [1] and not d["terminal"]
    # the two ways into the deadlock: each worker's first acquire, in either order
    assert sorted(e["label"] for _, _, e in abba.in_edges(dead, data=True)) == [
        "worker-1: lock_a.acquire() :20", "worker-2: lock_b.acquire() :28"]
    end = _only(abba, "terminal")
    assert not abba.nodes[end]["doomed"]
    assert [p["status"] for p in abba.nodes[end]["processes"]] == ["done"] * 3
    assert abba.nodes[0]["initial"] and abba.graph["findings"][0]["kind"] == "deadlock"
    on_path = [(s, t) for s, t, e in abba.edges(data=True) if e["findings"] == [1]]
    assert len(on_path) == 6 and on_path[-1][1] == dead  # two starts, two begins, two acquires


def test_exception_state_and_edge():
    g = mpsim.check(os.path.join(ROOT, "models/counter.py")).graph
    raised = [e for _, _, e in g.edges(data=True) if e["raised"]]
    assert [e["raised"] for e in raised] == [["AssertionError: lost update: expected 2, got 1"]]
    state = _only(g, "exception")
    assert g.nodes[state]["processes"][0]["exitcode"] == 1


def test_loop_of_a_non_termination_finding():
    g = mpsim.check(os.path.join(ROOT, "models/traffic_forever.py")).graph
    assert all(d["doomed"] for _, d in g.nodes(data=True))  # the program can never finish
    loop = [d for _, d in g.nodes(data=True) if d["loops"] == [1]]
    assert len(loop) >= 2 and all("light" in p["name"] or p["status"] != "runs"
                                  for d in loop for p in d["processes"])


def test_states_are_not_doomed_when_the_search_was_cut_short():
    g = mpsim.check(os.path.join(ROOT, "models/traffic_forever.py"), max_states=50).graph
    assert {d["doomed"] for _, d in g.nodes(data=True)} == {None}
    assert any(p["status"] == "unexplored" for _, d in g.nodes(data=True) for p in d["processes"])


# -- DOT and JSON ---------------------------------------------------------------------------------

def test_dot_labels_and_marks(tmp_path, abba):
    out = tmp_path / "abba.dot"
    proc = mpsim_cli("graph", "models/abba.py", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"wrote {out}: all 44 states and 66 transitions drawn\n"
    dot = out.read_text()
    dead = _only(abba, "deadlock")
    line = next(x for x in dot.splitlines() if x.strip().startswith(f"s{dead} ["))
    assert "DEADLOCK" in line and 'fillcolor="#ffd2d2"' in line
    assert "lock_b.acquire() :21 <b>blocked</b>" in line and "lock_a.acquire() :29 <b>blocked</b>" in line
    assert "<i>lock_a</i></td><td align=\"left\">worker-1" in line
    assert 'label="worker-1: lock_a.acquire() :20"' in dot
    assert 'label="[1] MainProcess: worker-1.start() :44"' in dot
    assert "start -> s0" in dot and "path of finding 1: Deadlock" in dot
    end = _only(abba, "terminal")
    assert "peripheries=2" in next(x for x in dot.splitlines() if x.strip().startswith(f"s{end} ["))


def test_json_is_the_whole_graph(tmp_path):
    out = tmp_path / "ph.json"
    proc = mpsim_cli("graph", "models/philosophers.py", "-o", str(out), "--", "5", "naive", "forever")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text())
    states = mpsim.check(os.path.join(ROOT, "models/philosophers.py"), ["5", "naive", "forever"])
    assert len(data["nodes"]) == states.states > 150
    assert len(data["edges"]) == states.transitions
    assert proc.stdout.startswith(f"wrote {out}: the whole graph, {states.states:,} states")
    node = data["nodes"][0]
    assert {"id", "label", "processes", "primitives", "initial", "terminal", "deadlock",
            "exception", "doomed", "findings", "loops"} <= set(node)
    assert {"source", "target", "label", "process", "op", "line", "findings"} <= set(data["edges"][0])
    assert data["graph"]["argv"] == ["5", "naive", "forever"]


def test_big_graphs_are_reduced_to_the_findings_paths_and_their_neighbours(tmp_path):
    g = mpsim.check(os.path.join(ROOT, "models/philosophers.py"), ["5", "naive", "forever"]).graph
    drawn = reduce(g, 60)
    assert drawn.reduced and len(drawn.graph) <= 60 < len(g)
    on_paths = {n for n, d in g.nodes(data=True) if set(d["findings"]) & set(drawn.findings)}
    assert on_paths <= set(drawn.graph) and drawn.findings[0] == 1
    assert {n for n, d in drawn.graph.nodes(data=True) if d["detail"]} == on_paths
    assert drawn.left_states == len(g) - len(drawn.graph)
    dot = to_dot(drawn, g)
    assert len(re.findall(r"^  s\d+ \[", dot, re.M)) == len(drawn.graph)
    assert "reduced view" in dot and re.search(r"\+\d+ moves?<", dot)
    assert "the path of finding 1 (of 2)" in drawn.summary(g)
    assert "the path of 1 more finding is not drawn" in dot
    out = tmp_path / "ph.dot"
    proc = mpsim_cli("graph", "models/philosophers.py", "-o", str(out), "--max-nodes", "60",
                     "--", "5", "naive", "forever")
    assert proc.returncode == 0, proc.stderr
    assert re.match(rf"wrote {re.escape(str(out))}: drawn \d+ of {len(g):,} states: .*; left out "
                    r"[\d,]+ states and [\d,]+ transitions \(write a \.json file for the whole graph\)\n$",
                    proc.stdout), proc.stdout


def test_small_graphs_are_drawn_whole(abba):
    drawn = reduce(abba)
    assert not drawn.reduced and len(drawn.graph) == len(abba) and drawn.left_edges == 0


def test_without_findings_the_reduced_view_follows_a_run_to_the_end():
    g = mpsim.check(os.path.join(ROOT, "models/philosophers.py"), ["3", "ordered"]).graph
    drawn = reduce(g, 20)
    ends = [n for n, d in drawn.graph.nodes(data=True) if d["terminal"] and d["detail"]]
    assert ends and drawn.about == "the shortest run to the end of the program"


# -- rendering with Graphviz -----------------------------------------------------------------------

@needs_dot
def test_svg_of_abba_shows_both_paths_into_the_deadlock(tmp_path, abba):
    out = tmp_path / "abba.svg"
    proc = mpsim_cli("graph", "models/abba.py", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    svg = out.read_text()
    dead = _only(abba, "deadlock")
    assert svg.count(f'<g id="s{dead}" class="node">') == 1
    for before in abba.predecessors(dead):
        assert f"<title>s{before}&#45;&gt;s{dead}</title>" in svg
    assert "DEADLOCK" in svg
    assert "lock_b.acquire() :21" in svg and "lock_a.acquire() :29" in svg
    assert "worker&#45;2: lock_b.acquire() :28" in svg


@needs_dot
def test_png_and_check_graph(tmp_path):
    out = tmp_path / "t.png"
    proc = mpsim_cli("check", "models/traffic_forever.py", "--graph", str(out), "--json",
                     "--max-nodes", "40")
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["violations"][0]["kind"] == "nontermination"
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert re.search(r"mpsim: wrote .*t\.png: drawn \d+ of [\d,]+ states", proc.stderr)


def test_missing_dot_writes_the_dot_file_and_says_how_to_install(tmp_path):
    env = dict(os.environ, PATH=str(tmp_path))  # no dot on this PATH
    out = tmp_path / "abba.svg"
    proc = mpsim_cli("graph", "models/abba.py", "-o", str(out), env=env)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.splitlines()) == 1
    assert proc.stderr.startswith("mpsim: Graphviz's dot program is not installed, so ")
    for install in ("apt-get install graphviz", "brew install graphviz",
                    "conda install -c conda-forge graphviz"):
        assert install in proc.stderr
    assert not out.exists() and "DEADLOCK" in (tmp_path / "abba.dot").read_text()
    report = tmp_path / "r.html"
    proc = mpsim_cli("check", "models/abba.py", "--html", str(report), env=env)
    assert proc.returncode == 1, proc.stderr
    html = report.read_text()
    assert "No picture of the state graph: Graphviz" in html and "<svg" not in html


def test_unknown_graph_format_is_a_usage_error():
    proc = mpsim_cli("graph", "models/abba.py", "-o", "abba.gif")
    assert proc.returncode == 2
    assert "name the file .dot, .svg, .png or .json" in proc.stderr


# -- the HTML report's content ----------------------------------------------------------------------

@needs_dot
def test_html_report_is_self_contained(tmp_path):
    out = tmp_path / "r.html"
    proc = mpsim_cli("check", "models/abba.py", "--html", str(out))
    assert proc.returncode == 1, proc.stderr
    html = out.read_text()
    assert "1 problem found" in html and "each waits for a lock another one holds" in html
    assert "fix: Take the locks in one order in every process (lock_a, lock_b)" in html
    assert "mpsim run models/abba.py --schedule &#x27;mpsim2:spawn:0*2/1*2/2*2&#x27;" in html
    assert html.count("<svg") == 1 and 'id="next"' in html and 'data-line="21"' in html
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", html)
    assert not re.search(r"url\(|@import|https?://(?!www\.w3\.org/)", html)
