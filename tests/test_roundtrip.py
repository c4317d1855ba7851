"""Every schedule mpsim reports replays to the very trace it reported, through the API and the CLI.

For each buggy model (bundled and test models): check -> each violation's schedule -> run, and the
run's steps must equal the violation's steps; then the same through the real command line, using
the exact ``replay:`` command the text report printed.  Also: checks and runs are deterministic,
and a schedule that does not fit the model raises ScheduleError naming the step.
"""
import functools
import json
import os
import re
import shlex
import subprocess
import sys

import pytest

import mpsim
from catalog import BUGGY
from clitools import pinned
from mpsim import schedule as schedules

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FINDINGS = "tests/models/findings"

# BUGGY (tests/catalog.py): (model, argv) for every model that has findings.
# test_every_model_is_classified keeps it complete.
# Models with no findings (their verdicts are in test_findings.py).
CLEAN = {"models/traffic.py", "models/producer_consumer.py", "models/manager_list.py",
         "models/pool_basic.py", "models/queue_pipe.py", f"{FINDINGS}/clean.py",
         f"{FINDINGS}/exit_join_daemon.py", f"{FINDINGS}/spin_wait_set.py", "models/increments.py"}
NOT_CHECKABLE = {"tests/models/cli/syntax_error.py", "tests/models/cli/uses_connection_wait.py",
                 "tests/models/cli/uses_thread.py",  # exit 2 by design (test_cli.py)
                 "tests/models/cli/no_main_guard.py"}  # its check never ends (test_cli.py)


def ids(cases):
    return [f"{os.path.basename(p)}{'-' + '-'.join(a) if a else ''}" for p, a in cases]


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@functools.lru_cache(maxsize=None)
def _check(path, argv):
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return mpsim.check(path, list(argv))
    finally:
        os.chdir(cwd)


def check(path, argv):
    return _check(path, tuple(argv))


def mpsim_cli(*words, check_rc=None, env=None):
    """Run the real command line (python -m mpsim ...) from the repository root (start methods
    ``pinned``)."""
    proc = subprocess.run([sys.executable, "-m", "mpsim", *pinned(words)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=env)
    if check_rc is not None:
        assert proc.returncode == check_rc, (proc.returncode, proc.stdout, proc.stderr)
    return proc


def test_every_model_is_classified():
    """A new model under models/ or tests/models/{findings,matching,cli} must be added here."""
    listed = {p for p, _ in BUGGY} | CLEAN | NOT_CHECKABLE
    found = set()
    for folder in ("models", "tests/models/findings", "tests/models/cli"):
        found |= {f"{folder}/{n}" for n in os.listdir(os.path.join(ROOT, folder))
                  if n.endswith(".py")}
    found.add("tests/models/matching/expression.py")
    assert sorted(found - listed) == []


# -- API: check -> schedule -> run ----------------------------------------------------------------

@pytest.mark.parametrize("path,argv", BUGGY, ids=ids(BUGGY))
def test_run_replays_each_violation(path, argv):
    result = check(path, argv)
    assert result.complete is True
    assert result.violations
    for v in result.violations:
        run = mpsim.run(path, v.schedule, argv)
        assert run.schedule == v.schedule
        assert [(s.process, s.op, s.location, s.result, s.output, s.died) for s in run.steps] == \
               [(s.process, s.op, s.location, s.result, s.output, s.died) for s in v.steps], v.title
        expected = {"deadlock": "deadlock", "nontermination": "continues"}.get(v.kind)
        if expected:
            assert run.outcome == expected, v.title
        if v.kind == "deadlock":
            unfinished = [name for name, code in run.exit_codes.items() if code is None]
            assert [s.process for s in run.steps if s.result == "blocks"][-len(unfinished):] == \
                unfinished
            assert all(s.result == "blocks" for s in run.steps[-len(unfinished):])
            assert run.final_state == v.final_state
        if v.kind == "exception":
            assert run.steps[-1].died[-1] == (v.process, v.error)
            # an uncaught exception ends the process with 1; an atexit callback's, printed and
            # ignored by CPython, leaves the exit code as it was
            ignored = v.explanation.startswith("An atexit callback")
            assert run.exit_codes[v.process] == (0 if ignored else 1)


# -- CLI: the printed replay command ---------------------------------------------------------------

def violation_blocks(text):
    """[(title, step lines, replay command)] from a text report."""
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = re.match(r"^\[(\d+)\] (.*)$", lines[i])
        if not m:
            i += 1
            continue
        title = m.group(2)
        i += 1
        if lines[i].startswith("    start methods: "):  # the methods it needs (several searched)
            i += 1
        if lines[i].startswith("    timing: "):  # a timing-dependent finding's assumption
            i += 1
        steps = []
        while not lines[i].startswith(("    final state:", "    why:")):
            steps.append(lines[i].replace("↻", " "))  # the loop mark is the check's only extra
            i += 1
        while not lines[i].startswith("    replay: "):
            i += 1
        blocks.append((title, steps, lines[i][len("    replay: "):]))
    return blocks


def _no_addresses(lines):
    return [re.sub(r" at 0x[0-9a-f]+", " at 0x...", line) for line in lines]


def run_step_lines(text):
    lines = text.splitlines()
    assert lines[1] == ""
    end = next(i for i, line in enumerate(lines) if line.startswith("outcome: "))
    assert lines[end - 1] == ""
    return lines[2:end - 1]


CLI_CASES = [c for c in BUGGY if c[0] != "tests/models/cli/child_import_error.py"] + [
    ("tests/models/cli/argv_echo.py", ["x", "--strategy", "y z"])]


@pytest.mark.parametrize("path,argv", CLI_CASES, ids=ids(CLI_CASES))
def test_cli_replay_command_prints_the_same_steps(path, argv):
    report = mpsim_cli("check", path, *(["--", *argv] if argv else []), check_rc=1).stdout
    blocks = violation_blocks(report)
    assert len(blocks) == len(check(path, argv).violations)
    for title, steps, replay in blocks:
        assert len(steps) >= 2, title
        words = shlex.split(replay)
        assert words[:3] == ["mpsim", "run", path]
        assert words[-len(argv) - 1:] == ["--", *argv] if argv else "--" not in words
        out = mpsim_cli(*words[1:], check_rc=0).stdout
        # an object's address in printed output (CPython's "<function report at 0x7f...>") is no
        # more stable from one process to another in mpsim than in CPython
        assert _no_addresses(run_step_lines(out)) == _no_addresses(steps), title


def test_cli_replays_a_child_dying_at_import():
    path = "tests/models/cli/child_import_error.py"
    [(title, steps, replay)] = violation_blocks(mpsim_cli("check", path, check_rc=1).stdout)
    assert replay == f"mpsim run {path} --schedule mpsim2:spawn:0/1"  # the child's start is its own step
    out = mpsim_cli(*shlex.split(replay)[1:], check_rc=0).stdout
    assert run_step_lines(out) == steps
    assert "exit codes: MainProcess running, child 1" in out


# -- determinism --------------------------------------------------------------------------------

def stable_json(result):
    data = result.to_json()
    for part in [data, *data["searches"]]:
        part.pop("elapsed_s")
        if part["untimed_search"]:
            part["untimed_search"].pop("elapsed_s")
    return json.dumps(data, sort_keys=True)


@pytest.mark.parametrize("path,argv", [("models/semaphore.py", ["bounded"]),
                                       ("models/philosophers.py", ["3", "naive", "forever"]),
                                       ("models/traffic.py", ["2"]),
                                       (f"{FINDINGS}/lost_update.py", [])])
def test_same_check_twice_gives_identical_json(path, argv):
    first = mpsim.check(path, argv)
    second = mpsim.check(path, argv)
    assert stable_json(first) == stable_json(second)
    assert first.states == second.states and first.transitions == second.transitions


def test_a_check_does_not_depend_on_earlier_checks_in_the_same_process():
    # In a fresh interpreter (so that the order of the tests cannot matter): checking one Barrier
    # model must not change how the next one is checked.
    script = (
        "import json, sys, mpsim\n"
        "def stable(r):\n"
        "    d = r.to_json(); d.pop('elapsed_s'); return json.dumps(d, sort_keys=True)\n"
        f"mpsim.check('{FINDINGS}/barrier_short.py', start_method='spawn')\n"
        "try:\n"
        "    print(stable(mpsim.check('models/barrier.py', start_method='spawn')))\n"
        "except mpsim.MpsimError as exc:\n"
        "    print(type(exc).__name__, exc)\n")
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env={**os.environ, "PYTHONHASHSEED": "0"})
    assert proc.returncode == 0, proc.stderr
    assert not proc.stdout.startswith("NondeterministicModel"), proc.stdout
    out = json.loads(proc.stdout)
    assert (out["states"], out["transitions"]) == (72, 100)
    assert [v["kind"] for v in out["violations"]] == ["deadlock"]


def test_same_check_twice_through_the_cli_gives_identical_json():
    outs = [json.loads(mpsim_cli("check", "--json", "models/counter.py", "--", "racy", "2",
                                 check_rc=1).stdout) for _ in range(2)]
    for out in outs:
        for part in [out, *out["searches"]]:
            part.pop("elapsed_s")
    assert outs[0] == outs[1]
    assert [v["kind"] for v in outs[0]["violations"]] == ["exception", "exception", "race"]


@pytest.mark.parametrize("path,argv", [("models/semaphore.py", ["bounded"]),
                                       ("models/traffic_forever.py", [])])
def test_schedule_run_twice_gives_identical_traces(path, argv):
    for v in check(path, argv).violations:
        a = mpsim.run(path, v.schedule, argv)
        b = mpsim.run(path, v.schedule, argv)
        assert a.steps == b.steps
        assert (a.outcome, a.final_state, a.exit_codes) == (b.outcome, b.final_state, b.exit_codes)


# -- wrong schedules -------------------------------------------------------------------------------

ABBA = "models/abba.py"


@pytest.mark.parametrize("schedule,message", [
    # after 0*2/1*2/2*2 (each worker starts, then takes its first lock) worker-1 waits for
    # lock_b, held by worker-2
    ("mpsim2:0*2/1*2/2*2/1",
     "schedule step 7: worker-1 cannot move: it is blocked in lock_b.acquire()"),
    ("mpsim2:0/x", "schedule step 2: cannot read 'x'"),
    ("mpsim2:0/1*0", "schedule step 2: cannot read '1*0'"),
    ("mpsim2:0*2/5", "schedule step 3: there is no process Process-5 at that point"),
    ("mpsim2:0/2", "schedule step 2: there is no process worker-2 at that point"),
    ("mpsim2:0*2/1:1", "schedule step 3: there is no process Process-1:1 at that point"),
    ("mpsim2:0*2/1.3", "schedule step 3: worker-1 has 1 way(s) to move, not way 3"),
])
def test_wrong_schedule_names_the_step(schedule, message):
    with pytest.raises(mpsim.ScheduleError) as info:
        mpsim.run(ABBA, schedule)
    assert str(info.value) == message


def test_schedule_for_a_finished_process():
    # lock-releaser starts, then releases the Lock and finishes in one step; it cannot move again.
    with pytest.raises(mpsim.ScheduleError) as info:
        mpsim.run("models/lock_vs_rlock.py", "mpsim2:0*2/1*2/1")
    assert str(info.value) == "schedule step 5: lock-releaser has already finished"


def test_schedule_without_the_version_prefix():
    with pytest.raises(mpsim.ScheduleError) as info:
        mpsim.run(ABBA, "0*2/1/2")
    assert "mpsim2:" in str(info.value)


def test_bad_token_is_numbered_like_the_other_schedule_errors():
    # Every other ScheduleError counts choices ("0*2/1/2/1" fails at step 5); a token that cannot
    # be read must be numbered the same way: in "0*2/x" the 'x' is the third choice.
    with pytest.raises(mpsim.ScheduleError) as info:
        mpsim.run(ABBA, "mpsim2:0*2/x")
    assert str(info.value) == "schedule step 3: cannot read 'x'"


def test_cli_wrong_schedule_exits_2_naming_the_step():
    proc = mpsim_cli("run", ABBA, "--schedule", "mpsim2:0*2/1*2/2*2/1")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == ("mpsim: schedule step 7: worker-1 cannot move: it is blocked in "
                           "lock_b.acquire()\n")


def test_prefix_of_a_schedule_is_a_valid_schedule():
    v = check(ABBA, []).violations[0]
    choices = schedules.decode(v.schedule).choices
    run = mpsim.run(ABBA, schedules.encode(choices[:2]))
    assert run.outcome == "continues"
    assert [s.op for s in run.steps] == ["(starts)", "worker-1.start()", "worker-2.start()"]
