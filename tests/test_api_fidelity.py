"""The APIs people use (issue 14): concurrent.futures.ProcessPoolExecutor (tests/models/futures),
os._exit and os.kill (tests/models/signals).  What every run of each program prints in mpsim is
what real CPython prints for it under the same start method (each program prints the same in
every real run: 40 runs of each, fork and spawn, in its docstring)."""
import os
import subprocess
import sys

import pytest

import mpsim
from mpsim.errors import UnsupportedAPI

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS = ["futures/pool_executor", "futures/broken", "futures/unpicklable",
            "signals/exit_and_kill"]


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def simulated(name, method):
    result = mpsim.check(f"tests/models/{name}.py", start_method=method)
    assert result.complete, result.stop_reason
    assert [v.title for v in result.violations] == []
    assert not [n for n in result.notes if "never merged" in n]  # every state compared exactly
    return {line for lines in result.search.printed.values() for _, line in lines}


def real(name, method):
    # The program runs as the real __main__ (runpy.run_path's namespace is gone when it returns,
    # before the executor's feeder thread has pickled the last call by its __main__ name).
    code = ("import __main__, multiprocessing, sys; multiprocessing.set_start_method(sys.argv[1]); "
            "__main__.__file__ = sys.argv[2]; "
            "exec(compile(open(sys.argv[2]).read(), sys.argv[2], 'exec'), __main__.__dict__)")
    proc = subprocess.run([sys.executable, "-c", code, method, f"tests/models/{name}.py"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return set(proc.stdout.splitlines())


@pytest.mark.parametrize("method", ["fork", "spawn"])
@pytest.mark.parametrize("name", PROGRAMS)
def test_prints_what_cpython_prints(name, method):
    assert simulated(name, method) == real(name, method)


def test_a_deadlock_inside_a_submitted_call_is_found(tmp_path):
    program = tmp_path / "stuck.py"
    program.write_text(
        "import multiprocessing\n"
        "from concurrent.futures import ProcessPoolExecutor\n\n"
        "def wait_for(event):\n"
        "    event.wait()\n\n"
        'if __name__ == "__main__":\n'
        "    with multiprocessing.Manager() as manager:\n"
        "        event = manager.Event()\n"
        "        with ProcessPoolExecutor(max_workers=1) as ex:\n"
        "            ex.submit(wait_for, event).result()\n")
    result = mpsim.check(str(program))
    assert [v.kind for v in result.violations] == ["deadlock"]
    assert "result()" in result.violations[0].title or "wait" in result.violations[0].title


@pytest.mark.parametrize("name, what", [("u_shared_memory", "SharedMemory"),
                                        ("u_shareable_list", "ShareableList"),
                                        ("u_thread_pool_executor", "ThreadPoolExecutor")])
def test_what_is_not_modelled_is_named_with_its_line(name, what):
    with pytest.raises(UnsupportedAPI) as refused:
        mpsim.check(f"tests/hostile/programs/{name}.py")
    message = str(refused.value)
    assert what in message and "not modelled" in message
    assert message.startswith(f"tests/hostile/programs/{name}.py:")


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_terminate_can_land_before_the_child_sets_its_handler(method):
    """A child's first run is taken at start() only when nothing can tell when it ran: one that
    sets a signal handler is a move of its own, so the parent's terminate() can kill the child
    before it (CPython's usual outcome, -15) or reach the handler after it (3).  The program is
    the oracle's: its real runs (40 each, fork and spawn) gave -15 every time."""
    result = mpsim.check("tests/oracle/programs/sigterm_handler_race.py", start_method=method)
    assert result.complete and not result.violations
    printed = {line for lines in result.search.printed.values() for _, line in lines}
    assert {"worker exit code -15", "worker exit code 3"} <= printed
