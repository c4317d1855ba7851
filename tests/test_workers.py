"""Steps run several at once (``--workers N``) or on a Dask cluster (``--dask ADDRESS``) explore
the very graph a one-by-one search explores: the same states, transitions, findings with their
schedules, information and outcomes (the search and its numbering stay in the controller; only
the simulated processes' steps run elsewhere, ``search/remote.py``).

Every comparison starts both searches from an empty memo (``api._SESSIONS``), so the steps are
really run - the second search would otherwise answer from the first one's memo.  The Dask tests
run a ``distributed.LocalCluster`` of two worker processes and check that no simulated process
ran in the controller.
"""
import collections
import os

import pytest

import mpsim
import mpsim.api
from catalog import BUGGY, CLEAN, graph
from clitools import cli  # noqa: F401 (fixture)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fresh_check(monkeypatch, path, argv, **options):
    """``mpsim.check`` with nothing remembered from earlier checks (and no merge audit: it runs
    every step one by one, beside its twin)."""
    monkeypatch.setattr(mpsim.api, "_SESSIONS", collections.OrderedDict())
    options = {"start_method": "fork", "max_states": 5_000, "untimed_states": 2_000,
               "audit_merges": False, **options}
    return mpsim.check(path, argv, **options)


@pytest.mark.parametrize("path,argv", BUGGY + CLEAN,
                         ids=[f"{os.path.basename(p)}{'-' + '-'.join(a) if a else ''}"
                              for p, a in BUGGY + CLEAN])
def test_workers_explore_the_same_graph(path, argv, monkeypatch):
    os.chdir(ROOT)
    one = fresh_check(monkeypatch, path, argv)
    three = fresh_check(monkeypatch, path, argv, workers=3)
    assert graph(three) == graph(one)


def test_workers_run_steps_together(monkeypatch):
    """The steps of several states are run at once: with 3 workers every step is still run
    exactly once (none twice, none skipped)."""
    os.chdir(ROOT)
    one = fresh_check(monkeypatch, "models/increments.py", ["2", "3", "locked"])
    three = fresh_check(monkeypatch, "models/increments.py", ["2", "3", "locked"], workers=3)
    assert three.search.session.locals.executed == one.search.session.locals.executed > 50
    assert three.search.session.locals.together > 20
    assert one.search.session.locals.together == 0


def test_workers_must_be_positive():
    with pytest.raises(ValueError, match="workers must be a positive whole number"):
        mpsim.check(os.path.join(ROOT, "models/abba.py"), workers=0)


def test_the_cli_takes_workers(cli):  # noqa: F811
    one = cli("check", "--json", "--start-method", "fork", "models/pool_basic.py", "--", "2", "3")
    two = cli("check", "--json", "--workers", "2", "--start-method", "fork",
              "models/pool_basic.py", "--", "2", "3")
    assert one.code == two.code == 0
    assert (one.json["states"], one.json["transitions"]) == (two.json["states"], two.json["transitions"])
    bad = cli("check", "--workers", "0", "models/abba.py")
    assert bad.code == 2 and "--workers" in bad.err


# -- Dask ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def dask_client():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster:
        with distributed.Client(cluster) as client:
            yield client


DASK_MODELS = [("models/abba.py", []), ("models/increments.py", ["2", "2", "unlocked"]),
               ("models/pool_basic.py", ["2", "3"]), ("models/producer_consumer.py", ["1", "2"]),
               ("tests/models/findings/error_at_start.py", []),
               ("tests/models/findings/spin_wait.py", [])]


@pytest.mark.parametrize("path,argv", DASK_MODELS,
                         ids=[f"{os.path.basename(p)}{'-' + '-'.join(a) if a else ''}"
                              for p, a in DASK_MODELS])
def test_a_dask_cluster_explores_the_same_graph(path, argv, dask_client, monkeypatch):
    os.chdir(ROOT)
    here = fresh_check(monkeypatch, path, argv)
    there = fresh_check(monkeypatch, path, argv, dask=dask_client)
    assert graph(there) == graph(here)
    assert there.search.session.locals.pool.started == 0  # every process ran on the workers
    assert here.search.session.locals.pool.started > 0


def test_a_process_running_for_ever_on_dask(dask_client, monkeypatch):
    """A process stopped at the step limit runs no code in its next steps: they are answered in
    the controller (a worker was once asked to run one, and refused)."""
    os.chdir(ROOT)
    path, options = "tests/models/workers/busy_forever.py", {"step_limit": 0.5}
    here = fresh_check(monkeypatch, path, [], **options)
    there = fresh_check(monkeypatch, path, [], dask=dask_client, **options)
    assert [v.kind for v in there.violations] == ["nontermination"]
    assert graph(there) == graph(here)


@pytest.mark.every_start_method
def test_dask_under_every_start_method_and_strategy(dask_client, monkeypatch):
    """Steps asked for one at a time (the preemption-bounded search of ``auto``, a start method
    searched after another) run on the cluster too."""
    os.chdir(ROOT)
    for options in ({"strategy": "auto", "max_states": 60}, {}):
        options = {"start_method": None, "untimed_states": 200, **options}
        here = fresh_check(monkeypatch, "models/abba.py", [], **options)
        there = fresh_check(monkeypatch, "models/abba.py", [], dask=dask_client, **options)
        assert graph(there) == graph(here)
        assert there.notes == here.notes
        assert len(there.start_methods) == 3


def test_dask_does_not_audit_merges(dask_client):
    with pytest.raises(ValueError, match="audit"):
        mpsim.check(os.path.join(ROOT, "models/abba.py"), dask=dask_client, audit_merges=True)


def test_an_unreachable_scheduler_is_a_clear_error(cli, monkeypatch):  # noqa: F811
    pytest.importorskip("distributed")
    monkeypatch.setattr("mpsim.search.remote.CONNECT_TIMEOUT", "1s")
    r = cli("check", "--dask", "tcp://127.0.0.1:9", "models/abba.py")
    assert r.code == 2, r
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in r.err
