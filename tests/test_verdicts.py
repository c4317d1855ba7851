"""Every bundled and test model's verdict under each start method (issue 15): a check searches
under fork, spawn and forkserver, and a model finds the same problems under each unless
``DIFFERS`` says why not.  The verdicts themselves are the business of test_findings.py and
test_roundtrip.py (which search under spawn only)."""
import os

import pytest

import mpsim
from catalog import BUGGY
from test_roundtrip import CLEAN, ids

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
METHODS = ["fork", "spawn", "forkserver"]
MODELS = sorted(BUGGY) + sorted((p, []) for p in CLEAN)

# (model, argv) -> {method: titles found only under it, or not under it}: why the verdicts differ
DIFFERS = {}


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def by_method(result) -> dict:
    return {m: sorted(v.title for v in result.violations if m in v.start_methods) for m in METHODS}


@pytest.mark.parametrize("model,argv", MODELS, ids=ids(MODELS))
def test_the_verdict_is_the_same_under_every_start_method(model, argv):
    result = mpsim.check(model, argv, start_methods=METHODS)
    assert result.complete, result.stop_reason
    assert result.start_methods == METHODS
    verdicts = by_method(result)
    if (model, tuple(argv)) in DIFFERS:
        assert verdicts == DIFFERS[model, tuple(argv)]
    else:
        assert verdicts["fork"] == verdicts["spawn"] == verdicts["forkserver"], verdicts
