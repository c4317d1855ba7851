"""The same findings with state matching as without it, on every buggy model and every model of
tests/models/matching; and the same search with the move memo as without it.

Without matching no two histories are merged (every local state is known by its history), so the
search is a tree of all interleavings; with matching, equal fingerprints are merged.  If a merge
ever joined two states whose futures differ, a finding would appear on one side only.  Both
searches are bounded by the same depth (a tree of a looping model is infinite): every finding
within that depth must be found by both, with the same error.
"""
import collections
import json
import os

import pytest

import mpsim
import mpsim.api
import mpsim.reduction
import mpsim.search.local
import mpsim.search.moves
from catalog import BUGGY, CLEAN, graph

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MATCHING = [(f"tests/models/matching/{f}", []) for f in sorted(os.listdir(os.path.join(ROOT, "tests", "models", "matching")))
            if f.endswith(".py")]
DEPTH = 14
TREE_LIMIT = 40_000  # states of the tree; above it the model is too big to compare here


def findings(result):
    return sorted({(v.kind, v.error) for v in result.violations if v.kind != "nontermination"})


@pytest.mark.parametrize("path,argv", BUGGY + MATCHING,
                         ids=[f"{os.path.basename(p)}{'-' + '-'.join(a) if a else ''}"
                              for p, a in BUGGY + MATCHING])
def test_same_findings_with_and_without_merging(path, argv):
    os.chdir(ROOT)
    merged = mpsim.check(path, argv, max_depth=DEPTH)
    tree = mpsim.check(path, argv, max_depth=DEPTH, merging=False, max_states=TREE_LIMIT)
    if tree.stop_reason.startswith("state limit"):
        depth = max(tree.search.depth)
        merged = mpsim.check(path, argv, max_depth=depth - 1)
        tree = mpsim.check(path, argv, max_depth=depth - 1, merging=False)
    assert findings(merged) == findings(tree)


@pytest.mark.parametrize("path,argv", BUGGY + CLEAN,
                         ids=[f"{os.path.basename(p)}{'-' + '-'.join(a) if a else ''}"
                              for p, a in BUGGY + CLEAN])
def test_the_move_memo_changes_nothing(path, argv, monkeypatch):
    """``search/moves.py`` applies remembered moves to new worlds without the world's rules: the
    graph must be the same, state for state."""
    os.chdir(ROOT)
    with_memo = mpsim.check(path, argv, max_states=5_000, untimed_states=2_000)
    monkeypatch.setattr(mpsim.search.moves, "ENABLED", False)
    without = mpsim.check(path, argv, max_states=5_000, untimed_states=2_000)
    assert graph(with_memo)[:2] == graph(without)[:2]
    assert graph(with_memo)[3:] == graph(without)[3:]


RECREATED = [("models/unlocked_counter.py", []), ("models/producer_consumer.py", []),
             ("tests/models/matching/c_call_collects.py", []),
             ("tests/models/matching/sorted_gets.py", []),
             ("tests/oracle/programs/queue_put_then_mutate.py", [])]


@pytest.mark.parametrize("path,argv", RECREATED, ids=[os.path.basename(p) for p, _ in RECREATED])
def test_a_process_recreated_from_its_history_is_the_same(path, argv, monkeypatch):
    """With one process kept live, nearly every step starts from a process re-created by feeding
    an ancestor the results that led there (in one message): it must reach the very states a
    kept process reaches (else NondeterministicModel).  Results unpickled together used to share
    their strings, which a C function collecting them (sorted over a generator of get()) showed."""
    os.chdir(ROOT)
    monkeypatch.setattr(mpsim.api, "_SESSIONS", collections.OrderedDict())  # nothing remembered
    kept = mpsim.check(path, argv, start_method="fork")
    monkeypatch.setattr(mpsim.api, "_SESSIONS", collections.OrderedDict())
    monkeypatch.setattr(mpsim.search.local, "LIVE", 1)
    recreated = mpsim.check(path, argv, start_method="fork")
    assert graph(recreated) == graph(kept)


def verdict(result):
    """What a search concluded, not how it got there: each finding (a deadlock with the length
    of its shortest run), the lines not printed on every run, the possible outcomes without the
    schedules that reach them."""
    def unscheduled(value):
        if isinstance(value, dict):
            return {k: unscheduled(v) for k, v in value.items() if k != "schedule"}
        if isinstance(value, list):
            return [unscheduled(v) for v in value]
        return value
    return (result.complete,
            sorted((v.kind, v.title, len(v.choices) if v.kind == "deadlock" else 0)
                   for v in result.violations),
            sorted(i["line"] for i in result.information),
            json.dumps(unscheduled(result.outcomes), sort_keys=True))


# Programs on which a first version of the reduction lost something (found by comparing reduced
# and full searches over the oracle's programs): a forkserver child that rebuilds a queue's
# semaphores as it starts fails if the parent has died and unlinked them first; a join of an ended
# child, taken first, ordered the child's last line before another child's; a start() right after
# its process printed ordered that line before a child's (reduction.py).
REDUCTION_CASES = [("tests/oracle/programs/dict_changed_during_iteration.py", []),
                   ("tests/oracle/programs/weakref_finalize_release.py", []),
                   ("tests/models/reduction/print_then_start.py", [])]


@pytest.mark.parametrize("path,argv", BUGGY + CLEAN + MATCHING + REDUCTION_CASES,
                         ids=[f"{os.path.basename(p)}{'-' + '-'.join(a) if a else ''}"
                              for p, a in BUGGY + CLEAN + MATCHING + REDUCTION_CASES])
def test_the_reduction_keeps_every_finding(path, argv, monkeypatch):
    """Partial-order reduction (``reduction.py``) explores a private move alone: the findings,
    the shortest deadlocks, the information and the outcomes must be those of the full search."""
    os.chdir(ROOT)
    options = dict(max_states=5_000, untimed_states=2_000, start_methods=["fork", "forkserver"])
    monkeypatch.setattr(mpsim.reduction, "REDUCE", True)
    reduced = mpsim.check(path, argv, **options)
    monkeypatch.setattr(mpsim.reduction, "REDUCE", False)
    full = mpsim.check(path, argv, **options)
    if not (reduced.complete and full.complete):
        pytest.skip("too big to compare in full here")
    assert reduced.states <= full.states
    assert verdict(reduced) == verdict(full)


def test_the_reduction_reduces(monkeypatch):
    """Main starting the philosophers while others already eat: those states are gone (about
    40 %), and the same loops are found."""
    os.chdir(ROOT)
    argv = ["6", "ordered", "forever"]
    reduced = mpsim.check("models/philosophers.py", argv, start_method="fork")
    monkeypatch.setattr(mpsim.reduction, "REDUCE", False)
    full = mpsim.check("models/philosophers.py", argv, start_method="fork")
    assert reduced.states < 0.7 * full.states
    assert verdict(reduced) == verdict(full)


def test_a_reduced_search_does_not_depend_on_earlier_checks(monkeypatch):
    """What the reduction may take alone is decided on the search's own states and moves: after
    other searches of the same program (the same session, its memo shared), a reduced search
    explores the very graph it explores alone."""
    os.chdir(ROOT)
    path = "tests/models/reduction/print_then_start.py"
    monkeypatch.setattr(mpsim.api, "_SESSIONS", collections.OrderedDict())
    alone = mpsim.check(path, start_method="fork")
    monkeypatch.setattr(mpsim.api, "_SESSIONS", collections.OrderedDict())
    mpsim.check(path, start_methods=["spawn", "forkserver"])
    mpsim.check(path, start_method="fork", reduce=False)
    after = mpsim.check(path, start_method="fork")
    assert graph(after) == graph(alone)
