"""Every model of the bundle and the tests that has findings (with its arguments): the round trip
tests (test_roundtrip.py) check each one's schedules in the simulator, the replay tests
(test_replay.py) confirm each one on real processes under fork and spawn."""
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
    (f"{FINDINGS}/abba.py", []),
    (f"{FINDINGS}/array_lost_update.py", []),
    (f"{FINDINGS}/assert_fails.py", []),
    (f"{FINDINGS}/barrier_short.py", []),
    (f"{FINDINGS}/event_never_set.py", []),
    (f"{FINDINGS}/exit_join.py", []),
    (f"{FINDINGS}/lock_twice.py", []),
    (f"{FINDINGS}/loop_forever.py", []),
    (f"{FINDINGS}/lost_update.py", []),
    (f"{FINDINGS}/rlock_not_owner.py", []),
    (f"{FINDINGS}/spin_wait.py", []),
    ("tests/models/matching/expression.py", []),
    ("tests/models/cli/argv_echo.py", []),
    ("tests/models/cli/child_import_error.py", []),
]
