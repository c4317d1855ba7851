"""The command line around the checks: several models in one call, [tool.mpsim] defaults,
--version, help and usage, the progress display, and the CPython 3.11 check."""
import io
import os

import pytest

import mpsim
from clitools import ROOT, cli  # noqa: F401  (cli is a fixture)
from mpsim import cli as command
from mpsim import progress
from mpsim.api import Progress, _progress

FINDINGS = "tests/models/findings"
CLEAN = f"{FINDINGS}/clean.py"


# -- several models --------------------------------------------------------------------------------

def test_several_models_each_report_then_a_summary(cli):
    r = cli("check", "models/abba.py", CLEAN, "models/lock_vs_rlock.py")
    assert r.code == 1
    heads = [line for line in r.out.splitlines() if line.startswith("mpsim check ")]
    assert heads == ["mpsim check models/abba.py", f"mpsim check {CLEAN}",
                     "mpsim check models/lock_vs_rlock.py"]
    assert r.out.endswith("\n\nchecked 3 models: 2 with findings, 1 clean\n")


@pytest.mark.parametrize("models,code,summary", [
    ([CLEAN, CLEAN], 0, "2 clean"),
    ([CLEAN, "models/traffic.py"], 3, "1 incomplete, 1 clean"),
    (["models/traffic.py", "models/abba.py"], 1, "1 with findings, 1 incomplete"),
    (["models/abba.py", "models/nope.py"], 2, "1 error, 1 with findings"),
])
def test_the_exit_code_is_the_worst(cli, models, code, summary):
    # 4 (internal) > 2 (error) > 1 (findings) > 3 (cut short) > 0 (clean)
    r = cli("check", "--max-states", "100", *models)
    assert r.code == code
    assert r.out.endswith(f"checked 2 models: {summary}\n")


def test_worst_order():
    assert command.SEVERITY == (4, 2, 1, 3, 0)
    assert command.worst([0, 3, 1]) == 1
    assert command.worst([3, 0]) == 3
    assert command.worst([1, 2, 3]) == 2
    assert command.worst([2, 4]) == 4
    assert command.worst([]) == 0


def test_several_models_json_is_one_object_with_reports(cli):
    r = cli("check", "--json", "models/abba.py", "models/nope.py", CLEAN)
    assert r.code == 2 and r.err == ""
    out = r.json
    assert [rep.get("model") for rep in out["reports"]] == ["models/abba.py", "models/nope.py", CLEAN]
    assert out["reports"][1]["error"]["kind"] == "model"
    assert out["reports"][0]["violations"][0]["kind"] == "deadlock"
    assert out["summary"] == {"models": 3, "with_findings": 1, "clean": 1, "incomplete": 0,
                              "errors": 1, "exit_code": 2}


def test_words_after_double_dash_go_to_every_model(cli):
    r = cli("check", "--json", "tests/models/cli/argv_echo.py", "tests/models/cli/argv_echo.py",
            "--", "alpha", "--beta", "3")
    assert r.code == 0
    assert [rep["argv"] for rep in r.json["reports"]] == [["alpha", "--beta", "3"]] * 2


def test_models_may_follow_options(cli):
    r = cli("check", "models/abba.py", "--max-states", "100", CLEAN)
    assert r.code == 1 and "checked 2 models" in r.out


def test_an_unknown_option_among_models_is_still_a_usage_error(cli):
    r = cli("check", "models/abba.py", "--json", CLEAN, "--frobnicate")
    assert r.code == 2 and r.json["error"]["message"].endswith("unrecognized arguments: "
                                                              f"{CLEAN} --frobnicate")


# -- [tool.mpsim] in pyproject.toml ----------------------------------------------------------------

def project(tmp_path, text):
    (tmp_path / "pyproject.toml").write_text(text)
    return tmp_path


def test_defaults_from_pyproject(cli, tmp_path):
    where = project(tmp_path, '[project]\nname = "x"\n\n[tool.mpsim]\nmax-states = 5\n'
                              'start-method = "fork"\ntime-limit = 60\n')
    r = cli("check", os.path.join(ROOT, "models/traffic.py"), cwd=where)
    assert r.code == 3
    assert "budgets: max-states 5, time-limit 60.0; start method: fork" in r.out


def test_the_command_line_wins(cli, tmp_path):
    where = project(tmp_path, "[tool.mpsim]\nmax-states = 5\njson = true\n")
    r = cli("check", "--max-states", "7", os.path.join(ROOT, "models/traffic.py"), cwd=where,
            json=True)
    assert r.code == 3
    assert r.json["stop_reason"] == "state limit (7 states)"
    r = cli("check", "--no-json", os.path.join(ROOT, "models/traffic.py"), cwd=where)
    assert r.code == 3 and "INCOMPLETE: stopped at the state limit (5 states)" in r.out


def test_json_true_makes_errors_json_too(cli, tmp_path):
    where = project(tmp_path, "[tool.mpsim]\njson = true\n")
    r = cli("check", "--max-depth", "0", "x.py", cwd=where, json=True)
    assert r.code == 2 and r.json["error"]["kind"] == "usage"
    r = cli("run", "nope.py", "--schedule", "mpsim2:", cwd=where, json=True)
    assert r.code == 2 and r.json["error"]["kind"] == "model"
    r = cli("graph", "nope.py", "-o", "x.dot", cwd=where)  # graph has no --json
    assert r.code == 2 and r.out == "" and r.err == "mpsim: nope.py: no such file\n"


def test_defaults_are_found_from_a_subdirectory(cli, tmp_path):
    where = project(tmp_path, "[tool.mpsim]\nmax-depth = 3\n")
    (where / "src" / "deep").mkdir(parents=True)
    r = cli("check", os.path.join(ROOT, "models/traffic.py"), cwd=where / "src" / "deep")
    assert r.code == 3 and "budgets: max-depth 3" in r.out


def test_the_nearest_pyproject_decides(cli, tmp_path):
    # A sub-project's pyproject.toml without [tool.mpsim] has no defaults, whatever is above it.
    project(tmp_path, "[tool.mpsim]\nmax-states = 5\n")
    sub = tmp_path / "sub"
    sub.mkdir()
    project(sub, '[project]\nname = "sub"\n')
    r = cli("check", os.path.join(ROOT, CLEAN), cwd=sub)
    assert r.code == 0 and "budgets: none" in r.out


@pytest.mark.parametrize("setting,complaint", [
    ("frobnicate = 1", "[tool.mpsim] frobnicate: unknown key (known keys: dask, json, lang, max-depth, "),
    ("workers = 0", "[tool.mpsim] workers: must be a positive integer (got 0)"),
    ("dask = 8786", "[tool.mpsim] dask: must be a string (got 8786)"),
    ("max-states = 0", "[tool.mpsim] max-states: must be a positive integer (got 0)"),
    ("max-states = \"many\"", "[tool.mpsim] max-states: must be a positive integer (got 'many')"),
    ("time-limit = -5", "[tool.mpsim] time-limit: must be a positive number (seconds) (got -5)"),
    ("strategy = \"random\"", "[tool.mpsim] strategy: must be one of \"bfs\", \"dfs\", \"preemption\", \"pct\", \"auto\" (got 'random')"),
    ("json = \"yes\"", "[tool.mpsim] json: must be true or false (got 'yes')"),
    ("start-method = \"thread\"", "[tool.mpsim] start-method: must be one of \"fork\", \"spawn\", \"forkserver\" or a list of them"),
    ("time-scale = -1", "[tool.mpsim] time-scale: must be a number, 0 or more (real seconds per "
                        "virtual second) (got -1)"),
])
def test_a_bad_setting_is_a_usage_error_naming_file_and_key(cli, tmp_path, setting, complaint):
    where = project(tmp_path, f"[tool.mpsim]\n{setting}\n")
    r = cli("check", os.path.join(ROOT, CLEAN), cwd=where)
    assert r.code == 2 and r.out == ""
    assert r.err.startswith(f"mpsim: error: {where / 'pyproject.toml'}: {complaint}")
    r = cli("check", "--json", os.path.join(ROOT, CLEAN), cwd=where)
    assert r.code == 2
    assert r.json["error"]["kind"] == "usage"
    assert r.json["error"]["message"].startswith(f"mpsim: {where / 'pyproject.toml'}: {complaint}")


def test_an_unreadable_pyproject_is_a_usage_error(cli, tmp_path):
    where = project(tmp_path, "[tool.mpsim\n")
    r = cli("check", "--json", os.path.join(ROOT, CLEAN), cwd=where)
    assert r.code == 2 and "pyproject.toml: cannot read it:" in r.json["error"]["message"]


# -- --version, help, usage ------------------------------------------------------------------------

def test_version(cli):
    r = cli("--version")
    assert r.code == 0
    assert r.out == f"mpsim {command.version()}\n"
    from importlib.metadata import version
    assert command.version() == version("mpsim")


def all_parsers():
    p = command.parser()
    return [("mpsim", p)] + [(f"mpsim {name}", sub) for name, sub in p.commands.items()]


@pytest.mark.parametrize("name,parser", all_parsers(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_option_has_help(name, parser):
    for action in parser._actions:
        assert action.help and action.help.strip(), (name, action.dest)


@pytest.mark.parametrize("name", ["check", "run", "graph", "replay"])
def test_usage_shows_the_words_after_double_dash(cli, name):
    r = cli(name, "--help")
    assert r.code == 0
    usage = r.out.split("\n\n")[0]
    assert usage.startswith(f"usage: mpsim {name} ") and usage.endswith(" [-- ARGS]")


def test_top_level_help_names_the_commands_and_exit_codes(cli):
    r = cli("--help")
    assert r.code == 0
    for name in ("check", "run", "graph", "replay", "examples"):
        assert f"    {name} " in r.out
    assert "4 > 2 > 1 > 3 > 0" in r.out and "[tool.mpsim]" in r.out


# -- progress --------------------------------------------------------------------------------------

def test_progress_keeps_the_text_line_and_adds_fields():
    line = "mpsim: 26,971 states, 105,107 transitions, depth 20, 4,807 to explore, 2.0 s"
    texts, fields = [], []
    _progress(texts.append, fields.append)(line)
    assert texts == [line]
    assert fields == [Progress(26971, 105107, 20, 4807, 2.0)]
    assert str(fields[0]) == line
    def show(line):
        pass
    assert _progress(show, None) is show  # unchanged when not asked for


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_plain_lines_when_stderr_is_not_a_terminal():
    stream = io.StringIO()
    with progress.shown(stream, "m.py") as show:
        assert set(show) == {"progress"}
        show["progress"]("mpsim: 5 states, 6 transitions, depth 1, 2 to explore, 2.0 s")
    assert stream.getvalue() == "mpsim: 5 states, 6 transitions, depth 1, 2 to explore, 2.0 s\n"
    with progress.shown(io.StringIO(), "m.py", quiet=True) as show:
        assert show == {}


def test_live_display_on_a_terminal(monkeypatch):
    monkeypatch.setenv("TERM", "xterm")
    stream = Terminal()
    with progress.shown(stream, "models/philosophers.py -- 7 naive") as show:
        assert set(show) == {"on_progress"}
        show["on_progress"](Progress(27000, 105000, 20, 4800, 2.0))
        show["on_progress"](Progress(37000, 150000, 22, 4700, 3.0))
    text = stream.getvalue()
    assert "models/philosophers.py -- 7 naive" in text
    for field in ("37,000", "states/s", "10,000", "depth", "22", "frontier", "4,700", "3.0 s"):
        assert field in text, field
    assert text.endswith("\x1b[2K")  # erased: the report starts on a clean line


def test_live_display_line():
    display = progress.LiveDisplay(Terminal(), "models/abba.py")
    display.previous = Progress(1000, 2000, 5, 300, 2.0)
    line = display.render(Progress(3000, 6000, 7, 400, 3.0)).plain
    assert line.endswith("mpsim check models/abba.py · 3,000 states · 2,000 states/s · depth 7 · "
                         "frontier 400 · 3.0 s")


def test_dumb_terminal_gets_plain_lines(monkeypatch):
    monkeypatch.setenv("TERM", "dumb")
    with progress.shown(Terminal(), "m.py") as show:
        assert set(show) == {"progress"}


def test_check_passes_the_display_to_the_api(cli, monkeypatch):
    seen = {}
    real = mpsim.api.check

    def spy(*args, **kwargs):
        seen.update(kwargs)
        return real(*args, **kwargs)
    monkeypatch.setattr(mpsim.api, "check", spy)
    assert cli("check", CLEAN).code == 0
    assert callable(seen["progress"]) and "on_progress" not in seen  # capsys is no terminal
    seen.clear()
    assert cli("check", "--json", CLEAN).code == 0
    assert "progress" not in seen and "on_progress" not in seen


# -- the interpreter -------------------------------------------------------------------------------

@pytest.mark.parametrize("impl,version", [("cpython", (3, 12, 1)), ("cpython", (3, 10, 13)),
                                          ("pypy", (3, 11, 0))])
def test_only_cpython_3_11(impl, version):
    problem = command.python_problem(impl, version)
    assert problem.startswith("mpsim needs CPython 3.11 (its engine reads CPython 3.11's frame "
                              "internals); this is ")
    assert ".".join(map(str, version)) in problem
    assert command.python_problem("cpython", (3, 11, 9)) is None


def test_another_python_is_refused_with_exit_2(cli, monkeypatch):
    monkeypatch.setattr(command, "python_problem", lambda: "mpsim needs CPython 3.11; this is 3.12")
    r = cli("check", "models/abba.py")
    assert (r.code, r.out, r.err) == (2, "", "mpsim: mpsim needs CPython 3.11; this is 3.12\n")
    r = cli("check", "--json", "models/abba.py")
    assert r.code == 2
    assert r.json["error"] == {"kind": "environment", "line": None,
                               "message": "mpsim needs CPython 3.11; this is 3.12"}
