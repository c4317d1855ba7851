"""The pytest plugin and helpers (``mpsim.testing``): a model file or a function that starts
processes is checked from a test; ``assert_no_findings`` fails with the report and the replay
command; ``@pytest.mark.mpsim`` checks the test itself (issue 14)."""
from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import textwrap

import pytest

from mpsim import testing

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
HELPERS = os.path.join(HERE, "models", "testing")


@pytest.fixture
def workers(monkeypatch):
    monkeypatch.syspath_prepend(HELPERS)
    import testing_workers
    return testing_workers


def _programs():
    return sorted(f for f in os.listdir(HELPERS) if f.startswith("mpsim_check_"))


def test_a_function_is_checked_as_a_program(workers):
    result = testing.check(workers.fine, args=(2,))
    assert result.complete and not result.violations
    assert _programs() == []  # the program written for the check is gone


def test_a_deadlock_in_a_function_fails_with_the_report_and_the_replay(workers):
    try:
        with pytest.raises(pytest.fail.Exception) as failed:
            testing.assert_no_findings(workers.abba)
        report = str(failed.value)
        assert "Deadlock" in report
        assert "mpsim run " in report and "--schedule 'mpsim2:" in report
        kept = _programs()
        assert kept == ["mpsim_check_testing_workers_abba.py"]  # kept for the replay command
        assert kept[0] in report
    finally:
        for name in _programs():
            os.remove(os.path.join(HELPERS, name))


def test_a_model_file_with_arguments(mpsim):
    result = mpsim.check(os.path.join(ROOT, "models", "philosophers.py"), args=[2, "naive", 1])
    assert [v.kind for v in result.violations] == ["deadlock"]


@pytest.mark.parametrize("bad, message", [(lambda: None, "local"), (print, "importable module")])
def test_what_cannot_be_a_program_is_refused(bad, message):
    with pytest.raises(TypeError, match=message):
        testing.check(bad)


def test_arguments_of_a_function_must_be_literals(workers):
    with pytest.raises(TypeError, match="literal"):
        testing.check(workers.fine, args=(object(),))


def test_the_plugin_is_registered_for_pytest():
    names = {e.value for e in importlib.metadata.entry_points(group="pytest11")}
    assert "mpsim.testing" in names


def test_a_marked_test_is_checked_instead_of_run_once(tmp_path):
    (tmp_path / "test_marked.py").write_text(textwrap.dedent('''
        import multiprocessing
        import pytest

        def take(first, second):
            with first:
                with second:
                    pass

        @pytest.mark.mpsim(time_limit=120)
        def test_abba():
            a, b = multiprocessing.Lock(), multiprocessing.Lock()
            ps = [multiprocessing.Process(target=take, args=(a, b)),
                  multiprocessing.Process(target=take, args=(b, a))]
            for p in ps:
                p.start()
            for p in ps:
                p.join()

        @pytest.mark.mpsim
        def test_one():
            a, b = multiprocessing.Lock(), multiprocessing.Lock()
            p = multiprocessing.Process(target=take, args=(a, b))
            p.start()
            p.join()

        def test_fixture(mpsim):
            assert callable(mpsim.check) and callable(mpsim.assert_no_findings)
    '''))
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "test_marked.py"], cwd=tmp_path, capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "1 failed, 2 passed" in run.stdout
    assert "FAILED test_marked.py::test_abba" in run.stdout
    assert "Deadlock" in run.stdout and "mpsim run " in run.stdout
