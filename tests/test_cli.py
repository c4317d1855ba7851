"""The ``mpsim`` command line: exit codes, the --json shape, argv after --, and bad input.

Every test runs the real command (``python -m mpsim``) in a subprocess from the repository root.
Exit codes: 0 complete and clean, 1 findings, 2 usage or model error, 3 cut short with no finding.
"""
import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FINDINGS = "tests/models/findings"
CLI = "tests/models/cli"


def mpsim(*words):
    return subprocess.run([sys.executable, "-m", "mpsim", *words], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)


# -- exit codes ------------------------------------------------------------------------------------

def test_exit_0_clean_and_complete():
    proc = mpsim("check", f"{FINDINGS}/clean.py")
    assert proc.returncode == 0, proc.stderr
    assert "complete" in proc.stdout and "INCOMPLETE" not in proc.stdout
    assert "No problems: every interleaving ends without deadlock" in proc.stdout
    assert proc.stderr == ""


def test_exit_0_for_a_model_with_information_only():
    proc = mpsim("check", "models/traffic.py", "--", "1")
    assert proc.returncode == 0, proc.stderr
    assert "No problems" in proc.stdout
    assert "information (not a problem): output that some runs never print:" in proc.stdout
    assert ("  - 'car 0 pass the cross road' (printed by car-0 in other runs) is not printed in "
            "this one:\n      mpsim run models/traffic.py --schedule ") in proc.stdout


def test_exit_1_findings():
    proc = mpsim("check", "models/abba.py")
    assert proc.returncode == 1, proc.stderr
    assert "1 problem found:" in proc.stdout
    assert "[1] Deadlock: MainProcess in worker-1.join()" in proc.stdout
    assert "replay: mpsim run models/abba.py --schedule 'mpsim1:0*2/1/2'" in proc.stdout


def test_exit_1_beats_a_budget():
    # A finding inside a search that was cut short is still a finding.
    proc = mpsim("check", "models/counter.py", "--max-depth", "10", "--json")
    assert proc.returncode == 1, proc.stderr
    out = json.loads(proc.stdout)
    assert out["complete"] is False
    assert out["stop_reason"] == "depth limit (10 steps)"
    assert [v["error"] for v in out["violations"]] == [
        "AssertionError: lost update: expected 2, got 1"]


@pytest.mark.parametrize("words", [
    [],                                             # no command
    ["check"],                                      # no model
    ["frobnicate", "models/abba.py"],               # no such command
    ["check", "models/abba.py", "--max-states", "0"],
    ["check", "models/abba.py", "--max-states", "many"],
    ["check", "models/abba.py", "--strategy", "random"],
    ["check", "models/abba.py", "--no-such-option"],
    ["run", "models/abba.py"],                      # --schedule is required
])
def test_exit_2_usage_errors(words):
    proc = mpsim(*words)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith("usage: mpsim")
    assert "Traceback" not in proc.stderr


def test_exit_2_missing_model_in_one_line():
    proc = mpsim("check", "models/no_such_model.py")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.endswith("models/no_such_model.py: no such file\n")
    assert proc.stderr.startswith("mpsim: ")
    assert proc.stderr.count("\n") == 1


def test_exit_2_missing_model_for_run_too():
    proc = mpsim("run", "models/no_such_model.py", "--schedule", "mpsim1:0")
    assert proc.returncode == 2
    assert proc.stderr.startswith("mpsim: ") and proc.stderr.count("\n") == 1
    assert "no such file" in proc.stderr


def test_exit_2_syntax_error_names_file_and_line():
    proc = mpsim("check", f"{CLI}/syntax_error.py")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith("mpsim: ")
    assert f"{CLI}/syntax_error.py:5: syntax error: '(' was never closed" in proc.stderr
    assert proc.stderr.count("\n") == 1


# (multiprocessing.Queue and Pool are modelled now; these are APIs mpsim still refuses.)
UNSUPPORTED = [
    ("uses_connection_wait", 14, "multiprocessing.connection.wait on 0 (neither a Connection nor "
                                 "the sentinel of a child) is not modelled by mpsim yet"),
    ("uses_thread", 11,
     "threading.Thread (threads inside a simulated process) is not modelled by mpsim yet"),
]


@pytest.mark.parametrize("model,line,message", UNSUPPORTED, ids=[u[0] for u in UNSUPPORTED])
def test_exit_2_unsupported_api_names_it_and_the_line(model, line, message):
    proc = mpsim("check", f"{CLI}/{model}.py")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == f"mpsim: {CLI}/{model}.py:{line}: {message}\n"


def test_exit_2_unsupported_api_in_run_too():
    proc = mpsim("run", f"{CLI}/uses_connection_wait.py", "--schedule", "mpsim1:0")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == (f"mpsim: {CLI}/uses_connection_wait.py:14: multiprocessing.connection."
                           "wait on 0 (neither a Connection nor the sentinel of a child) is not "
                           "modelled by mpsim yet\n")


@pytest.mark.parametrize("budget", [["--max-states", "5"], ["--max-depth", "3"]])
def test_exit_3_cut_short_without_findings(budget):
    proc = mpsim("check", "models/traffic.py", *budget)
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert "INCOMPLETE" in proc.stdout
    assert "No problems" not in proc.stdout
    assert "this is not a verdict" in proc.stdout


def test_exit_3_json():
    proc = mpsim("check", "--json", "models/traffic.py", "--max-states", "5")
    assert proc.returncode == 3
    out = json.loads(proc.stdout)
    assert out["complete"] is False
    assert out["stop_reason"] == "state limit (5 states)"
    assert out["states"] == 5
    assert out["violations"] == []


# -- --json ----------------------------------------------------------------------------------------

TOP = {"model", "complete", "stop_reason", "states", "transitions", "elapsed_s", "violations"}
VIOLATION = {"kind", "title", "process", "error", "schedule", "steps", "explanation"}
STEP = {"process", "op", "location", "result"}


def check_shape(out):
    assert TOP <= set(out)
    assert isinstance(out["model"], str)
    assert isinstance(out["complete"], bool)
    assert isinstance(out["stop_reason"], str)
    assert isinstance(out["states"], int) and isinstance(out["transitions"], int)
    assert isinstance(out["elapsed_s"], (int, float))
    assert isinstance(out["violations"], list)
    for v in out["violations"]:
        assert set(v) == VIOLATION
        assert all(isinstance(v[k], str) for k in VIOLATION - {"error", "steps"})
        assert v["error"] is None if v["kind"] != "exception" else isinstance(v["error"], str)
        assert v["steps"] and all(set(s) == STEP for s in v["steps"])
        assert all(isinstance(s[k], str) for s in v["steps"] for k in STEP)


def test_json_shape_deadlock():
    proc = mpsim("check", "--json", "models/abba.py")
    assert proc.returncode == 1
    out = json.loads(proc.stdout)
    check_shape(out)
    assert out["model"] == "models/abba.py"
    assert (out["complete"], out["stop_reason"], out["states"], out["transitions"]) == \
        (True, "complete", 31, 42)
    [v] = out["violations"]
    assert (v["kind"], v["process"], v["error"], v["schedule"]) == \
        ("deadlock", "MainProcess", None, "mpsim1:0*2/1/2")
    assert v["steps"][0] == {"process": "MainProcess", "op": "(starts)", "location": "",
                             "result": "runs"}
    assert v["steps"][3] == {"process": "worker-1", "op": "lock_a.acquire()",
                             "location": "models/abba.py:20", "result": "True (acquired)"}
    assert len(v["steps"]) == 8


def test_json_shape_exception_and_nontermination():
    out = json.loads(mpsim("check", "--json", "models/lock_vs_rlock.py").stdout)
    check_shape(out)
    [v] = out["violations"]
    assert v["kind"] == "exception"
    assert v["error"] == "AssertionError: attempt to release recursive lock not owned by thread"
    out = json.loads(mpsim("check", "--json", "models/traffic_forever.py", "--", "1").stdout)
    check_shape(out)
    [v] = out["violations"]
    assert (v["kind"], v["process"], v["error"]) == ("nontermination", "light", None)


def test_json_clean():
    proc = mpsim("check", "--json", f"{FINDINGS}/clean.py")
    assert proc.returncode == 0
    assert proc.stderr == ""
    out = json.loads(proc.stdout)
    check_shape(out)
    assert out["complete"] is True and out["violations"] == []


def test_json_is_the_only_output():
    proc = mpsim("check", "--json", f"{FINDINGS}/lost_update.py")
    # The model's prints and tracebacks belong to the trace, not to mpsim's stdout or stderr.
    assert proc.stderr == ""
    json.loads(proc.stdout)


# -- argv after -- --------------------------------------------------------------------------------

def test_words_after_double_dash_reach_the_model():
    proc = mpsim("check", f"{CLI}/argv_echo.py", "--", "alpha", "--beta", "3")
    assert proc.returncode == 0, proc.stdout
    proc = mpsim("check", "--json", f"{CLI}/argv_echo.py", "--", "alpha", "--beta", "3")
    assert json.loads(proc.stdout)["argv"] == ["alpha", "--beta", "3"]


def test_without_the_words_the_model_sees_no_arguments():
    proc = mpsim("check", "--json", f"{CLI}/argv_echo.py")
    assert proc.returncode == 1
    [v] = json.loads(proc.stdout)["violations"]
    assert v["error"] == "AssertionError: argv was []"


def test_options_after_double_dash_are_not_mpsims():
    # "--json" after -- belongs to the model: the report stays text, the model sees the word.
    proc = mpsim("check", f"{CLI}/argv_echo.py", "--", "--json")
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"mpsim check {CLI}/argv_echo.py -- --json\n")
    assert "AssertionError: argv was ['--json']" in proc.stdout


def test_run_passes_words_after_double_dash():
    proc = mpsim("run", f"{CLI}/argv_echo.py", "--schedule", "mpsim1:0*2",
                 "--", "alpha", "--beta", "3")
    assert proc.returncode == 0
    assert "| MainProcess: args ['alpha', '--beta', '3']" in proc.stdout
    assert "outcome: the program finished" in proc.stdout
    assert "exit codes: MainProcess 0" in proc.stdout


def test_model_usage_error_is_a_finding_not_an_mpsim_error():
    # A model that exits with status 2 on bad arguments has simply finished (with exit code 2).
    proc = mpsim("check", "--json", "models/abba.py", "--", "surplus")
    assert proc.returncode == 0
    out = json.loads(proc.stdout)
    assert out["complete"] is True and out["violations"] == []


# -- bad input in the model ------------------------------------------------------------------------

def test_child_raising_at_import_is_a_finding_for_the_child():
    proc = mpsim("check", "--json", f"{CLI}/child_import_error.py")
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""
    out = json.loads(proc.stdout)
    assert out["complete"] is True
    [v] = out["violations"]
    assert (v["kind"], v["process"], v["error"]) == \
        ("exception", "child", "RuntimeError: cannot import in the child")
    assert len(v["steps"]) == 2
    assert f"at {CLI}/child_import_error.py:6 and died (exit code 1)" in v["explanation"]


def test_child_raising_at_import_text_report():
    proc = mpsim("check", f"{CLI}/child_import_error.py")
    assert proc.returncode == 1
    assert "✗ child dies: RuntimeError: cannot import in the child" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_start_without_main_guard_kills_the_spawned_child():
    # Under spawn the child re-runs the module's top level; CPython refuses to start a process
    # from a child that is still bootstrapping (spawn.py, _check_not_importing_main).
    # The budget only keeps a wrong answer from running forever; the real graph has a few states.
    proc = mpsim("check", "--json", "--max-states", "200", f"{CLI}/no_main_guard.py")
    out = json.loads(proc.stdout)
    assert proc.returncode == 1, (out["stop_reason"], out["states"])
    assert out["complete"] is True
    [v] = out["violations"]
    assert (v["kind"], v["process"]) == ("exception", "child")
    assert v["error"].startswith("RuntimeError:")
    assert "An attempt has been made to start a new process before the" in v["error"]
    assert f"at {CLI}/no_main_guard.py:16 and died (exit code 1)" in v["explanation"]


def test_run_json():
    proc = mpsim("run", "--json", "models/abba.py", "--schedule", "mpsim1:0*2/1/2")
    assert proc.returncode == 0
    out = json.loads(proc.stdout)
    assert (out["model"], out["schedule"], out["outcome"]) == \
        ("models/abba.py", "mpsim1:0*2/1/2", "deadlock")
    assert len(out["steps"]) == 8
    assert out["exit_codes"] == {"MainProcess": None, "worker-1": None, "worker-2": None}
