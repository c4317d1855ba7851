"""Search strategies and what a search that stops early says it covered.

- preemption bounding with no bound explores the whole graph: the same states and findings as
  breadth-first, non-termination included;
- with a bound it finds exactly the bugs that need no more preemptions than the bound, and says so;
- --stop-at-first stops at a shortest finding;
- a breadth-first search stopped by a budget names the depth it covered, and that is true;
- auto: breadth-first, then preemption-bounded, never claiming completeness.
"""
import os
import re

import pytest

import mpsim
from clitools import validate
from mpsim.cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def findings(result):
    return sorted((v.kind, v.error or "") for v in result.violations)


@pytest.mark.parametrize("path,argv", [
    ("models/abba.py", []),
    ("models/philosophers.py", ["3", "naive"]),
    ("models/philosophers.py", ["3", "ordered", "forever"]),
    ("models/traffic_forever.py", ["1"]),
    ("models/counter.py", ["racy", "2"]),
    ("models/queue_join_deadlock.py", []),
])
def test_unbounded_preemption_search_is_the_full_search(path, argv):
    full = mpsim.check(path, argv, start_method="fork", reduce=False)  # (preemption: no reduction)
    bounded = mpsim.check(path, argv, start_method="fork", strategy="preemption")
    assert bounded.complete and bounded.stop_reason == "complete" and not bounded.covered
    assert bounded.states == full.states
    assert bounded.transitions == full.transitions
    assert findings(bounded) == findings(full)


def test_a_preemption_bound_finds_exactly_the_bugs_within_it():
    # Three naive philosophers deadlock once one of them is switched out holding its left fork
    # while it could take the right one: one preemption (a switch away from a process that has
    # just blocked is free).  Without any, each eats in turn.
    args = dict(start_method="fork", strategy="preemption")
    r = mpsim.check("models/philosophers.py", ["3", "naive"], max_preemptions=0, **args)
    assert r.violations == []
    assert not r.complete and r.stop_reason == "preemption bound (0)"
    assert r.covered.startswith("every run with at most 0 preemptions")
    assert r.exit_code == 3
    r = mpsim.check("models/philosophers.py", ["3", "naive"], max_preemptions=1, **args)
    assert [v.kind for v in r.violations] == ["deadlock"]
    (found,) = r.search.found.values()
    assert preemptions(r.search, found.node) == 1
    # ... the correct order needs no bound to be clean, and the bound is reported as such
    r = mpsim.check("models/philosophers.py", ["3", "ordered"], max_preemptions=2, **args)
    assert r.violations == [] and r.covered.startswith("every run with at most 2 preemptions")


def preemptions(search, node) -> int:
    """Preemptions along the run the search reports for ``node``: switches away from a process
    that had a move where the switch happened."""
    nodes = [node]
    while nodes[-1] > 0:
        nodes.append(search.parent[nodes[-1]])
    nodes.reverse()
    count, last = 0, None
    for s, t in zip(nodes, nodes[1:]):
        ident = search.via[t][0]
        if last is not None and ident != last and any(
                mv.ident == last for mv in search.rules.moves(search.worlds[s])):
            count += 1
        last = ident
    return count


def test_a_budget_ends_a_preemption_search_at_a_complete_level():
    r = mpsim.check("models/philosophers.py", ["4", "naive", "forever"], start_method="fork",
                    strategy="preemption", max_states=100)
    assert not r.complete and r.stop_reason == "state limit (100 states)"
    k = r.search.bounded
    assert k >= 0 and r.covered.startswith(f"every run with at most {k} preemption")
    # every state reachable with at most k preemptions was explored
    within = mpsim.check("models/philosophers.py", ["4", "naive", "forever"], start_method="fork",
                         strategy="preemption", max_preemptions=k)
    assert set(within.search.worlds) <= set(r.search.worlds)


def test_stop_at_first_reports_a_shortest_finding():
    full = mpsim.check("models/philosophers.py", ["4", "naive"], start_method="fork")
    first = mpsim.check("models/philosophers.py", ["4", "naive"], start_method="fork",
                        stop_at_first=True)
    assert [v.kind for v in first.violations] == ["deadlock"]
    assert not first.complete and first.stop_reason == "first finding (--stop-at-first)"
    assert first.states < full.states
    assert len(first.violations[0].steps) == min(len(v.steps) for v in full.violations)


def test_stop_at_first_stops_at_the_first_state_where_a_race_is_seen():
    # A race is a property of one state (two processes at conflicting accesses): the search
    # stops at the shallowest such state instead of exploring every interleaving first.
    full = mpsim.check("tests/models/races/ordered.py", ["none"], start_method="fork")
    first = mpsim.check("tests/models/races/ordered.py", ["none"], start_method="fork",
                        stop_at_first=True)
    assert [v.kind for v in full.violations] == ["race"]
    assert [v.title for v in first.violations] == [v.title for v in full.violations]
    assert first.stop_reason == "first finding (--stop-at-first)" and first.states < full.states
    increments = mpsim.check("models/increments.py", ["4", "10", "unlocked"], start_method="fork",
                             stop_at_first=True)  # millions of states in full
    assert [v.title for v in increments.violations] == [
        "Race on total: workers[1] reads it and workers[0] writes it at models/increments.py:37, "
        "with nothing ordering them"]
    assert increments.states < 100


def test_stop_at_first_on_a_clean_model_completes():
    r = mpsim.check("models/philosophers.py", ["3", "ordered"], start_method="fork",
                    stop_at_first=True)
    assert r.complete and r.violations == []


@pytest.mark.parametrize("reduce", [False, True])
def test_a_breadth_first_search_cut_short_says_which_depth_it_covered(reduce):
    full = mpsim.check("models/philosophers.py", ["4", "naive", "forever"], start_method="fork",
                       reduce=reduce)
    cut = mpsim.check("models/philosophers.py", ["4", "naive", "forever"], start_method="fork",
                      max_states=100, reduce=reduce)
    m = re.fullmatch(r"every run of at most (\d+) steps( that takes each start\(\) and first run of "
                     r"a child as soon as it can \(partial-order reduction\))?", cut.covered)
    assert m and bool(m.group(2)) == reduce  # (main starts the philosophers: reduced)
    depth = int(m.group(1))
    shallow = {w for w, d in zip(full.search.worlds, full.search.depth) if d <= depth}
    assert shallow <= set(cut.search.worlds)
    deeper = {w for w, d in zip(full.search.worlds, full.search.depth) if d <= depth + 1}
    assert not deeper <= set(cut.search.worlds[:cut.search.todo[0]]), "the claim could be larger"


def test_auto_falls_back_to_preemption_bounding_and_says_what_each_covered():
    r = mpsim.check("models/philosophers.py", ["5", "naive", "forever"], start_method="fork",
                    strategy="auto", max_states=150)
    assert not r.complete and r.exit_code in (1, 3)
    assert r.strategy == "auto"
    assert any(n.startswith("The exhaustive search stopped at its state limit (150 states), "
                            "having explored every run of at most") for n in r.notes)
    assert r.covered.startswith("every run with at most") or r.covered.startswith("no complete")


def test_auto_on_a_small_model_is_the_exhaustive_search():
    r = mpsim.check("models/abba.py", start_method="fork", strategy="auto")
    full = mpsim.check("models/abba.py", start_method="fork")
    assert r.complete and r.states == full.states and findings(r) == findings(full)
    assert not any("preemption" in n for n in r.notes)


def test_an_unknown_strategy_is_refused_before_anything_runs():
    with pytest.raises(ValueError, match="unknown strategy 'random'"):
        mpsim.check("models/abba.py", strategy="random")


def test_cli_preemption_json_says_what_was_covered(capsys):
    code = main(["check", "models/philosophers.py", "--strategy", "preemption",
                 "--max-preemptions", "0", "--json", "--start-method", "fork", "--", "3", "naive"])
    data = validate(capsys.readouterr().out)
    assert code == 3
    assert data["complete"] is False and data["stop_reason"] == "preemption bound (0)"
    assert data["covered"].startswith("every run with at most 0 preemptions")


def test_cli_stop_at_first_text(capsys):
    code = main(["check", "models/abba.py", "--stop-at-first", "--start-method", "fork"])
    out = capsys.readouterr().out
    assert code == 1
    assert "stopped at the first finding (--stop-at-first)" in out
    assert "1 problem found" in out


def test_pct_finds_a_depth_two_deadlock_and_states_its_guarantee():
    r = mpsim.check("models/abba.py", start_method="fork", strategy="pct", runs=100, pct_depth=2)
    assert [v.kind for v in r.violations] == ["deadlock"]
    assert not r.complete and r.stop_reason == "run limit (100 runs)"
    pct = r.search
    n, k = pct.most, pct.longest
    assert n >= 3 and k >= 8
    assert pct.probability() == pytest.approx(1 - (1 - 1 / (n * k)) ** 100)
    assert r.covered.startswith("100 random runs (PCT): a bug of depth 2 or less")
    assert f"found with probability at least {pct.probability():.1%}" in r.covered


def test_pct_runs_are_the_same_for_a_seed_and_never_claim_completeness():
    one = mpsim.check("models/philosophers.py", ["3", "ordered"], start_method="fork",
                      strategy="pct", runs=30, seed=7)
    two = mpsim.check("models/philosophers.py", ["3", "ordered"], start_method="fork",
                      strategy="pct", runs=30, seed=7)
    assert one.search.worlds == two.search.worlds
    assert list(one.search.edges) == list(two.search.edges)
    assert one.violations == [] and not one.complete and one.exit_code == 3
    full = mpsim.check("models/philosophers.py", ["3", "ordered"], start_method="fork", reduce=False)
    assert set(one.search.worlds) <= set(full.search.worlds)
    assert len(set(one.search.edges)) == len(one.search.edges)  # each move recorded once
