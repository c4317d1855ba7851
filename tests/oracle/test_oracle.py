"""Each oracle program under each recorded start method: mpsim's verdict and possible outputs
against the real CPython outcomes recorded in outcomes/ (see oracle_judge.py for the rules)."""
import pytest

import conftest
import oracle_judge

CASES = oracle_judge.cases()
IDS = [f"{p.stem}[{m}]" for p, m in CASES]
_RUNS = {}


def _mpsim(path, method):
    key = (path.name, method)
    if key not in _RUNS:
        _RUNS[key] = oracle_judge.run_mpsim(path, method)
    return _RUNS[key]


def _shown(run):
    lines = [f"mpsim command: {' '.join(run.command)}", f"mpsim exit code: {run.returncode}"]
    if run.error:
        lines.append(f"mpsim error: {run.error}")
    for f in run.findings:
        lines.append(f"  finding: {f.get('kind')} in {f.get('process')}: {f.get('error') or f.get('title')}")
    if run.returncode not in (0, 1):
        lines.append("mpsim stderr (tail):\n" + "\n".join(run.stderr.strip().splitlines()[-15:]))
    return "\n".join(lines)


@pytest.mark.oracle
@pytest.mark.parametrize("path,method", CASES, ids=IDS)
def test_verdict(path, method):
    verdict, run = oracle_judge.check(path, method, _mpsim(path, method))
    conftest.RESULTS[(path.name, method)] = (verdict.ok, verdict.reason(), None)
    if not verdict.ok:
        pytest.fail("\n".join(["real CPython vs mpsim:"] + [f"  - {p}" for p in verdict.problems]
                              + [_shown(run)]), pytrace=False)


@pytest.mark.oracle
@pytest.mark.parametrize("path,method", CASES, ids=IDS)
def test_stdout(path, method):
    recording = oracle_judge.load_outcomes(path)
    if recording is None:
        pytest.fail(f"no recorded outcomes for {path.name}: run tests/oracle/record.py", pytrace=False)
    ok, why = oracle_judge.judge_stdout(recording, method, _mpsim(path, method))
    conftest.STDOUT[(path.name, method)] = (ok, why)
    if ok is None:
        pytest.skip(f"stdout not compared: {why}")
    if not ok:
        pytest.fail(why, pytrace=False)
