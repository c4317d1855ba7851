"""A simulated process behaves like a real Python process (issue: fidelity).

Each program in tests/models/fidelity prints what it saw; the test holds mpsim's possible outputs
to the ones real CPython 3.11 prints for the same program under the same start method, run here
for real (each program is short and deterministic in what it prints).
"""
import os
import subprocess
import sys

import pytest

import mpsim

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIDELITY = "tests/models/fidelity"


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def simulated(name, *argv):
    """Every line any run of the program prints in mpsim (the check must be complete and clean)."""
    result = mpsim.check(f"{FIDELITY}/{name}.py", list(argv))
    assert result.complete, result.stop_reason
    assert [v.title for v in result.violations] == []
    return {line for lines in result.search.printed.values() for _, line in lines}


def real(name, *argv):
    proc = subprocess.run([sys.executable, f"{FIDELITY}/{name}.py", *argv], capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return set(proc.stdout.splitlines())


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_at_fork_hooks_run_around_a_fork_start_only(method):
    expected = ({"child ['before-2', 'before-1', 'child-1', 'child-2']",
                 "parent ['before-2', 'before-1', 'parent-1']"} if method == "fork"
                else {"child []", "parent []"})
    assert real("at_fork_hooks", method) == expected
    assert simulated("at_fork_hooks", method) == expected


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_a_logging_handler_keeps_its_lock_across_a_queue_operation(method):
    """mpsim copies a process (to explore its state with several results) without the at-fork
    hooks a child runs: logging's hook would reset the handler's lock in the copy."""
    assert real("logging_lock_across_put", method) == {"one two"}
    assert simulated("logging_lock_across_put", method) == {"one two"}


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_output_written_to_descriptor_one_is_output(method):
    expected = {"from child", "via __stdout__", "done"}
    assert real("os_write_output", method) == expected
    assert simulated("os_write_output", method) == expected


def test_signals_the_controller_ignores_are_not_inherited():
    """A controller that ignores SIGUSR1 and SIGTERM (a replay test's pytest process did) starts
    the simulated processes' interpreter with them ignored, and exec keeps that: a spawned child's
    first run then changed a disposition, was no longer silent, and every trace got a step longer.
    The zygote gives every signal its default, as a fresh ``python model.py`` has it."""
    script = ("import signal, sys\n"
              "if sys.argv[1] == 'ignore':\n"
              "    signal.signal(signal.SIGUSR1, signal.SIG_IGN)\n"
              "    signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
              "import mpsim\n"
              "r = mpsim.check('models/pipe_deadlock.py', start_method='spawn')\n"
              "print([(v.kind, len(v.steps)) for v in r.violations])\n")
    runs = [subprocess.run([sys.executable, "-c", script, how], cwd=ROOT, capture_output=True,
                           text=True, timeout=120) for how in ("default", "ignore")]
    assert all(r.returncode == 0 for r in runs), [r.stderr for r in runs]
    assert runs[0].stdout == runs[1].stdout == "[('deadlock', 6)]\n"
