"""The simulated multiprocessing API through tiny model programs, against docs/semantics.md.

Each model under tests/models/semantics/ is an ordinary multiprocessing program (most take the
case to run as argv[1]).  A test checks it completely and looks at the exceptions and deadlocks
found and, for each distinct final state, what each process printed, which processes died of what,
and their exit codes.  Printed output is not part of the state, so runs that print differently but
end in the same state count once: where the observation itself is racy, the model puts it in an
``assert False, f"..."`` at the end instead, making every distinct observation its own exception.
Expected values were confirmed by running the same models under real CPython 3.11.
"""
import os
import re
from typing import NamedTuple

import pytest

import mpsim
from mpsim import schedule

HERE = os.path.join(os.path.dirname(__file__), "models", "semantics")

TOO_MANY = "ValueError: semaphore or lock released too many times"
NOT_OWNER = "AssertionError: attempt to release recursive lock not owned by thread"
BROKEN = "threading.BrokenBarrierError"


class Ending(NamedTuple):
    """How one finished run ended."""

    out: frozenset  # {(process, (stdout line, ...))}
    died: frozenset  # {(process, "Type: message")}
    codes: frozenset  # {(process, exit code)}

    def lines(self, process="MainProcess"):
        return dict(self.out).get(process, ())


class Checked(NamedTuple):
    result: object
    endings: set

    @property
    def errors(self):
        """{(process, error)} of the exception violations."""
        return {(v.process, v.error) for v in self.result.violations if v.kind == "exception"}

    @property
    def kinds(self):
        return sorted(v.kind for v in self.result.violations)

    def printed(self, process="MainProcess"):
        """Every distinct stdout of ``process`` over the finished runs."""
        return {e.lines(process) for e in self.endings}

    def deadlocks(self):
        """For each deadlock found: {(process, blocked operation)}."""
        return [{(s.process, s.op) for s in v.steps if s.result == "blocks"}
                for v in self.result.violations if v.kind == "deadlock"]


def ending(run) -> Ending:
    text = {}
    for step in run.steps:
        for process, stream, chunk in step.output:
            if stream == "stdout":
                text[process] = text.get(process, "") + chunk
    died = {d for step in run.steps for d in step.died}
    return Ending(frozenset((p, tuple(t.splitlines())) for p, t in text.items()), frozenset(died),
                  frozenset(run.exit_codes.items()))


def check(name, *argv, start_method=None) -> Checked:
    path = os.path.join(HERE, name + ".py")
    result = mpsim.check(path, list(argv), start_method=start_method)
    assert result.complete, result.stop_reason
    endings = set()
    for node in result.search.terminal:
        run = mpsim.run(path, schedule.encode(result.search.path(node)), list(argv),
                        start_method=start_method)
        assert run.outcome == "finished"
        endings.add(ending(run))
    return Checked(result, endings)


# -- Lock (§0, §1) ---------------------------------------------------------------------------------

def test_lock_released_by_another_process():
    c = check("lock", "released_by_other")
    assert c.result.violations == []
    assert c.printed() == {("acquire(False) after the child released: True",)}


def test_lock_release_unlocked():
    assert check("lock", "release_unlocked").errors == {("MainProcess", TOO_MANY)}


def test_lock_second_acquire_by_the_same_process_deadlocks():
    c = check("lock", "acquire_twice")
    assert c.kinds == ["deadlock"]
    assert c.deadlocks() == [{("MainProcess", "lock.acquire()")}]


def test_lock_acquire_timeout_returns_false_when_held():
    assert check("lock", "acquire_timeout").printed() == {("acquire(timeout=0.2): False",)}


def test_lock_acquire_timeout_races_a_release():
    assert check("lock", "timeout_race").errors == {
        ("MainProcess", "AssertionError: acquire(timeout=0.2) returned False"),
        ("MainProcess", "AssertionError: acquire(timeout=0.2) returned True")}


def test_lock_nonblocking_acquire():
    assert check("lock", "nonblocking").printed() == {(
        "free: True", "held: False", "held, block=False with a timeout: False")}


def test_lock_acquire_blocking_keyword_is_a_type_error():
    assert check("lock", "blocking_keyword").errors == {
        ("MainProcess", "TypeError: 'blocking' is an invalid keyword argument for acquire()")}


def test_lock_acquire_arguments():
    assert check("lock", "acquire_arguments").printed() == {(
        "TypeError: acquire() takes at most 2 arguments (3 given)",
        "TypeError: argument for acquire() given by name ('block') and position (1)",
        "True", "False", "False")}


def test_lock_held_by_a_finished_process_stays_held_but_anyone_may_release_it():
    c = check("lock", "dead_holder")
    assert c.result.violations == []
    assert c.printed() == {("exitcode 0 acquire(timeout=0.1): False", "after release: True")}


def test_lock_held_by_a_finished_process_blocks_forever():
    c = check("lock", "dead_holder_blocks")
    assert c.deadlocks() == [{("MainProcess", "lock.acquire()")}]


def test_lock_with_statement():
    assert check("lock", "with").printed() == {
        ("__enter__ returned True held: True", "after with: True")}


def test_lock_has_no_get_value():
    assert check("lock", "get_value").errors == {
        ("MainProcess", "AttributeError: 'Lock' object has no attribute 'get_value'")}


def test_lock_contended_by_two_processes_always_finishes():
    c = check("lock", "contended")
    assert c.result.violations == []
    assert c.printed() == {("both done",)}


# -- RLock (§2) ------------------------------------------------------------------------------------

def test_rlock_is_reentrant_and_held_until_the_last_release():
    c = check("rlock", "reentrant")
    assert c.result.violations == []
    (e,) = c.endings
    assert e.lines() == ("acquire: True True True",)
    assert e.lines("Process-1") == ("child acquire(timeout=0.1): False",)
    assert e.lines("Process-2") == ("child acquire(timeout=0.1): True",)


def test_rlock_release_by_another_process():
    c = check("rlock", "release_by_other")
    assert c.errors == {("other", NOT_OWNER)}
    assert c.printed() == {("child exitcode 1",)}


def test_rlock_release_unowned():
    assert check("rlock", "release_unowned").errors == {("MainProcess", NOT_OWNER)}


def test_rlock_over_release():
    c = check("rlock", "over_release")
    assert c.errors == {("MainProcess", NOT_OWNER)}
    assert c.printed() == {("released twice",)}


def test_rlock_held_by_a_finished_process_stays_held_and_the_parent_cannot_release_it():
    c = check("rlock", "dead_holder")
    assert c.errors == {("MainProcess", NOT_OWNER)}
    assert c.printed() == {("acquire(timeout=0.1): False",)}


def test_rlock_a_forked_child_of_the_owner_is_not_the_owner():
    c = check("rlock", "fork_child_is_not_owner")
    assert c.result.violations == []
    assert c.printed("p") == {("child acquire(timeout=0.1): False",)}


# -- Semaphore / BoundedSemaphore (§3) ---------------------------------------------------------------

def test_semaphore_release_above_initial_value():
    assert check("semaphore", "release_above_initial").printed() == {("value 3",)}


def test_semaphore_default_value_is_one():
    assert check("semaphore", "default_value").printed() == {("value 1 True False",)}


def test_semaphore_negative_value():
    assert check("semaphore", "negative").errors == {("MainProcess", "OSError: [Errno 22] Invalid argument")}


def test_bounded_semaphore_over_release():
    c = check("semaphore", "bounded_over_release")
    assert c.errors == {("MainProcess", TOO_MANY)}
    assert c.printed() == {("value 2",)}


def test_semaphore_counts():
    assert check("semaphore", "counting").printed() == {("True True False 0",)}
    assert check("semaphore", "zero_timeout").printed() == {("acquire(timeout=0.1): False",)}


def test_bounded_semaphore_over_release_error_lands_in_either_process():
    c = check("semaphore", "bounded_race")
    assert c.errors == {("MainProcess", TOO_MANY), ("child", TOO_MANY)}
    assert {e.died for e in c.endings} == {frozenset({("MainProcess", TOO_MANY)}),
                                          frozenset({("child", TOO_MANY)})}


def test_semaphore_as_a_signal():
    c = check("semaphore", "signal")
    assert c.result.violations == []
    assert c.printed() == {("value 0",)}


# -- Condition (§4) --------------------------------------------------------------------------------

@pytest.mark.parametrize("case, error", [
    ("wait_unowned", "AssertionError: must acquire() condition before using wait()"),
    ("notify_unowned", "AssertionError: lock is not owned"),
    ("notify_all_unowned", "AssertionError: lock is not owned"),
])
def test_condition_without_the_lock(case, error):
    assert check("condition", case).errors == {("MainProcess", error)}


def test_condition_notify_before_wait_is_lost():
    c = check("condition", "lost_wakeup")
    assert c.kinds == ["deadlock"]
    assert c.deadlocks() == [{("MainProcess", "p.join()"), ("p", "cond.wait()")}]
    assert c.printed("p") == {("waiter woke",)}  # when the wait comes first, it works


def test_condition_wait_timeout_returns_false():
    assert check("condition", "wait_timeout").printed() == {("wait(0.1): False",)}


def test_condition_wait_with_rlock_held_twice_restores_depth_two():
    c = check("condition", "rlock_depth")
    assert c.errors == {("MainProcess", NOT_OWNER)}  # only the third release fails
    assert c.kinds == ["exception"]  # and the child could notify: wait() released both levels
    assert c.printed() == {("wait(): True", "released twice")}


def test_condition_over_a_plain_lock():
    c = check("condition", "plain_lock")
    assert c.result.violations == []
    assert c.printed() == {("wait(): True",)}


def test_condition_notify_two_of_three_wakes_exactly_two_and_which_varies():
    c = check("condition", "notify_two_of_three")
    assert c.errors == {("MainProcess", "AssertionError: woken [1, 1, 0]"),
                        ("MainProcess", "AssertionError: woken [1, 0, 1]"),
                        ("MainProcess", "AssertionError: woken [0, 1, 1]")}


def test_condition_woken_waiter_may_find_the_predicate_false_again():
    c = check("condition", "predicate_false_again")
    assert c.errors == {("waiter", "AssertionError: woken waiter sees flag 1"),
                        ("waiter", "AssertionError: woken waiter sees flag 0")}


def test_condition_wait_for():
    c = check("condition", "wait_for")
    assert c.errors == {("MainProcess", "AssertionError: must acquire() condition before using wait()")}
    assert c.printed() == {("true predicate, lock not held: 7", "false predicate, timeout: 0")}


# -- Event (§5) ------------------------------------------------------------------------------------

def test_event_set_wakes_all_waiters():
    # Under fork: under spawn main lets the event go while the children start (see
    # test_spawned_children_lose_what_their_parent_let_go).
    c = check("event", "set_wakes_all", start_method="fork")
    assert c.kinds == ["exception"]
    assert {e.died for e in c.endings} == {frozenset({("a", "AssertionError: wait() returned True"),
                                                      ("b", "AssertionError: wait() returned True")})}


def test_event_wait_returns_false_when_clear_wins_the_race():
    c = check("event", "clear_wins")
    assert c.errors == {("car", "AssertionError: wait() returned True"),
                        ("car", "AssertionError: wait() returned False")}


def test_event_wait_timeout_and_flag():
    c = check("event", "wait_timeout")
    assert c.printed() == {("unset: wait(0.1): False wait(0): False is_set: False",
                            "set: wait(): True wait(0): True is_set: True",
                            "cleared: is_set: False wait(0.1): False")}


# -- Barrier (§6) ----------------------------------------------------------------------------------

def test_barrier_indices_follow_arrival_and_the_last_arriver_runs_the_action():
    assert check("barrier", "indices").errors == {
        ("MainProcess", "AssertionError: main 0, child 1, action ran 1x in child"),
        ("MainProcess", "AssertionError: main 1, child 0, action ran 1x in main")}


def test_barrier_is_reusable():
    rounds = {("0, 0", "1, 1"), ("0, 1", "1, 0"), ("1, 0", "0, 1"), ("1, 1", "0, 0")}
    assert check("barrier", "reusable").errors == {
        ("MainProcess", f"AssertionError: main [{m}], child [{c}], n_waiting 0, broken False")
        for m, c in rounds}


def test_barrier_timeout_breaks_it_for_everyone():
    c = check("barrier", "timeout")
    assert c.errors == {("child", BROKEN),
                        ("MainProcess", "AssertionError: child exitcode 1, broken True")}
    assert {(e.lines(), e.lines("child")) for e in c.endings} == {
        (("main: BrokenBarrierError, broken=True",), ("child: BrokenBarrierError, broken=True",))}


def test_barrier_abort():
    c = check("barrier", "abort")
    assert c.errors == {("child", BROKEN), ("MainProcess", BROKEN)}
    assert c.printed() == {("broken True child exitcode 1",)}


def test_barrier_reset_with_a_waiter():
    c = check("barrier", "reset")
    assert c.errors == {("child", BROKEN), ("MainProcess",
                        "AssertionError: child exitcode 1, broken False, n_waiting 0")}
    assert c.printed("child") == {("child: BrokenBarrierError, broken=False",)}


def test_barrier_action_raising():
    c = check("barrier", "action_raises")
    assert {e.died for e in c.endings} == {
        frozenset({("MainProcess", "KeyError: 'boom'"), ("child", BROKEN)}),
        frozenset({("child", "KeyError: 'boom'"), ("MainProcess", BROKEN)})}


def test_barrier_module_attributes():
    c = check("barrier", "module_attributes")
    assert c.errors == {("MainProcess",
                         "AttributeError: module 'multiprocessing' has no attribute 'BrokenBarrierError'")}
    assert c.printed() == {("Barrier(0).parties = 0", "subclass of RuntimeError: True")}


# -- reprs (§0, §4) --------------------------------------------------------------------------------

def test_reprs():
    c = check("reprs")
    assert c.result.violations == []
    (e,) = c.endings
    assert e.lines() == (
        "fresh: <Lock(owner=None)> <RLock(None, 0)> <BoundedSemaphore(value=2, maxvalue=2)> "
        "<Semaphore(value=3)>",
        "conditions: <Condition(<RLock(None, 0)>, 0)> <Condition(<Lock(owner=None)>, 0)>",
        "held: <Lock(owner=MainProcess)> <RLock(MainProcess, 2)> <BoundedSemaphore(value=1, maxvalue=2)>",
        "inside with: <Condition(<RLock(MainProcess, 1)>, 0)>")
    assert e.lines("p") == ("child: <Lock(owner=SomeOtherProcess)> <RLock(SomeOtherProcess, "
                                    "nonzero)> <BoundedSemaphore(value=1, maxvalue=2)>",)


# -- Value / Array (§11) ----------------------------------------------------------------------------

def test_raw_value_has_no_get_lock():
    c = check("value", "raw_get_lock")
    assert c.errors == {("MainProcess", "AttributeError: 'c_int' object has no attribute 'get_lock'")}
    assert c.printed() == {("raw value 0",)}


def test_value_with_a_plain_lock_self_deadlocks_under_get_lock():
    c = check("value", "plain_lock_self_deadlock")
    assert c.deadlocks() == [{("MainProcess", "v.value")}]


def test_value_lock_must_have_acquire():
    assert check("value", "lock_not_a_lock").errors == {
        ("MainProcess", "AttributeError: 'x' has no method 'acquire'")}


def test_value_overflow_wraps():
    assert check("value", "overflow").printed() == {("Value('i', 2**31).value = -2147483648",
                                                     "after v.value = 2**31 + 1: -2147483647",
                                                     "Value('b', 200).value = -56")}


def test_value_repr():
    assert check("value", "repr").printed() == {(
        "<Synchronized wrapper for c_int(5)> <Synchronized wrapper for c_double(1.5)>",
        "c_int(7) c_double(2.0)")}


def test_value_bad_type():
    assert check("value", "bad_type").errors == {
        ("MainProcess", "TypeError: 'str' object cannot be interpreted as an integer")}


def test_array_indexing():
    c = check("value", "array_index")
    assert c.errors == {("MainProcess", "IndexError: invalid index")}
    assert c.printed() == {("a[-1] = 0 a[:] = [0, 0, 0] len 3",
                            "after a[0:2] = [7, 8]: [7, 8, 0] a[0:2] = [7, 8]")}


@pytest.mark.parametrize("case, finals", [
    ("lost_update", {"final 1", "final 2"}),
    ("locked_update", {"final 2"}),
    ("array_lost_update", {"final [0, 1, 0]", "final [0, 2, 0]"}),
])
def test_increments(case, finals):
    assert check("value", case).errors == {("MainProcess", f"AssertionError: {f}") for f in finals}


# -- Process (§13) ---------------------------------------------------------------------------------

def test_process_before_start():
    c = check("process", "before_start")
    assert c.errors == {("MainProcess", "AssertionError: can only join a started process")}
    assert c.printed() == {("exitcode None pid None is_alive False", "sentinel: process not started",
                            "terminate: 'NoneType' object has no attribute 'terminate'")}


def test_process_start_twice():
    c = check("process", "start_twice")
    assert c.errors == {("MainProcess", "AssertionError: cannot start a process twice")}
    assert c.printed() == {("exitcode 0 is_alive False",)}


def test_process_daemon_after_start():
    assert check("process", "daemon_after_start").errors == {
        ("MainProcess", "AssertionError: process has already started")}


def test_daemonic_process_cannot_have_children():
    c = check("process", "daemon_child")
    assert c.errors == {("daemonic", "AssertionError: daemonic processes are not allowed to have children")}
    assert c.printed() == {("daemonic child exitcode 1",)}


def test_process_close_while_running_and_use_after_close():
    c = check("process", "close_running")
    assert c.result.violations == []
    closed = "after close: process object is closed"
    assert c.printed() == {("close: Cannot close a process while it is still running. You should "
                            "first call join() or terminate().",) + (closed,) * 5}


def test_process_group_must_be_none():
    assert check("process", "group").errors == {
        ("MainProcess", "AssertionError: group argument must be None for now")}


def test_process_join_timeout_on_a_running_child():
    assert check("process", "join_timeout").printed() == {
        ("join(0.1) returned None exitcode None is_alive True", "then exitcode 0")}


def test_process_exit_codes():
    c = check("process", "exit_codes")
    (e,) = c.endings
    assert e.lines() == ("returns 0", "raises 1", "exit-3 3", "exit-text 1", "exit-none 0")
    assert dict(e.codes) == {"MainProcess": 0, "returns": 0, "raises": 1, "exit-3": 3,
                             "exit-text": 1, "exit-none": 0}
    assert e.died == {("raises", "ValueError: bad")}
    run_steps = c.result.violations[0].steps
    stderr = "".join(t for s in run_steps for p, stream, t in s.output if stream == "stderr")
    assert stderr.startswith("Process raises:\nTraceback (most recent call last):\n")
    assert stderr.endswith("ValueError: bad\n")


def test_process_exit_text_goes_to_stderr():
    path = os.path.join(HERE, "process.py")
    result = mpsim.check(path, ["exit_codes"])
    run = mpsim.run(path, schedule.encode(result.search.path(min(result.search.terminal))),
                    ["exit_codes"])
    assert ("exit-text", "stderr", "text\n") in [o for s in run.steps for o in s.output]


def test_process_terminate_and_kill():
    c = check("process", "terminate")
    assert c.result.violations == []
    assert c.printed() == {("terminated: exitcode -15", "killed: exitcode -9",
                            "<Process name='Process-1' stopped exitcode=-SIGTERM>")}
    assert {dict(e.codes)["p"] for e in c.endings} == {-15}


def test_process_plain_list_is_copied_primitive_is_shared():
    for method in ("spawn", "fork"):
        c = check("process", "copies", start_method=method)
        assert c.result.violations == []
        assert c.printed() == {("list in main: ['main'] lock free again: True",)}


def test_daemonic_children_are_terminated_when_main_exits():
    c = check("process", "daemon_terminated_at_exit", start_method="fork")
    assert c.result.violations == []
    assert {e.codes for e in c.endings} == {frozenset({("MainProcess", 0), ("daemon", -15)})}


@pytest.mark.parametrize("model,case", [("event", "set_wakes_all"),
                                        ("process", "daemon_terminated_at_exit"),
                                        ("process", "exit_waits_for_children")])
def test_spawned_children_lose_what_their_parent_let_go(model, case):
    """Under spawn each primitive is a named semaphore that its creator unlinks when it lets the
    object go (or exits, before joining its children); a child that has not unpickled it yet
    dies of FileNotFoundError (docs/semantics.md §20; real CPython: 20 of 20 runs when main
    ends at once)."""
    c = check(model, case)
    assert ("FileNotFoundError: [Errno 2] No such file or directory"
            in {error for _, error in c.errors})


def test_main_exit_waits_for_non_daemonic_children():
    c = check("process", "exit_waits_for_children", start_method="fork")
    assert c.kinds == ["deadlock"]
    (blocked,) = c.deadlocks()
    assert ("child", "event.wait()") in blocked
    assert {p for p, _ in blocked} == {"MainProcess", "child"}


def test_process_methods_from_a_sibling():
    c = check("process", "sibling")
    assert c.result.violations == []
    assert c.printed("second") == {("sibling: can only join a child process",
                                    "sibling: can only test a child process",
                                    "sibling: cannot start a process twice")}


def test_started_process_cannot_be_passed_to_a_spawned_child():
    # main dies of the TypeError; its exit then unlinks the lock the first child may not have
    # unpickled yet.
    assert check("process", "pass_started").errors == {
        ("MainProcess", "TypeError: cannot pickle 'weakref.ReferenceType' object"),
        ("Process-1", "FileNotFoundError: [Errno 2] No such file or directory")}


# -- start methods (§13) ---------------------------------------------------------------------------

def test_lambda_target_cannot_be_pickled_under_spawn():
    c = check("lambda_target")
    ((process, error),) = c.errors
    assert process == "MainProcess"
    assert re.fullmatch(r"_pickle\.PicklingError: Can't pickle <function <lambda> at 0x[0-9a-f]+>: "
                        r"attribute lookup <lambda> on __main__ failed", error), error
    assert c.printed() == {()}
    (v,) = c.result.violations
    stderr = "".join(t for s in v.steps for p, stream, t in s.output if stream == "stderr")
    assert 'lambda_target.py", line 10, in <module>\n    p.start()\n' in stderr  # in the parent


def test_lambda_target_works_with_fork():
    for c in (check("lambda_target", "fork"), check("lambda_target", start_method="fork")):
        assert c.result.violations == []
        assert c.printed() == {("exitcode 0",)}
        assert c.printed("p") == {("the lambda ran",)}


def test_target_defined_under_the_main_guard_under_spawn():
    c = check("guarded_target")
    path = os.path.join(HERE, "guarded_target.py")
    assert c.errors == {("p", f"AttributeError: Can't get attribute 'f' on "
                                      f"<module '__mp_main__' from '{path}'>")}
    assert c.printed() == {("exitcode 1",)}
    c = check("guarded_target", start_method="fork")
    assert c.result.violations == []
    assert c.printed("p") == {("f ran",)}


def test_spawned_child_reruns_the_top_level():
    c = check("toplevel")
    assert c.result.violations == []
    (e,) = c.endings
    assert e.lines() == ("top level runs in MainProcess as __main__",)
    assert e.lines("child") == ("top level runs in child as __mp_main__", "child runs")
    (e,) = check("toplevel", start_method="fork").endings
    assert e.lines("child") == ("child runs",)


def test_set_start_method_twice():
    c = check("start_method", "twice")
    assert c.errors == {("MainProcess", "RuntimeError: context has already been set")}
    assert c.printed() == {("set once: spawn",)}
    assert check("start_method", "force").printed() == {("forced: fork",)}


@pytest.mark.parametrize("case", ["after_lock", "after_get", "after_start"])
def test_using_the_default_context_fixes_it(case):
    assert check("start_method", case).errors == {
        ("MainProcess", "RuntimeError: context has already been set")}


def test_what_does_not_fix_the_default_context():
    c = check("start_method", "allowed")
    assert c.result.violations == []
    assert c.printed() == {("set after those: spawn",)}


def test_top_level_set_start_method_fails_in_a_spawned_child():
    c = check("toplevel_set")
    assert c.errors == {("p", "RuntimeError: context has already been set")}
    assert c.printed() == {("exitcode 1",)}


def test_forced_start_method_still_lets_the_program_set_one():
    c = check("lambda_target", "fork", start_method="fork")
    assert c.result.violations == []


# -- exploration soundness seen through these models -----------------------------------------------

PAIRS = {("MainProcess", f"AssertionError: pair {p}") for p in ("[0, 0]", "[0, 1]", "[1, 0]")}


def test_values_kept_in_locals_between_calls():
    assert check("value_on_stack", "locals").errors == PAIRS


def test_value_returned_onto_the_stack_between_calls():
    assert check("value_on_stack", "list").errors == PAIRS
