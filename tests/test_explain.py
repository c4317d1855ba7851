"""What a finding teaches (issue 13): why and how to fix it, in the learner's own names; a model's
refusal of its arguments as a usage error.

Models: tests/models/findings/ and tests/models/explain/ (small learner programs).
"""
import os

import pytest

import mpsim
from mpsim import advice
from mpsim.errors import ModelUsage
from clitools import cli  # noqa: F401  (a fixture)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FINDINGS = "tests/models/findings"
EXPLAIN = "tests/models/explain"


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def only(result):
    assert result.complete is True
    assert len(result.violations) == 1, [v.title for v in result.violations]
    return result.violations[0]


# -- why and how to fix --------------------------------------------------------------------------

# One model per cause: each finding's fix is its own (never another cause's, never the fallback).
CAUSES = [("abba", "deadlock", "Take the locks in one order in every process (a, b)"),
          ("lock_twice", "deadlock", "Use an RLock (multiprocessing.RLock()) for lock"),
          ("barrier_short", "deadlock", "Create the barrier for the processes that really wait"),
          ("event_never_set", "deadlock", "Make sure the process waiter waits for calls e.set()"),
          ("lost_update", "exception", "Make the read and the write one step under the value's "
                                       "own lock: `with v.get_lock(): v.value += 1`"),
          ("lost_update", "race", "Hold v's own lock over the read and the write in every "
                                  "process: `with v.get_lock(): ...`"),
          ("rlock_not_owner", "exception", "Release rlock in the process that acquired it"),
          ("exit_join", "exception", "Keep the primitive alive in the parent until the child"),
          ("loop_forever", "nontermination", "Make spinner a daemon"),
          ("spin_wait", "nontermination", "Make the process that spinner waits for make the "
                                          "change (e.g. set the event), and block instead of "
                                          "polling: e.wait()")]


@pytest.fixture(scope="module")
def fixes():
    found = {}
    for name, kind, _ in CAUSES:
        result = mpsim.check(os.path.join(ROOT, FINDINGS, f"{name}.py"))
        assert result.complete is True
        # a model may also have a race (lost_update, spin_wait): the cause's own kind is asked for
        [found[name, kind]] = [v for v in result.violations if v.kind == kind]
    return found


@pytest.mark.parametrize("name,kind,fix", CAUSES, ids=[f"{c[0]}-{c[1]}" for c in CAUSES])
def test_each_cause_has_its_own_why_and_fix(fixes, name, kind, fix):
    v = fixes[name, kind]
    assert v.kind == kind
    assert v.fix.startswith(fix), v.fix
    assert v.why and v.fix and v.why != v.fix
    others = [f.fix for key, f in fixes.items() if key != (name, kind)]
    assert v.fix not in others


def test_an_assert_with_no_cause_found_gets_the_general_fix():
    v = only(mpsim.check(f"{FINDINGS}/assert_fails.py"))
    assert v.fix.startswith("Make the check and the updates it depends on happen in a fixed order")


def test_every_misuse_error_has_its_own_why_and_fix():
    fixes = [m.fix for m in advice.MISUSES.values()]
    assert len(fixes) == len(set(fixes)), [f for f in fixes if fixes.count(f) > 1]
    assert all(m.why and "{" not in m.why.format(process="p", obj="o", op="o.x()", line="l")
               for m in advice.MISUSES.values())


def test_misuse_error_why_and_fix_name_the_programs_objects():
    v = only(mpsim.check(f"{EXPLAIN}/task_done_twice.py"))
    assert v.error == "ValueError: task_done() called too many times"
    assert v.why.startswith(f"c called q.task_done() at {EXPLAIN}/task_done_twice.py:8 more times "
                            "than items were put into q")
    assert v.fix == "Call q.task_done() exactly once per item got from q, after handling it."


def test_a_proxy_call_after_the_manager_shut_down_is_not_blamed_on_a_lost_semaphore():
    # The oracle's program: the worker's d[...] = ... comes after the `with Manager()` block
    # ended.  Its FileNotFoundError is the manager's socket gone (every real run, fork and
    # spawn), not a spawned child rebuilding an unlinked semaphore.
    path = "tests/oracle/programs/manager_exits_before_worker.py"
    v = only(mpsim.check(path, start_method="fork"))
    assert v.error == "FileNotFoundError: [Errno 2] No such file or directory"
    assert v.why.startswith(f"p's `d[...] = ...` at {path}:22 could not reach the manager d "
                            "belongs to: the manager had already shut down")
    assert v.fix == advice.MANAGER_GONE.fix


def test_json_violations_carry_their_fix(cli):
    r = cli("check", "--json", f"{EXPLAIN}/task_done_twice.py")
    [v] = r.json["violations"]
    assert v["fix"] == "Call q.task_done() exactly once per item got from q, after handling it."


# -- the learner's names ---------------------------------------------------------------------------

NOTIFY_ALL = "mpsim2:0/1*4/0/2*4/0*3/1/2/0*2/1*3/2*3/0*2"


def test_notify_all_names_whom_it_woke_and_the_conditions_lock():
    run = mpsim.run(f"{EXPLAIN}/notify_all.py", NOTIFY_ALL)
    steps = [(s.process, s.op, s.result) for s in run.steps]
    assert ("MainProcess", "cond.notify_all()", "wakes first, second") in steps
    assert ("first", "cond's lock.acquire()  [with]", "True (acquired)") in steps
    assert run.outcome == "finished"


def test_processes_take_their_variables_name_only_when_it_is_theirs_alone():
    v = only(mpsim.check(f"{EXPLAIN}/same_variable.py"))
    assert v.title == "Deadlock: MainProcess in Process-2.join(), Process-2 in lock.acquire()"


def test_a_lock_held_by_an_exited_process_says_so(cli):
    assert "      lock: held by p (exited)\n" in cli("check", f"{EXPLAIN}/exited_holder.py").out
    v = only(mpsim.check(f"{EXPLAIN}/exited_holder.py"))
    assert v.why == (f"p took lock at {EXPLAIN}/exited_holder.py:6 and exited without releasing "
                     f"it, so MainProcess's lock.acquire() at {EXPLAIN}/exited_holder.py:15 can "
                     "never succeed.")
    assert v.fix.startswith("Release lock on every path out of p: `with lock:`")


# -- a model that refuses its arguments ------------------------------------------------------------

def test_model_exiting_at_start_up_is_a_usage_error_with_its_message():
    with pytest.raises(ModelUsage) as raised:
        mpsim.check(f"{EXPLAIN}/early_exit.py", ["ko"])
    assert str(raised.value) == (f"{EXPLAIN}/early_exit.py -- ko: the model exited with status 1 "
                                 "at start-up, before any operation: usage: python early_exit.py "
                                 "ok")


def test_the_same_model_with_its_arguments_runs():
    result = mpsim.check(f"{EXPLAIN}/early_exit.py", ["ok"])
    assert result.complete is True and result.violations == []


def test_an_uncaught_exception_at_start_up_stays_a_finding():
    v = only(mpsim.check(f"{EXPLAIN}/early_crash.py"))
    assert (v.kind, v.error) == ("exception", "KeyError: 'missing'")


def test_mistyped_model_argument_exits_2_with_the_models_usage(cli):
    r = cli("check", "models/philosophers.py", "--", "5", "naiv")
    assert r.code == 2
    assert r.out == ""
    assert r.err.strip() == ("mpsim: models/philosophers.py -- 5 naiv: the model exited with "
                             "status 2 at start-up, before any operation: usage: python "
                             "philosophers.py [N] [naive|ordered] [MEALS|forever]")


def test_mistyped_model_argument_json(cli):
    r = cli("check", "--json", "models/abba.py", "--", "surplus")
    assert r.code == 2
    assert r.json["error"]["kind"] == "usage"
    assert r.json["error"]["message"].endswith("usage: python abba.py   (takes no arguments)")
