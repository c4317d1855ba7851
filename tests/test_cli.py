"""The ``mpsim`` command line: exit codes, the --json shape, argv after --, and bad input.

The tests call the command in-process (``mpsim.cli.main([...])`` through the ``cli`` fixture of
clitools.py, which also checks every JSON output against the shipped JSON Schema); a few at the
end run the real ``python -m mpsim`` in a subprocess.
Exit codes: 0 complete and clean, 1 findings, 2 usage or model error, 3 cut short with no finding,
4 internal error, 130 interrupted.
"""
import subprocess
import sys

import pytest

import mpsim
from clitools import ROOT, cli, subprocess_cli  # noqa: F401  (cli is a fixture)

FINDINGS = "tests/models/findings"
CLI = "tests/models/cli"
CI = "tests/models/ci"


# -- exit codes ------------------------------------------------------------------------------------

def test_exit_0_clean_and_complete(cli):
    r = cli("check", f"{FINDINGS}/clean.py")
    assert r.code == 0, r.err
    assert "complete" in r.out and "INCOMPLETE" not in r.out
    assert "No problems: every interleaving ends without deadlock" in r.out
    assert r.err == ""


def test_exit_0_for_a_model_with_information_only(cli):
    r = cli("check", "models/traffic.py", "--untimed-states", "0", "--", "5")
    assert r.code == 0, r.err
    assert "No problems" in r.out
    assert "information (not a problem): output that some runs never print:" in r.out
    assert ("  - 'car 2 is waiting' (printed by car-2 in other runs) is not printed in this one:"
            "\n      mpsim run models/traffic.py --schedule ") in r.out


def test_exit_1_findings(cli):
    r = cli("check", "models/abba.py")
    assert r.code == 1, r.err
    assert "1 problem found:" in r.out
    assert "[1] Deadlock: MainProcess in worker-1.join()" in r.out
    assert "replay: mpsim run models/abba.py --schedule 'mpsim2:spawn:0*2/1*2/2*2'" in r.out


def test_exit_1_beats_a_budget(cli):
    # A finding inside a search that was cut short is still a finding.
    r = cli("check", "models/philosophers.py", "--max-depth", "13", "--json", "--", "3", "naive",
            "forever")
    assert r.code == 1, r.err
    out = r.json
    assert out["complete"] is False
    assert out["stop_reason"] == "depth limit (13 steps)"
    assert [v["kind"] for v in out["violations"]] == ["deadlock"]


USAGE_ERRORS = [
    [],                                             # no command
    ["check"],                                      # no model
    ["frobnicate", "models/abba.py"],               # no such command
    ["check", "models/abba.py", "--max-states", "0"],
    ["check", "models/abba.py", "--max-states", "many"],
    ["check", "models/abba.py", "--time-limit", "-1"],
    ["check", "models/abba.py", "--strategy", "random"],
    ["check", "models/abba.py", "--no-such-option"],
    ["check", "models/abba.py", "--junit", "no/such/dir/report.xml"],
    ["check", "models/abba.py", "--example", "no_such_example"],
    ["check", "models/abba.py", "models/counter.py", "--html", "r.html"],  # one model only
    ["run", "models/abba.py"],                      # --schedule is required
    ["run", "--schedule", "mpsim2:0"],              # no model
    ["graph", "models/abba.py", "-o", "x.gif"],
]


@pytest.mark.parametrize("words", USAGE_ERRORS, ids=" ".join)
def test_exit_2_usage_errors(cli, words):
    r = cli(*words)
    assert r.code == 2
    assert r.out == ""
    assert r.err.startswith("usage: mpsim")
    assert "Traceback" not in r.err


@pytest.mark.parametrize("words", [w for w in USAGE_ERRORS if w and w[0] != "graph"], ids=" ".join)
def test_exit_2_usage_errors_with_json_are_one_json_object(cli, words):
    r = cli(*words, "--json")
    assert r.code == 2
    assert r.err == ""
    error = r.json["error"]
    assert error["kind"] == "usage" and error["line"] is None
    assert error["message"].startswith("mpsim")


def test_usage_error_before_the_command_with_json(cli):
    r = cli("--json")
    assert r.code == 2 and r.err == ""
    assert r.json["error"] == {"kind": "usage", "line": None,
                               "message": "mpsim: the following arguments are required: COMMAND"}


def test_usage_error_message_names_the_option(cli):
    r = cli("check", "models/abba.py", "--max-states", "0", "--json")
    assert r.json["error"]["message"] == ("mpsim check: argument --max-states: must be a positive "
                                          "integer (got '0')")


def test_exit_2_missing_model_in_one_line(cli):
    r = cli("check", "models/no_such_model.py")
    assert r.code == 2
    assert r.out == ""
    assert r.err == "mpsim: models/no_such_model.py: no such file\n"


def test_exit_2_missing_model_json(cli):
    r = cli("check", "--json", "models/no_such_model.py")
    assert r.code == 2 and r.err == ""
    assert r.json == {"schema": "mpsim-report/2", "model": "models/no_such_model.py",
                      "error": {"kind": "model", "message": "models/no_such_model.py: no such file",
                                "line": None}}


def test_exit_2_missing_model_for_run_too(cli):
    r = cli("run", "models/no_such_model.py", "--schedule", "mpsim2:0")
    assert r.code == 2
    assert r.err.startswith("mpsim: ") and r.err.count("\n") == 1
    assert "no such file" in r.err
    r = cli("run", "--json", "models/no_such_model.py", "--schedule", "mpsim2:0")
    assert r.code == 2 and r.json["error"]["kind"] == "model"


def test_exit_2_syntax_error_names_file_and_line(cli):
    r = cli("check", f"{CLI}/syntax_error.py")
    assert r.code == 2
    assert r.out == ""
    assert r.err == f"mpsim: {CLI}/syntax_error.py:5: syntax error: '(' was never closed\n"
    r = cli("check", "--json", f"{CLI}/syntax_error.py")
    assert r.json["error"] == {"kind": "model", "line": f"{CLI}/syntax_error.py:5",
                               "message": f"{CLI}/syntax_error.py:5: syntax error: '(' was never "
                                          "closed"}


# (multiprocessing.Queue and Pool are modelled now; these are APIs mpsim still refuses.)
UNSUPPORTED = [
    ("uses_connection_wait", 14, "multiprocessing.connection.wait on 0 (neither a Connection nor "
                                 "the sentinel of a child) is not modelled by mpsim yet"),
    ("uses_thread", 13,
     "threading.Thread (threads inside a simulated process) is not modelled by mpsim yet"),
]


@pytest.mark.parametrize("model,line,message", UNSUPPORTED, ids=[u[0] for u in UNSUPPORTED])
def test_exit_2_unsupported_api_names_it_and_the_line(cli, model, line, message):
    r = cli("check", f"{CLI}/{model}.py")
    assert r.code == 2
    assert r.out == ""
    assert r.err == f"mpsim: {CLI}/{model}.py:{line}: {message}\n"
    r = cli("check", f"{CLI}/{model}.py", "--json")
    assert r.code == 2 and r.err == ""
    assert r.json["error"] == {"kind": "unsupported", "line": f"{CLI}/{model}.py:{line}",
                               "message": f"{CLI}/{model}.py:{line}: {message}"}


def test_exit_2_unsupported_api_in_run_too(cli):
    r = cli("run", f"{CLI}/uses_connection_wait.py", "--schedule", "mpsim2:0")
    assert r.code == 2
    assert r.out == ""
    assert r.err == (f"mpsim: {CLI}/uses_connection_wait.py:14: multiprocessing.connection."
                     "wait on 0 (neither a Connection nor the sentinel of a child) is not "
                     "modelled by mpsim yet\n")


def test_exit_2_schedule_errors(cli):
    r = cli("run", "models/abba.py", "--schedule", "mpsim2:0*2/1*2/2*2/1")
    assert r.code == 2 and r.out == ""
    assert r.err == "mpsim: schedule step 7: worker-1 cannot move: it is blocked in lock_b.acquire()\n"
    r = cli("run", "--json", "models/abba.py", "--schedule", "mpsim2:0*2/1*2/2*2/1")
    assert r.json["error"] == {"kind": "schedule", "line": None, "message": "schedule step 7: "
                               "worker-1 cannot move: it is blocked in lock_b.acquire()"}
    r = cli("run", "--json", "models/abba.py", "--schedule", "nonsense")
    assert r.code == 2 and r.json["error"]["kind"] == "schedule"


@pytest.mark.parametrize("budget", [["--max-states", "5"], ["--max-depth", "3"]])
def test_exit_3_cut_short_without_findings(cli, budget):
    r = cli("check", "models/traffic.py", *budget)
    assert r.code == 3, r.out + r.err
    assert "INCOMPLETE" in r.out
    assert "No problems" not in r.out
    assert "this is not a verdict" in r.out


def test_exit_3_json(cli):
    r = cli("check", "--json", "models/traffic.py", "--max-states", "5")
    assert r.code == 3
    out = r.json
    assert out["complete"] is False
    assert out["stop_reason"] == "state limit (5 states)"
    assert out["states"] == 5
    assert out["violations"] == []


def test_exit_4_internal_error_is_one_json_object(cli, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("engine fell over")
    monkeypatch.setattr(mpsim.api, "check", broken)
    r = cli("check", "--json", "models/abba.py")
    assert r.code == 4 and r.err == ""
    error = r.json["error"]
    assert error["kind"] == "internal"
    assert error["message"].endswith("RuntimeError: engine fell over")
    r = cli("check", "models/abba.py")
    assert r.code == 4 and r.out == ""
    assert "Traceback" in r.err and "RuntimeError: engine fell over" in r.err
    assert "internal error (a bug in mpsim)" in r.err


def test_exit_130_interrupted(cli, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(mpsim.api, "check", interrupted)
    r = cli("check", "--json", "models/abba.py")
    assert r.code == 130
    assert r.json["error"]["kind"] == "interrupted"
    r = cli("check", "models/abba.py")
    assert (r.code, r.out, r.err) == (130, "", "mpsim: interrupted\n")


# -- --json ----------------------------------------------------------------------------------------

TOP = {"schema", "model", "argv", "complete", "stop_reason", "states", "transitions", "elapsed_s",
       "violations", "notes", "information"}
VIOLATION = {"kind", "title", "process", "error", "schedule", "steps", "explanation"}
STEP = {"process", "op", "location", "result"}


def check_shape(out):
    """The core the schema requires; later versions may add fields, never remove these."""
    assert TOP <= set(out)
    assert out["schema"] == "mpsim-report/2"
    for v in out["violations"]:
        assert VIOLATION <= set(v)
        assert v["error"] is None if v["kind"] != "exception" else isinstance(v["error"], str)
        assert v["steps"] and all(STEP <= set(s) for s in v["steps"])


def test_json_shape_deadlock(cli):
    r = cli("check", "--json", "models/abba.py")
    assert r.code == 1
    out = r.json
    check_shape(out)
    assert out["model"] == "models/abba.py"
    assert (out["complete"], out["stop_reason"], out["states"], out["transitions"]) == \
        (True, "complete", 44, 66)
    [v] = out["violations"]
    assert (v["kind"], v["process"], v["error"], v["schedule"]) == \
        ("deadlock", "MainProcess", None, "mpsim2:spawn:0*2/1*2/2*2")
    assert v["replay"] == "mpsim run models/abba.py --schedule 'mpsim2:spawn:0*2/1*2/2*2'"
    assert (v["timing"], v["assumption"]) == ("any", None)
    assert v["steps"][0] == {"process": "MainProcess", "op": "(starts)", "location": "",
                             "result": "runs", "time": 0.0}
    assert v["steps"][4] == {"process": "worker-1", "op": "lock_a.acquire()",
                             "location": "models/abba.py:20", "result": "True (acquired)",
                             "time": 0.0}
    assert len(v["steps"]) == 10
    assert out["start_method"] == "spawn"  # conftest pins it


def test_json_replay_command_carries_start_method_and_argv(cli):
    out = cli("check", "--json", "--start-method", "fork", "models/counter.py", "--", "racy",
              "2").json
    assert out["start_method"] == "fork"
    # the schedule names the start method it was found under
    assert out["violations"][0]["replay"].startswith("mpsim run models/counter.py --schedule 'mpsim2:fork:")
    assert out["violations"][0]["replay"].endswith(" -- racy 2")


def test_json_shape_exception_and_nontermination(cli):
    out = cli("check", "--json", "models/lock_vs_rlock.py").json
    check_shape(out)
    [v] = out["violations"]
    assert v["kind"] == "exception"
    assert v["error"] == "AssertionError: attempt to release recursive lock not owned by thread"
    out = cli("check", "--json", "models/traffic_forever.py", "--", "1").json
    check_shape(out)
    [v] = out["violations"]
    assert (v["kind"], v["process"], v["error"]) == ("nontermination", "light", None)


def test_json_clean(cli):
    r = cli("check", "--json", f"{FINDINGS}/clean.py")
    assert r.code == 0
    assert r.err == ""
    out = r.json
    check_shape(out)
    assert out["complete"] is True and out["violations"] == []


def test_json_is_the_only_output(cli):
    r = cli("check", "--json", f"{FINDINGS}/lost_update.py")
    # The model's prints and tracebacks belong to the trace, not to mpsim's stdout or stderr.
    assert r.err == ""
    assert r.json["violations"]


def test_no_json_undoes_json(cli):
    r = cli("check", "--json", "--no-json", f"{FINDINGS}/clean.py")
    assert r.code == 0 and r.out.startswith("mpsim check ")


def test_json_schema_is_valid_and_not_vacuous(cli):
    import jsonschema
    from clitools import SCHEMA, VALIDATOR
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    good = cli("check", "--json", "models/abba.py").json
    VALIDATOR.validate({**good, "race": [], "lessons": {}, "fix": None})  # later fields are fine
    assert not VALIDATOR.is_valid({**good, "outcomes": {}})
    for core in sorted(TOP):
        broken = {k: v for k, v in good.items() if k != core}
        assert not VALIDATOR.is_valid(broken), core
    assert not VALIDATOR.is_valid({**good, "schema": "mpsim-report/1"})
    assert not VALIDATOR.is_valid({**good, "states": "31"})
    v = good["violations"][0]
    for core in sorted(VIOLATION):
        assert not VALIDATOR.is_valid({**good, "violations": [{k: x for k, x in v.items() if k != core}]}), core
    error = {"schema": "mpsim-report/2", "error": {"kind": "model", "message": "m", "line": None}}
    assert VALIDATOR.is_valid(error)
    assert not VALIDATOR.is_valid({"schema": "mpsim-report/2", "error": {"kind": "model"}})
    assert not VALIDATOR.is_valid({**error, "error": {**error["error"], "line": "no line"}})
    assert not VALIDATOR.is_valid({**good, **error})  # a report or an error, not both


def test_json_schema_is_shipped_in_the_package():
    import os
    import tomllib
    from clitools import ROOT, SCHEMA_FILE
    from mpsim.formats import SCHEMA_FILE as shipped, load_schema
    assert os.path.samefile(shipped, SCHEMA_FILE)
    assert load_schema()["$id"].endswith("/mpsim-report-2.schema.json")
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        package_data = tomllib.load(f)["tool"]["setuptools"]["package-data"]
    assert "*.json" in package_data["mpsim.schema"]


# -- argv after -- --------------------------------------------------------------------------------

def test_words_after_double_dash_reach_the_model(cli):
    r = cli("check", f"{CLI}/argv_echo.py", "--", "alpha", "--beta", "3")
    assert r.code == 0, r.out
    r = cli("check", "--json", f"{CLI}/argv_echo.py", "--", "alpha", "--beta", "3")
    assert r.json["argv"] == ["alpha", "--beta", "3"]


def test_without_the_words_the_model_sees_no_arguments(cli):
    r = cli("check", "--json", f"{CLI}/argv_echo.py")
    assert r.code == 1
    [v] = r.json["violations"]
    assert v["error"] == "AssertionError: argv was []"


def test_options_after_double_dash_are_not_mpsims(cli):
    # "--json" after -- belongs to the model: the report stays text, the model sees the word.
    r = cli("check", f"{CLI}/argv_echo.py", "--", "--json")
    assert r.code == 1
    assert r.out.startswith(f"mpsim check {CLI}/argv_echo.py -- --json\n")
    assert "AssertionError: argv was ['--json']" in r.out


def test_run_passes_words_after_double_dash(cli):
    r = cli("run", f"{CLI}/argv_echo.py", "--schedule", "mpsim2:0*2", "--", "alpha", "--beta", "3")
    assert r.code == 0
    assert "| MainProcess: args ['alpha', '--beta', '3']" in r.out
    assert "outcome: the program finished" in r.out
    assert "exit codes: MainProcess 0" in r.out


def test_model_refusing_its_arguments_is_a_usage_error(cli):
    # A model that exits with its usage message before any operation refused its arguments
    # (issue 13): exit 2, the model's message (tests/test_explain.py has the details).
    r = cli("check", "--json", "models/abba.py", "--", "surplus")
    assert r.code == 2
    assert r.json["error"]["kind"] == "usage"


# -- bad input in the model ------------------------------------------------------------------------

def test_child_raising_at_import_is_a_finding_for_the_child(cli):
    r = cli("check", "--json", f"{CLI}/child_import_error.py")
    assert r.code == 1, r.err
    assert r.err == ""
    out = r.json
    assert out["complete"] is True
    [v] = out["violations"]
    assert (v["kind"], v["process"], v["error"]) == \
        ("exception", "child", "RuntimeError: cannot import in the child")
    assert len(v["steps"]) == 3  # main starts, main starts the child, the child starts and dies
    assert v["explanation"].startswith("child died of RuntimeError: cannot import in the child at "
                                       f"{CLI}/child_import_error.py:6; ")
    assert v["explanation"].endswith("stays held (exit code 1).")


def test_child_raising_at_import_text_report(cli):
    r = cli("check", f"{CLI}/child_import_error.py")
    assert r.code == 1
    assert "✗ child dies: RuntimeError: cannot import in the child" in r.out
    assert "Traceback" not in r.err


def test_start_without_main_guard_kills_the_spawned_child(cli):
    # Under spawn the child re-runs the module's top level; CPython refuses to start a process
    # from a child that is still bootstrapping (spawn.py, _check_not_importing_main).
    # The budget only keeps a wrong answer from running forever; the real graph has a few states.
    r = cli("check", "--json", "--max-states", "200", f"{CLI}/no_main_guard.py")
    out = r.json
    assert r.code == 1, (out["stop_reason"], out["states"])
    assert out["complete"] is True
    [v] = out["violations"]
    assert (v["kind"], v["process"]) == ("exception", "child")
    assert v["error"].startswith("RuntimeError:")
    assert "An attempt has been made to start a new process before the" in v["error"]
    assert f"at {CLI}/no_main_guard.py:16; " in v["explanation"]
    assert v["explanation"].endswith("(exit code 1).")


def test_run_json(cli):
    r = cli("run", "--json", "models/abba.py", "--schedule", "mpsim2:0*2/1*2/2*2")
    assert r.code == 0
    out = r.json
    assert (out["model"], out["schedule"], out["outcome"]) == \
        ("models/abba.py", "mpsim2:0*2/1*2/2*2", "deadlock")
    assert len(out["steps"]) == 10
    assert out["exit_codes"] == {"MainProcess": None, "worker-1": None, "worker-2": None}


# -- --confirm and replay with --json (refusals included) -----------------------------------------

def test_confirm_json_includes_a_refused_replay(cli):
    # Replay does not cover a manager's Event: the refusal is the finding's confirmation row, and
    # the command still says what the check found (exit code 1), as one JSON object.
    r = cli("check", "--json", "--confirm", f"{CI}/manager_event_deadlock.py")
    assert r.code == 1 and r.err == ""
    out = r.json
    assert [v["kind"] for v in out["violations"]] == ["deadlock"]
    [row] = out["confirmations"]
    assert (row["violation"], row["confirmed"], row["status"]) == (1, False, "refused")
    assert row["message"].startswith("cannot replay on real primitives: Manager().Event is not "
                                     "covered by replay")


def test_confirm_json_confirmed_on_real_processes(cli):
    r = cli("check", "--json", "--confirm", "--start-method", "fork", "models/lock_vs_rlock.py")
    assert r.code == 1 and r.err == ""
    [row] = r.json["confirmations"]
    assert (row["violation"], row["confirmed"], row["status"]) == (1, True, "confirmed")
    assert row["message"].startswith("confirmed on real primitives (fork): the program ended as "
                                     "predicted")


def test_forkserver_findings_are_refused_by_replay(cli):
    # The forkserver is simulated (boot._serve) but not replayed: a schedule found under it is
    # refused before any real process starts, by the replay command and by --confirm alike.
    r = cli("replay", "--json", "models/abba.py", "--schedule", "mpsim2:forkserver:0*2/1*2/2*2")
    assert r.code == 2 and r.err == ""
    assert r.json["error"]["kind"] == "unsupported"
    assert r.json["error"]["message"].startswith("the forkserver start method is not covered by "
                                                 "replay on real primitives")
    r = cli("check", "--json", "--confirm", "--start-method", "forkserver", "models/abba.py")
    assert r.code == 1
    [row] = r.json["confirmations"]
    assert (row["confirmed"], row["status"]) == (False, "refused")
    assert "the forkserver start method is not covered by replay" in row["message"]


def test_confirm_text_goes_on_after_a_refusal(cli):
    r = cli("check", "--confirm", f"{CI}/manager_event_deadlock.py")
    assert r.code == 1
    assert "\nreplaying the findings on real primitives:\n[1] cannot replay on real primitives: " \
           "Manager().Event is not covered" in r.out


@pytest.mark.parametrize("raised,status", [
    (mpsim.DidNotReproduce(7, "worker-1 lock_b.acquire()", "blocks", "True (acquired)"), "diverged"),
    (mpsim.NotEnforceable("step 9: the OS decides"), "refused"),
    (mpsim.ReplayError("the real processes left something behind: a semaphore"), "error"),
])
def test_confirm_rows_for_each_way_a_replay_can_fail(cli, monkeypatch, raised, status):
    def replay(*args, **kwargs):
        raise raised
    monkeypatch.setattr(mpsim.replay, "replay", replay)
    r = cli("check", "--json", "--confirm", "models/abba.py")
    assert r.code == 1
    [row] = r.json["confirmations"]
    assert (row["confirmed"], row["status"]) == (False, status)
    assert str(raised) in row["message"]
    if status == "diverged":
        assert row["divergence"] == {"step": 7, "where": "worker-1 lock_b.acquire()",
                                     "expected": "blocks", "real": "True (acquired)"}


def test_confirm_interrupted(cli, monkeypatch):
    def replay(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(mpsim.replay, "replay", replay)
    r = cli("check", "--json", "--confirm", "models/abba.py")
    assert r.code == 130
    assert r.json["error"] == {"kind": "interrupted", "line": None,
                               "message": "interrupted; the real processes were stopped"}


def test_replay_json_refused(cli):
    # (an untimed schedule: only the untimed rules let the wait time out after the notify; fork:
    # under spawn the waiter's start is a step of its own)
    r = cli("replay", "--json", "tests/models/replay/notify_lost.py", "--start-method", "fork",
            "--schedule", "mpsim2:untimed:0/1*3/0*3/1.1")
    assert r.code == 1 and r.err == ""
    error = r.json["error"]
    assert error["kind"] == "replay"
    assert error["message"].startswith("cannot replay on real primitives: step 9: waiter's wait "
                                       "times out after a notify")


def test_replay_json_diverged(cli, monkeypatch):
    def replay(*args, **kwargs):
        raise mpsim.DidNotReproduce(4, "worker-2 lock_b.acquire()", "True (acquired)", "blocks")
    monkeypatch.setattr(mpsim.replay, "replay", replay)
    r = cli("replay", "--json", "models/abba.py", "--schedule", "mpsim2:0*2/1/2")
    assert r.code == 1
    out = r.json
    assert (out["confirmed"], out["status"]) == (False, "diverged")
    assert out["divergence"]["step"] == 4


def test_replay_json_confirmed_on_real_processes(cli):
    r = cli("replay", "--json", f"{FINDINGS}/clean.py", "--schedule", "mpsim2:",
            "--start-method", "fork")
    assert r.code == 0, r.out
    out = r.json
    assert (out["confirmed"], out["status"], out["outcome"]) == (True, "confirmed", "finished")
    assert out["message"].startswith("confirmed on real primitives (fork): the program ended")
    assert out["steps"][0]["op"] == "(starts)"


# -- the real command, in a process of its own ------------------------------------------------------

def test_real_command_check():
    r = subprocess_cli("check", "models/abba.py")
    assert r.code == 1 and "1 problem found:" in r.out


def test_real_command_usage_error_json():
    r = subprocess_cli("check", "--json", "--max-depth", "none", "models/abba.py")
    assert r.code == 2 and r.err == ""
    assert r.json["error"]["kind"] == "usage"


def test_real_command_version():
    r = subprocess_cli("--version")
    assert r.code == 0 and r.out == f"mpsim {mpsim.cli.version()}\n"


# What only some commands and options load: the drawings, the JSON Schema (tests), rich's live line
# (on a terminal), Babel (the other languages), the installed version (--version), the file
# formats and the real processes (replay, --confirm).
LOADED_WHEN_USED = ["networkx", "graphviz", "rich", "jsonschema", "babel", "importlib.metadata",
                    "xml.etree.ElementTree", "mpsim.render.files", "mpsim.formats.junit",
                    "mpsim.formats.sarif", "mpsim.replay.controller", "multiprocessing"]

_SHOW_LOADED = """\
import atexit, sys
from mpsim.cli import main
asked = set(sys.argv[1].split())
atexit.register(lambda: print("loaded:", sorted(asked & set(sys.modules)), flush=True))
sys.argv = ["mpsim", *sys.argv[2:]]
main()
"""


@pytest.mark.parametrize("model", ["models/abba.py", "no_processes.py"])
def test_a_check_loads_no_module_that_only_other_commands_need(model, tmp_path):
    """The real command (its own process, so the modules the test run loaded do not count): what
    it has loaded when it exits."""
    if model == "no_processes.py":
        model = str(tmp_path / model)
        with open(model, "w", encoding="utf-8") as f:
            f.write('print("hello")\n')
    proc = subprocess.run([sys.executable, "-c", _SHOW_LOADED, " ".join(LOADED_WHEN_USED),
                           "check", model, "--start-method", "fork", "--lang", "en"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stdout.splitlines()[-1] == "loaded: []"
