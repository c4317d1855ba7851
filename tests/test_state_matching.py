"""State matching must never merge two local states whose futures differ (DESIGN.md §4).

Each model under tests/models/matching/ reaches the same line with the same visible variables in
states that differ elsewhere: a class attribute, a function attribute, a field ``__getstate__``
leaves out, what ``list()`` has collected in C, an exception in flight, a set's table, a loop's
iterator, a generator, a ``with`` block, a closure cell, a module global, a value waiting on the
stack, an environment variable, a name in ``builtins``, a module imported late, a signal handler.
Merging them would change the verdict, so each test asserts the verdict real CPython
gives (checked with ../shared/tools/realruns.py under fork and spawn; the models' docstrings say
what happens).  The "protection" tests switch one safeguard off (``MPSIM_UNSAFE``, read only by
the simulated processes) and show the verdict then goes wrong: proof that the models catch a
fingerprint that misses it.
"""
import json
import os
import subprocess
import sys

import pytest

import mpsim
from mpsim import schedule

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(ROOT, "tests", "models", "matching")


def check(name, **kw):
    return mpsim.check(os.path.join(HERE, name + ".py"), **kw)


def errors(result):
    return sorted({v.error for v in result.violations if v.kind == "exception"})


VERDICTS = {
    "class_attribute": ["AssertionError: third round"],
    "function_attribute": ["AssertionError: third call"],
    "getstate_omits": ["AssertionError: third round"],
    "c_call_collects": ["AssertionError: ['b', 'a']"],
    "pending_exception": ["KeyError: 'boom'"],
    "set_layout": ["AssertionError: [0, 24, 8]"],
    "iterator_container": ["AssertionError: 2 rounds"],
    "expression": ["AssertionError: total 0", "AssertionError: total 1", "AssertionError: total 2"],
    "for_repeated": [], "generator": [], "with_in_progress": [], "try_in_progress": [],
    "closure": [], "global_counter": [],
    "environment": ["AssertionError: third round"],
    "builtin_changed": ["AssertionError: third round"],
    "imported_later": ["AssertionError: third round"],
    "signal_handler": ["AssertionError: fourth round"],
    "sorted_gets": [],  # prints [1, 1, 2, 2] in every real run (test_differential re-creates it)
}


@pytest.mark.parametrize("name", sorted(VERDICTS))
def test_verdict_is_real_cpythons(name):
    result = check(name, audit_merges=True)
    assert result.complete
    assert errors(result) == VERDICTS[name]
    # main reads what a child writes, unordered: a race too where the model's result depends on it
    assert [v.kind for v in result.violations if v.kind not in ("exception", "race")] == []


def test_every_model_is_checked():
    assert sorted(f[:-3] for f in os.listdir(HERE) if f.endswith(".py")) == sorted(VERDICTS)


def test_dict_version_follows_every_change():
    # What memory.DerivedFrom relies on to read sys.modules, os.environ and builtins again.
    from mpsim.engines.sim.memory import dict_version
    d = {"a": 1}
    versions = [dict_version(d)]
    for change in (lambda: d.__setitem__("b", 2), lambda: d.__setitem__("a", 3),
                   lambda: d.pop("b"), lambda: d.update(c=4), lambda: d.clear()):
        change()
        versions.append(dict_version(d))
    assert len(set(versions)) == len(versions)
    d["x"] = value = object()
    before = dict_version(d)
    d["x"] = value  # the same value again: nothing changed
    _ = d["x"], list(d.items())
    assert dict_version(d) == before


def test_the_exception_in_flight_and_the_clean_run_both_end():
    result = check("pending_exception")
    outputs = set()
    for end in result.search.terminal:
        run = mpsim.run(os.path.join(HERE, "pending_exception.py"),
                        schedule.encode(result.search.path(end)))
        outputs.add("".join(t for s in run.steps for _, stream, t in s.output if stream == "stdout"))
    assert outputs == {"exit code 0\n", "exit code 1\n"}


def test_for_loop_runs_every_iteration():
    result = check("for_repeated")
    search = result.search
    ending = schedule.encode(search.path(min(search.terminal)))
    run = mpsim.run(os.path.join(HERE, "for_repeated.py"), ending)
    assert len([s for s in run.steps if s.op == "lock.acquire()"]) == 3
    assert run.outcome == "finished"


def test_loops_are_merged_where_they_repeat():
    # Merging is still the point: a process looping for ever is a cycle, not an endless tree.
    result = mpsim.check(os.path.join(ROOT, "models/philosophers.py"), ["3", "ordered", "forever"])
    assert result.complete
    assert result.states < 300
    assert not any("never merged" in note for note in result.notes)


# -- each protection, switched off ---------------------------------------------------------------

def unsafe_check(name, switch):
    """The check in a fresh controller whose simulated processes run with a safeguard off."""
    env = dict(os.environ, MPSIM_UNSAFE=switch)
    proc = subprocess.run([sys.executable, "-m", "mpsim", "check", "--json", "--start-method",
                           "spawn", os.path.join(HERE, name + ".py")], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)
    out = json.loads(proc.stdout)
    return sorted({(v["kind"], v["error"]) for v in out["violations"]})


@pytest.mark.parametrize("name,switch", [
    ("class_attribute", "classes"),  # classes by name only: their attributes are not seen
    ("function_attribute", "functions"),  # functions by name only
    ("getstate_omits", "getstate"),  # objects as their own __getstate__ describes them
    ("set_layout", "sets"),  # sets by contents and order only
    ("c_call_collects", "track"),  # what C code collected between two operations is not seen
    ("expression", "stack"),  # the value stack is not read
])
def test_protection(name, switch):
    wrong = unsafe_check(name, switch)
    right = [("exception", e) for e in VERDICTS[name]]
    assert wrong != right, f"with {switch} off the verdict should go wrong, got {wrong}"


def test_a_forked_childs_operations_are_located_in_its_own_frames():
    """A forked child keeps its parent's frames below its own, never to run again: they are not
    in its state, so nothing it reports may come from them.  A pool worker the worker handler
    forks from inside the parent's get() at one line or another reached the same state; had its
    operations been located at the parent's line (pool_maxtasks.py:52 or 53) the merge audit
    would find the merged state behaving differently.  A forked child's finalizer at exit has no
    line of the program, as under spawn (it was shown at the parent's p.start())."""
    comm = "tests/models/communication/pool_maxtasks.py"
    result = mpsim.check(comm, ["get"], start_method="fork", audit_merges=True)
    assert result.complete and not result.violations
    v = mpsim.check("models/queue_join_deadlock.py", start_method="fork").violations[0]
    finalizer = [s for s in v.steps if "[finalizer]" in s.op]
    assert finalizer and all(s.location == "" for s in finalizer)
