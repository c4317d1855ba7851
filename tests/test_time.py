"""The one virtual clock (issue: "virtual time that real programs can rely on").

Each program here misled the first mpsim (one clock per process, every timeout a free choice):
a heartbeat that never completed, a deadline loop reported as endless, a division by zero, a
child reading an earlier time than its parent, a busy wait that hung mpsim, a 10 s timeout
reported as a plain exception.  The untimed search keeps what that mode found, labelled.
"""
import json
import os

import pytest

import mpsim
from mpsim import schedule as schedules
from mpsim.errors import ScheduleError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIME = "tests/models/time"


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def check(name, *argv, **options):
    return mpsim.check(f"{TIME}/{name}.py", list(argv), **options)


def clean(result):
    assert result.complete, result.stop_reason
    assert [v.title for v in result.violations] == []
    return result


def printed(result):
    return {line for lines in result.search.printed.values() for _, line in lines}


# -- the programs of the issue ---------------------------------------------------------------------

def test_a_sleeping_heartbeat_is_a_cycle_not_an_endless_search():
    r = clean(check("heartbeat"))
    assert r.states < 20
    assert r.untimed is not None and r.untimed["complete"]


def test_a_heartbeat_nobody_stops_never_terminates():
    r = check("heartbeat_forever")
    assert r.complete
    [v] = r.violations
    assert (v.kind, v.timing) == ("nontermination", "any")
    assert v.title == "Never terminates: p loops forever while MainProcess waits"


def test_a_deadline_loop_on_the_clock_ends():
    r = clean(check("deadline_loop"))
    assert printed(r) == {"ticks 4"}


def test_throughput_never_divides_by_zero():
    r = clean(check("throughput"))
    assert "True" in printed(r) and "instant" not in printed(r)


def test_a_child_never_reads_an_earlier_time_than_its_parent_took():
    clean(check("child_clock"))
    assert printed(clean(check("clock_between_reads"))) == {"ok"}


def test_a_busy_wait_on_the_clock_ends():
    r = clean(check("busy_wait", time_limit=60))
    assert printed(r) == {"spun"}


def test_time_passes_while_a_process_spins_on_an_operation():
    """main spins on ``flag.value`` while the child sleeps a second before setting it: with
    operations taking no time, the clock would stand still for ever; in CPython the second
    passes while main spins, and so it does here."""
    r = check("spin_until_set")
    assert r.complete
    # polling flag.value while the child writes it is a race (an Event would order them)
    assert [(v.kind, [x["access"] for x in v.accesses]) for v in r.violations] == [
        ("race", ["read", "write"])]
    assert r.search.passed  # the states where the time was let pass


def test_a_timeout_longer_than_the_work_does_not_expire():
    r = check("get_timeout")
    assert r.complete
    # on the one clock the child's item always comes in time...
    assert all(v.timing == "untimed-only" for v in r.violations)
    # ...and the Empty of the first mpsim is still reported, as timing-dependent
    empty = [v for v in r.violations if v.process == "MainProcess"]
    assert [v.error for v in empty] == ["_queue.Empty"]
    assert empty[0].assumption == (
        "only if p is held up for 10 s so that the timeout of `q.get(timeout=10)` at "
        f"{TIME}/get_timeout.py:14 expires first (e.g. under heavy load)")


def test_a_spawned_child_may_still_be_starting_up_when_a_head_start_ends():
    # A spawned child's first move can come up to world.START_UP (0.1 s) after start(): the
    # parent's sleep(0.05) may end first (real spawn runs: always); a forked child starts at once.
    assert printed(clean(check("head_start", start_method="spawn"))) == {
        "ready after head start: True", "ready after head start: False"}
    assert printed(clean(check("head_start", start_method="fork"))) == {
        "ready after head start: True"}


def test_a_longer_head_start_outlasts_a_spawned_childs_start_up():
    # sleep(0.5) is longer than a start-up: only a machine under heavy load (the untimed search)
    # lets the child start later.
    assert printed(clean(check("head_start", "0.5", start_method="spawn"))) == {
        "ready after head start: True"}


def test_the_shorter_sleep_ends_first():
    assert check("sleep_order", untimed_states=0).violations == []
    r = check("sleep_order")
    [v] = r.violations
    assert (v.error, v.timing) == ("AssertionError: slow woke first", "untimed-only")
    assert "held up for 1 s so that `time.sleep(2)` at" in v.assumption


# -- the untimed rules -----------------------------------------------------------------------------

def test_untimed_mode_is_the_stress_mode_alone():
    r = check("get_timeout", untimed=True)
    assert r.timing == "untimed" and r.untimed is None
    assert sorted(v.error for v in r.violations) == [
        "FileNotFoundError: [Errno 2] No such file or directory", "_queue.Empty"]


def test_no_untimed_search_where_no_timeout_waited_for_its_time():
    r = check("child_clock")
    assert r.untimed is None and r.to_json()["untimed_search"] is None


def test_the_untimed_search_has_its_own_budget_and_says_what_it_covered():
    r = check("sleep_order", untimed_states=3)
    assert r.complete and r.untimed["complete"] is False
    assert r.untimed["stop_reason"] == "state limit (3 states)"
    assert any("stopped at its state limit (3 states)" in n for n in r.notes)


def test_an_untimed_schedule_says_so_and_replays_with_the_untimed_rules():
    [v] = [v for v in check("get_timeout").violations if v.process == "MainProcess"]
    assert v.schedule.startswith("mpsim2:spawn:untimed:")
    run = mpsim.run(f"{TIME}/get_timeout.py", v.schedule)
    assert [s.result for s in run.steps][:3] == ["runs", "starts", "raises _queue.Empty"]
    assert [s.time for s in run.steps][:3] == [0.0, 0.0, 10.0]
    # the same choices under the timed rules are not a run: the timeout has not expired
    decoded = schedules.decode(v.schedule)
    timed = schedules.encode(decoded.choices, True, decoded.method)
    with pytest.raises(ScheduleError):
        mpsim.run(f"{TIME}/get_timeout.py", timed)


def test_a_schedule_of_the_first_mpsim_is_refused_with_a_reason():
    with pytest.raises(ScheduleError, match="earlier mpsim"):
        mpsim.run(f"{TIME}/get_timeout.py", "mpsim1:0*2/1")


def test_json_labels_timing():
    data = check("get_timeout").to_json()
    assert data["timing"] == "timed" and data["untimed_search"]["complete"] is True
    for v in data["violations"]:
        assert v["timing"] == "untimed-only" and v["assumption"].startswith("only if ")
        assert [s["time"] for s in v["steps"]][2] == 10.0
    json.dumps(data)


# -- the traces -----------------------------------------------------------------------------------

def test_a_trace_shows_the_clock_beside_each_step():
    from mpsim.report import check_report
    text = check_report(mpsim.check("models/slow_worker.py"))
    assert "2 problems found (2 of them only with unusual timing):" in text
    assert "     3. t=2s  MainProcess  results.get(timeout=2.0)  models/slow_worker.py:50 → " \
           "raises _queue.Empty" in text
    assert "   (timing-dependent)\n    timing: only if worker is held up for 2 s" in text
