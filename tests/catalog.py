"""Every model of the bundle and the tests that has findings (with its arguments): the round trip
tests (test_roundtrip.py) check each one's schedules in the simulator, the replay tests
(test_replay.py) confirm each one on real processes under fork and spawn.  ``CLEAN``: models
without findings that still exercise every kind of primitive, and ``graph``: what a search
found, for the tests that compare two ways of searching (test_differential.py, test_workers.py)."""
import json

FINDINGS = "tests/models/findings"

BUGGY = [
    ("models/abba.py", []),
    ("models/barrier.py", []),
    ("models/condition.py", ["lost-wakeup"]),
    ("models/counter.py", []),
    ("models/counter.py", ["racy", "2"]),
    ("models/lock_vs_rlock.py", []),
    ("models/manager_counter.py", []),
    ("models/joinable_forgot_task_done.py", []),
    ("models/pipe_deadlock.py", []),
    ("models/queue_join_deadlock.py", []),
    ("models/philosophers.py", ["3", "naive"]),
    ("models/philosophers.py", ["3", "naive", "forever"]),
    ("models/philosophers.py", ["3", "ordered", "forever"]),
    ("models/semaphore.py", []),
    ("models/semaphore.py", ["bounded"]),
    ("models/slow_worker.py", []),
    ("models/traffic_forever.py", []),
    ("models/traffic_forever.py", ["1"]),
    ("models/unlocked_counter.py", []),
    (f"{FINDINGS}/abba.py", []),
    (f"{FINDINGS}/array_lost_update.py", []),
    (f"{FINDINGS}/assert_fails.py", []),
    (f"{FINDINGS}/error_at_start.py", []),
    (f"{FINDINGS}/barrier_short.py", []),
    (f"{FINDINGS}/event_never_set.py", []),
    (f"{FINDINGS}/exit_join.py", []),
    (f"{FINDINGS}/lock_twice.py", []),
    (f"{FINDINGS}/loop_forever.py", []),
    (f"{FINDINGS}/lost_update.py", []),
    (f"{FINDINGS}/exit_status.py", []),
    (f"{FINDINGS}/atexit_in_child.py", []),
    (f"{FINDINGS}/pool_unpicklable_error.py", []),
    (f"{FINDINGS}/rlock_not_owner.py", []),
    (f"{FINDINGS}/spin_wait.py", []),
    ("tests/models/matching/expression.py", []),
    ("tests/models/cli/argv_echo.py", []),
    ("tests/models/cli/child_import_error.py", []),
    ("tests/models/replay/condition_attribute.py", ["spawn"]),
]

CLEAN = [("models/traffic.py", ["4"]), ("models/producer_consumer.py", []),
         ("models/pool_basic.py", []), ("models/queue_pipe.py", []), ("models/increments.py", []),
         ("models/slow_worker.py", []), ("tests/models/time/spin_until_set.py", [])]


def graph(result):
    """What a search found, step by step: states, transitions, each finding (races included)
    with its schedule, the possible outcomes (each with its end states and schedule); what the
    untimed search covered, but not how long it took."""
    untimed = result.untimed and {k: v for k, v in result.untimed.items() if k != "elapsed_s"}
    return (result.states, result.transitions, untimed,
            sorted((v.kind, v.title, v.schedule) for v in result.violations),
            sorted((i["line"], i["schedule"]) for i in result.information),
            json.dumps(result.outcomes, sort_keys=True))
