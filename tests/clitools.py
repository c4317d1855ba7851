"""Calling the ``mpsim`` command in-process, as click's CliRunner does: the ``cli`` fixture runs
``mpsim.cli.main([...])`` from the repository root and returns (code, out, err).

Every JSON object a test gets this way is checked against the JSON Schema the package ships
(mpsim/schema/mpsim-report-2.schema.json): stdout must be exactly one JSON object whenever JSON was
asked for (``--json``, or ``json = true`` in [tool.mpsim]) or stdout looks like JSON, and its exit
code must agree with what it says.  Test files use it with ``from clitools import cli  # noqa``.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import NamedTuple

import jsonschema
import pytest

from mpsim.cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA_FILE = os.path.join(ROOT, "mpsim", "schema", "mpsim-report-2.schema.json")
with open(SCHEMA_FILE, encoding="utf-8") as _f:
    SCHEMA = json.load(_f)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())

CHECK_CODES = {"findings": 1, "clean": 0, "incomplete": 3}


def validate(text: str) -> dict:
    """``text`` is exactly one JSON object of format mpsim-report/2; returns it."""
    data = json.loads(text)  # fails on anything but one JSON value
    assert isinstance(data, dict), data
    VALIDATOR.validate(data)
    assert data["schema"] == "mpsim-report/2"
    return data


def expected_code(data: dict) -> set:
    """The exit codes that agree with a JSON object."""
    if "error" in data:
        return {"internal": {4}, "interrupted": {130}, "replay": {1, 2}}.get(data["error"]["kind"], {2})
    if "reports" in data:
        return {data["summary"]["exit_code"]}
    if "violations" in data:
        if data["violations"]:
            return {1}
        return {0} if data["complete"] else {3}
    if "confirmed" in data:
        return {0} if data["confirmed"] else {1}
    return {0}  # mpsim run


class Outcome(NamedTuple):
    code: int
    out: str
    err: str

    @property
    def json(self) -> dict:
        return validate(self.out)


def _json_asked(words) -> bool:
    own = words[:words.index("--")] if "--" in words else words
    flags = [w for w in own if w in ("--json", "--no-json")]
    return bool(flags) and flags[-1] == "--json"


def checked(code, out, err, words, json_expected=False) -> Outcome:
    if json_expected or _json_asked(words) or out.lstrip().startswith("{"):
        data = validate(out)
        assert code in expected_code(data), (code, data)
    return Outcome(code, out, err)


@pytest.fixture
def cli(capsys, monkeypatch):
    """``cli(*words, json=False)``: run ``mpsim WORDS`` in-process from the repository root (or
    from ``cwd=``); ``json=True`` when the JSON comes from [tool.mpsim] rather than --json."""
    monkeypatch.chdir(ROOT)

    def run(*words, json=False, cwd=None):
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        try:
            code = main(list(words))
        except SystemExit as exc:  # --help, --version
            code = exc.code
        out, err = capsys.readouterr()
        return checked(code, out, err, list(words), json)
    return run


PINNED = ["spawn"]  # the start methods of a test's check that names none (conftest.py)
_NAMING = ("--start-method", "--platform", "--python")


def pinned(words) -> list:
    """``mpsim check|graph WORDS`` searching under the PINNED start methods unless the words
    name some (as every in-process check of the tests does: conftest.py)."""
    words = list(words)
    own = words[:words.index("--")] if "--" in words else words
    if words[:1] not in (["check"], ["graph"]) or any(w.split("=")[0] in _NAMING for w in own):
        return words
    return [words[0], *[x for m in PINNED for x in ("--start-method", m)], *words[1:]]


def subprocess_cli(*words, cwd=ROOT, env=None) -> Outcome:
    """The real command, ``python -m mpsim WORDS`` (start methods ``pinned``), in a process of
    its own."""
    proc = subprocess.run([sys.executable, "-m", "mpsim", *pinned(words)], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env=env)
    return checked(proc.returncode, proc.stdout, proc.stderr, list(words))
