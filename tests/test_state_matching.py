"""State matching must never merge two different local states (DESIGN.md §4).

Each model under tests/models/matching/ reaches the same line with the same visible locals in
states that differ elsewhere (a for loop's position, a generator, a with/try block, a closure
cell, a module global, a value waiting on the stack).  Merging them would change the verdict, so
each test asserts the right verdict; the "protection" tests switch one safeguard off and show the
verdict then goes wrong - proof that the models can catch a broken fingerprint.
"""
import os

import pytest

import mpsim
from mpsim import fingerprint, loader, schedule

HERE = os.path.join(os.path.dirname(__file__), "models", "matching")


def check(name):
    return mpsim.check(os.path.join(HERE, name + ".py"))


@pytest.mark.parametrize("name", ["for_repeated", "generator", "with_in_progress",
                                  "try_in_progress", "closure", "global_counter"])
def test_loops_end_exactly_once(name):
    result = check(name)
    assert result.complete
    assert result.violations == []


def test_for_loop_runs_every_iteration():
    result = check("for_repeated")
    search = result.search
    ending = schedule.encode(search.path(min(search.terminal)))
    run = mpsim.run(os.path.join(HERE, "for_repeated.py"), ending)
    acquires = [s for s in run.steps if s.op == "lock.acquire()"]
    assert len(acquires) == 3
    assert run.outcome == "finished"


def test_generator_state_is_reported_unmergeable():
    result = check("generator")
    assert any("cannot compare" in note for note in result.notes)


def test_half_evaluated_expression_keeps_every_outcome():
    result = check("expression")
    assert sorted(v.error for v in result.violations) == [
        "AssertionError: total 0", "AssertionError: total 1", "AssertionError: total 2"]


def test_protection_loop_iterators(monkeypatch):
    monkeypatch.setattr(loader._Rewrite, "visit_For", lambda self, node: node)
    assert [v.kind for v in check("for_repeated").violations] == ["nontermination"]


def test_protection_with_blocks(monkeypatch):
    monkeypatch.setattr(loader._Rewrite, "visit_For", lambda self, node: node)
    monkeypatch.setattr(loader._Rewrite, "visit_With", lambda self, node: node)
    assert [v.kind for v in check("with_in_progress").violations] == ["nontermination"]


def test_protection_value_stack(monkeypatch):
    monkeypatch.setattr(fingerprint, "is_clean", lambda *args: True)
    errors = sorted(v.error for v in check("expression").violations)
    assert "AssertionError: total 1" not in errors


def test_while_true_loop_is_finite():
    result = mpsim.check("models/philosophers.py", ["3", "ordered", "forever"])
    assert result.complete
    assert result.states < 100
