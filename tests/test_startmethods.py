"""Start methods (issue 15): a check searches under every start method CPython could give a
program that does not fix its own, and forkserver behaves as CPython 3.11's.

The expected lines of ``tests/models/startmethods/forkserver.py`` are real CPython's, measured with
``python3 /work/shared/tools/realruns.py -n 40 --start-method both --jitter 0.01 forkserver.py CASE``
and, for forkserver, the same through ``tests/oracle/forkserver_main.py`` (one outcome each).
"""
import os

import pytest

import mpsim
from clitools import cli  # noqa: F401  (a fixture)
from mpsim.startmethods import StartMethodError, default_for, label, resolve

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS = "tests/models/startmethods"


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_the_defaults_of_each_platform_and_python():
    assert resolve() == ("fork", "spawn", "forkserver")
    assert resolve(platform="linux") == ("fork", "forkserver")
    assert resolve(platform="linux", python="3.12") == ("fork",)
    assert resolve(platform="linux", python="3.14") == ("forkserver",)
    assert resolve(platform="macos") == ("spawn",)
    assert resolve(python="3.11") == ("fork", "spawn")
    assert resolve(start_methods=["spawn", "fork"]) == ("fork", "spawn")
    assert default_for("windows", "3.14") == "spawn"
    for bad in ({"start_method": "thread"}, {"platform": "bsd"}, {"python": "2.7"},
                {"start_method": "fork", "platform": "linux"}):
        with pytest.raises(StartMethodError):
            resolve(**bad)


def test_a_label_names_the_methods_a_finding_needs():
    every = ("fork", "spawn", "forkserver")
    assert label(["fork"], every) == "only under fork (Linux's default up to Python 3.13)"
    assert label(every, every) == "under every one searched"
    assert label(["fork"], ("fork",)) is None
    assert "cut short" in label(["fork"], every, incomplete=["spawn"])


@pytest.mark.every_start_method
def test_the_issues_program_gets_the_fork_deadlock_and_the_spawn_error_in_one_check():
    result = mpsim.check(f"{MODELS}/condition_attribute.py")
    assert result.complete
    assert result.start_methods == ["fork", "spawn", "forkserver"]
    found = {v.kind: v for v in result.violations}
    assert set(found) == {"deadlock", "exception"}
    # under fork the child changes its own copy: the parent waits for ever (and under the others
    # the child dies, so the parent waits for ever too)
    assert found["deadlock"].start_methods == ["fork", "spawn", "forkserver"]
    assert found["deadlock"].start_method == "fork"
    assert "AttributeError" in found["exception"].title
    assert found["exception"].start_methods == ["spawn", "forkserver"]
    assert found["exception"].schedule.startswith("mpsim2:spawn:")
    data = result.to_json()
    assert [s["start_method"] for s in data["searches"]] == ["fork", "spawn", "forkserver"]
    assert data["violations"][1]["start_methods"] == ["spawn", "forkserver"]


@pytest.mark.every_start_method
def test_a_program_that_never_uses_the_default_method_is_searched_once():
    # (a spawn or forkserver start would ask: the child learns its parent's default method)
    result = mpsim.check("tests/models/fidelity/at_fork_hooks.py", ["fork"])
    assert [r.same_as for r in result.searches] == [None, "fork", "fork"]
    assert result.states == len(result.search.worlds)


def printed(case, method):
    result = mpsim.check(f"{MODELS}/forkserver.py", [case], start_method=method)
    assert result.complete, result.stop_reason
    assert [v.title for v in result.violations] == []
    return {line for lines in result.search.printed.values() for _, line in lines}


# case -> (fork, spawn, forkserver): the lines real CPython 3.11 prints
REAL = {
    "env": ({"first: PROBE=before", "second: PROBE=after"},
            {"first: PROBE=before", "second: PROBE=after"},
            {"first: PROBE=before", "second: PROBE=before"}),
    "globals": ({"child: COUNTER=2"}, {"child: COUNTER=0"}, {"child: COUNTER=0"}),
    "preload": ({"child: fs_helper imported by this process, VALUE 'changed by the parent'",
                 "children drew the same token: True"},
                {"child: fs_helper imported by this process, VALUE 'as imported'",
                 "children drew the same token: False"},
                {"child: fs_helper imported by the forkserver, VALUE 'as imported'",
                 "children drew the same token: True"}),
    "atexit": ({"exit code 0"}, {"child: atexit handler ran", "exit code 0"}, {"exit code 0"}),
    "ppid": ({"child: getppid() is the parent: True; parent_process().pid is the parent: True"},
             {"child: getppid() is the parent: True; parent_process().pid is the parent: True"},
             {"child: getppid() is the parent: False; parent_process().pid is the parent: True"}),
    "recursion": ({"child: recursion depth 988"}, {"child: recursion depth 993"},
                  {"child: recursion depth 992"}),
    "exit_at_import": ({"exit code 0"}, {"exit code 5"}, {"exit code 1"}),
    "fork_child": ({"forked child: start() raised ChildProcessError: [Errno 10] No child processes",
                    "exit code 0"},) * 3,
    "grandchild": ({"child: fs_helper imported by the forkserver",
                    "grandchild: fs_helper imported by this process"},) * 3,
    "preload_hooks": ({"child: ['before', 'child']", "parent: ['before', 'parent']"},
                      {"child: []", "parent: []"},
                      {"child: ['before', 'child']", "parent: []"}),
}


@pytest.mark.parametrize("case", sorted(REAL))
def test_what_a_child_sees_under_each_start_method_is_cpythons(case):
    for method, expected in zip(("fork", "spawn", "forkserver"), REAL[case]):
        assert printed(case, method) == expected, method


def test_the_command_narrows_the_methods_and_refuses_contradictions(cli):
    data = cli("check", "--json", "--platform", "linux", "--python", "3.14", "models/abba.py").json
    assert [s["start_method"] for s in data["searches"]] == ["forkserver"]
    data = cli("check", "--json", "--start-method", "fork", "--start-method", "spawn",
               "models/abba.py").json
    assert [s["start_method"] for s in data["searches"]] == ["fork", "spawn"]
    assert data["violations"][0]["start_methods"] == ["fork", "spawn"]
    r = cli("check", "--platform", "linux", "--start-method", "fork", "models/abba.py")
    assert r.code == 2 and "not both" in r.err


@pytest.mark.every_start_method
def test_a_default_contexts_pool_workers_are_named_as_cpython_names_them_under_each_method():
    """CPython names a default context's pool workers after the start method (ForkPoolWorker-1,
    SpawnPoolWorker-1).  The session - what mpsim learned of the model's processes - is shared by
    the searches under several methods and by later calls on the same model: each names the
    workers by its own method, whichever method was searched first."""
    model = "tests/models/findings/pool_unpicklable_error.py"

    def starts(result):
        return [s.op for v in result.violations for s in v.steps if s.op.endswith(".start()")]

    both = mpsim.check(model, start_methods=["fork", "spawn"])
    assert both.violations[0].start_methods == ["fork", "spawn"]  # the steps shown are fork's
    assert starts(both) == ["ForkPoolWorker-1.start()", "ForkPoolWorker-2.start()"]
    spawned = mpsim.check(model, start_method="spawn")
    assert starts(spawned) == ["SpawnPoolWorker-1.start()", "SpawnPoolWorker-2.start()"]
    steps = mpsim.run(model, spawned.violations[0].schedule, start_method="spawn").steps
    assert "SpawnPoolWorker-1.start()" in [s.op for s in steps]
    assert starts(mpsim.check(model, start_method="fork"))[0] == "ForkPoolWorker-1.start()"
