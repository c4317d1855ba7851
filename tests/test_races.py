"""Data races (``mpsim/races.py``), the possible outcomes (``mpsim/outcomes.py``) and ``--find``
(``mpsim/find.py``), on models/unlocked_counter.py and the tiny models in tests/models/races/.

A race needs no assert: two accesses to one Value, Array, RawValue, RawArray or manager object that
nothing in the program orders, whose order matters.  Every synchronising edge the program has
(event, queue, pipe, barrier, lock, join) orders them; the lock a Value takes for one access does
not.
"""
import os

import pytest

import mpsim
from clitools import cli  # noqa: F401  (a fixture)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COUNTER = "models/unlocked_counter.py"
RACES = "tests/models/races"


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def stdout(run) -> str:
    return "".join(text for s in run.steps for _, stream, text in s.output if stream == "stdout")


def test_unlocked_counter_is_a_race_with_a_lost_update_and_no_assert():
    result = mpsim.check(COUNTER)
    assert result.complete is True
    [v] = result.violations
    assert v.kind == "race"
    assert v.title == ("Race on total: worker-1 reads it and worker-0 writes it at "
                       f"{COUNTER}:19, with nothing ordering them")
    assert v.accesses == [
        {"process": "worker-1", "access": "read", "location": f"{COUNTER}:19", "op": "total.value"},
        {"process": "worker-0", "access": "write", "location": f"{COUNTER}:19",
         "op": "total.value = 1"}]
    assert "one increment is lost" in v.explanation
    # the trace shows the lost update: both read 0, both write 1, main prints 1
    reads = [s.result for s in v.steps if s.op == "total.value" and s.location.endswith(":19")]
    writes = [s.op for s in v.steps if s.op.startswith("total.value =")]
    assert reads == ["0", "0"] and writes == ["total.value = 1"] * 2
    assert ("total", "1") in v.final_state
    assert result.exit_code == 1


def test_unlocked_counter_outcomes_show_both_totals():
    table = mpsim.check(COUNTER).outcomes
    assert table["complete"] is True
    assert table["stdout"] == "terminal"
    got = sorted((o["stdout"], tuple((x["name"], x["value"]) for x in o["values"]), o["end_states"])
                 for o in table["list"])
    assert got == [("total = 1\n", (("total", "1"),), 1), ("total = 2\n", (("total", "2"),), 1)]
    for o in table["list"]:  # each outcome's schedule gives that outcome
        run = mpsim.run(COUNTER, o["schedule"])
        assert run.outcome == "finished"
        assert stdout(run) == o["stdout"]


def test_the_counter_with_its_lock_has_no_race():
    result = mpsim.check("models/counter.py", ["locked"])
    assert result.violations == []
    assert [o["stdout"] for o in result.outcomes["list"]] == ["counter = 2, as expected\n"]


@pytest.mark.parametrize("how", ["event", "queue", "pipe", "barrier", "lock"])
def test_each_synchronising_edge_orders_a_write_before_a_read(how):
    result = mpsim.check(f"{RACES}/ordered.py", [how])
    assert result.complete is True
    assert result.violations == []
    assert [o["stdout"] for o in result.outcomes["list"]] == ["v = 7\n"]


def test_an_unordered_read_of_a_raw_value_is_a_race():
    result = mpsim.check(f"{RACES}/ordered.py", ["none"])
    [v] = result.violations
    assert v.kind == "race"
    assert [(a["process"], a["access"]) for a in v.accesses] == [("MainProcess", "read"),
                                                                 ("p", "write")]
    assert "RawValue" in v.explanation
    assert sorted(o["stdout"] for o in result.outcomes["list"]) == ["v = 0\n", "v = 7\n"]


def test_writes_to_different_cells_and_keys_do_not_race():
    result = mpsim.check(f"{RACES}/distinct.py")
    assert result.violations == []
    assert {o["stdout"] for o in result.outcomes["list"]} == {"[1, 2] [('0', 1), ('1', 2)]\n"}


def test_writes_of_the_same_cell_and_key_race_on_the_array_and_the_manager_dict():
    result = mpsim.check(f"{RACES}/distinct.py", ["same"])
    assert [v.title.split(":")[0] for v in result.violations] == ["Race on arr", "Race on d"]
    assert all([a["access"] for a in v.accesses] == ["write", "write"] for v in result.violations)
    assert len(result.outcomes["list"]) == 4


def test_slice_assignments_race_only_where_their_cells_meet():
    # A slice assignment's call holds a list and a slice, which cannot be hashed (mpsim used to
    # stop with an internal error on it).
    disjoint = mpsim.check(f"{RACES}/slices.py", start_method="fork")
    assert disjoint.violations == []
    assert {o["stdout"] for o in disjoint.outcomes["list"]} == {"[0.5, 0.5, 0.5, 1.5, 1.5, 1.5]\n"}
    overlap = mpsim.check(f"{RACES}/slices.py", ["overlap"], start_method="fork")
    assert [v.title.split(":")[0] for v in overlap.violations] == ["Race on arr"]


def test_outcomes_json_follows_the_schema_and_the_text_shows_the_table(cli):
    r = cli("check", COUNTER, "--json")
    assert r.code == 1
    data = r.json  # validated against the schema
    assert [v["kind"] for v in data["violations"]] == ["race"]
    assert len(data["violations"][0]["accesses"]) == 2
    assert {o["stdout"] for o in data["outcomes"]["list"]} == {"total = 1\n", "total = 2\n"}
    r = cli("check", COUNTER)
    assert "possible outcomes: 2 (" in r.out
    assert "final values: total = 2" in r.out and "final values: total = 1" in r.out


def test_find_gives_the_shortest_run_that_prints_the_text(cli):
    result = mpsim.check(COUNTER, find="total = 1")
    answer = result.found
    assert answer.found is True and answer.process == "MainProcess"
    assert answer.line == "total = 1"
    assert answer.steps[answer.printed_at - 1].output == (("MainProcess", "stdout", "total = 1\n"),)
    assert stdout(mpsim.run(COUNTER, answer.schedule)) == "total = 1\n"
    r = cli("check", COUNTER, "--find", "total = 1", "--json")
    assert r.json["find"]["found"] is True
    assert r.json["find"]["schedule"] == answer.schedule
    r = cli("check", COUNTER, "--find", "total = 1")
    assert "find 'total = 1': yes - MainProcess prints 'total = 1'" in r.out


def test_find_proves_that_no_run_prints_the_text(cli):
    answer = mpsim.check(COUNTER, find="total = 3").found
    assert (answer.found, answer.complete, answer.schedule) == (False, True, None)
    r = cli("check", COUNTER, "--find", "total = 3")
    assert "find 'total = 3': no - no run prints a line containing it" in r.out
    r = cli("check", COUNTER, "--find", "total = 3", "--json")
    assert r.json["find"] == {"text": "total = 3", "found": False, "complete": True,
                              "schedule": None, "process": None, "line": None,
                              "printed_at": None, "steps": []}


def test_find_over_a_search_cut_short_proves_nothing(cli):
    r = cli("check", COUNTER, "--find", "total = 3", "--max-states", "5")
    assert "find 'total = 3': not in the part explored - the search was cut short" in r.out
