"""Every bundled and test model's verdict under each start method (issue 15): a check searches
under fork, spawn and forkserver, and a model finds the same problems under each unless
``DIFFERS`` says why not.  The verdicts themselves are the business of test_findings.py and
test_roundtrip.py (which search under spawn only).  The models whose three searches take more
than a few seconds (``HEAVY``: each had the same verdict under the three when this was written)
run only with ``MPSIM_SLOW=1``."""
import os
import re

import pytest

import mpsim
from catalog import BUGGY
from test_roundtrip import CLEAN, ids

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
METHODS = ["fork", "spawn", "forkserver"]
HEAVY = {"models/increments.py", "models/pool_basic.py", "models/traffic.py",
         "models/producer_consumer.py", "models/manager_list.py", "models/semaphore.py"}
MODELS = [pytest.param(p, a, marks=pytest.mark.skipif(
              p in HEAVY and os.environ.get("MPSIM_SLOW") != "1", reason="MPSIM_SLOW=1: heavy"))
          for p, a in sorted(BUGGY) + sorted((p, []) for p in CLEAN)]

LOST = "FileNotFoundError: [Errno 2] No such file or directory"
# (model, argv) -> the titles found under each method, where they differ, and why (real runs with
# realruns.py -n 20 --start-method both, and through tests/oracle/forkserver_main.py)
DIFFERS = {
    # A spawned or forkserver child rebuilds the queue from its semaphores' names: once the parent
    # has died of queue.Empty and its exit unlinked them, the rebuild fails.  A forked child
    # inherits them open.
    ("models/slow_worker.py", ()): {
        "fork": ["Exception in MainProcess: _queue.Empty"],
        "spawn": ["Exception in MainProcess: _queue.Empty", f"Exception in worker: {LOST}"],
        "forkserver": ["Exception in MainProcess: _queue.Empty", f"Exception in worker: {LOST}"]},
    # spawn and forkserver children import the main module again; a forked child does not.
    ("tests/models/cli/child_import_error.py", ()): {
        "fork": [],
        "spawn": ["Exception in child: RuntimeError: cannot import in the child"],
        "forkserver": ["Exception in child: RuntimeError: cannot import in the child"]},
    # Main's exit unlinks the Event's semaphore, then joins the child: a forked child holds it
    # and waits for ever (real: 20/20 hang); a spawned one, still starting, cannot rebuild it
    # (real: 20/20 FileNotFoundError under spawn, 10/10 under forkserver).
    ("tests/models/findings/exit_join.py", ()): {
        "fork": ["Deadlock: MainProcess in waiter.join(), waiter in e.wait()"],
        "spawn": [f"Exception in waiter: {LOST}"],
        "forkserver": [f"Exception in waiter: {LOST}"]},
    # The same with a daemon, which main's exit terminates: a forked one quietly; a spawned one
    # may reach the rebuild between the unlink and the terminate (rare in real runs:
    # test_findings.py).
    ("tests/models/findings/exit_join_daemon.py", ()): {
        "fork": [], "spawn": [f"Exception in waiter: {LOST}"],
        "forkserver": [f"Exception in waiter: {LOST}"]},
    # A spawned child imports the main module again and registers its atexit callback too, and
    # runs it at exit (spawn_main ends with sys.exit); forked and forkserver children end with
    # os._exit and run none.
    ("tests/models/findings/atexit_in_child.py", ()): {
        "fork": [], "spawn": ["Exception in p: ZeroDivisionError: division by zero"],
        "forkserver": []},
}


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def by_method(result) -> dict:
    """Each method's finding titles; a default context's pool workers are named after the start
    method (ForkPoolWorker-1, SpawnPoolWorker-1) and compared without it."""
    return {m: sorted(re.sub(r"\b(?:Fork|Spawn|ForkServer)PoolWorker-", "PoolWorker-", v.title)
                      for v in result.violations if m in v.start_methods) for m in METHODS}


@pytest.mark.parametrize("model,argv", MODELS, ids=ids(sorted(BUGGY) + sorted((p, []) for p in CLEAN)))
def test_the_verdict_is_the_same_under_every_start_method(model, argv):
    result = mpsim.check(model, argv, start_methods=METHODS)
    assert result.complete, result.stop_reason
    assert result.start_methods == METHODS
    for v in result.violations:  # each finding's schedule follows its own method's rules
        assert mpsim.run(model, v.schedule, argv).steps == v.steps, v.title
    verdicts = by_method(result)
    if (model, tuple(argv)) in DIFFERS:
        assert verdicts == DIFFERS[model, tuple(argv)]
    else:
        assert verdicts["fork"] == verdicts["spawn"] == verdicts["forkserver"], verdicts
