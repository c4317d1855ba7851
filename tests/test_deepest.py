"""A search cut short in a loop that makes a new state every round says so (mpsim/deepest.py).

The program is the oracle's stop_flag_global.py: the worker polls a module global its parent
changes in its own memory; every real run hangs (tests/oracle/outcomes), while each round of the
worker's loop counts a tick and reads the clock, so no state comes back.
"""
import os

import pytest

import mpsim

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STOP_FLAG = "tests/oracle/programs/stop_flag_global.py"


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def loop_notes(result):
    return [n for n in result.notes if n.startswith("The deepest run explored")]


def test_a_poll_loop_that_never_repeats_is_described():
    result = mpsim.check(STOP_FLAG, start_method="fork", max_states=250)
    assert not result.complete and result.violations == []
    [note] = loop_notes(result)
    assert "only p moved, round tests/oracle/programs/stop_flag_global.py:24, while MainProcess " \
           "in p.join() at tests/oracle/programs/stop_flag_global.py:35 waited" in note
    schedule = note.split("--schedule ")[1].strip("'")
    run = mpsim.run(STOP_FLAG, schedule=schedule)
    assert [s.process for s in run.steps[-100:]] == ["p"] * 100  # the run it names is that loop


def test_no_note_when_the_deepest_run_is_no_single_loop():
    # Six philosophers looping for ever, searched depth-first: the deepest run goes round the
    # same four lines, but each philosopher comes back to the same few states of its own (the
    # states are new only as combinations): a loop the search closes.
    result = mpsim.check("models/philosophers.py", ["7", "ordered", "forever"], start_method="fork",
                         strategy="dfs", max_states=1500)
    assert max(result.search.depth) >= 200  # deep enough for a loop to be named
    assert not result.complete
    assert loop_notes(result) == []
