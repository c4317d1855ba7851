"""Every check the tests make audits its merges (``audit_merges``): two histories merged into one
local state are both run one step further and must behave alike, so a fingerprint that misses a
difference fails whichever test meets it (issue: "a merge audit that checks this principle on
every test run").

A check names no start method by default, so it searches under fork, spawn and forkserver (issue
15); in tests where the start method is not the point that would triple the time for nothing, so
a check that names none (``start_method``, ``start_methods``, ``platform``, ``python``; in the
command: ``--start-method``...) searches under ``PINNED`` only, as mpsim did before.  A test marked
``every_start_method`` gets mpsim's own default.  ``tests/test_verdicts.py`` checks every model's
verdict under all three.

Reports are in English whatever the machine's locale: the tests that want Chinese ask for it
(tests/test_i18n.py)."""
import functools
import os
import sys

import pytest

import mpsim.api

sys.path.insert(0, os.path.dirname(__file__))  # tests import catalog.py, clitools.py


from clitools import PINNED  # noqa: E402  (the start method of a check that names none)

_NAMING = ("start_method", "start_methods", "platform", "python")


@pytest.fixture(autouse=True)
def audit_every_merge(request, monkeypatch):
    check = mpsim.api.check
    every = request.node.get_closest_marker("every_start_method") is not None

    @functools.wraps(check)
    def audited(*args, **kwargs):
        kwargs.setdefault("audit_merges", kwargs.get("dask") is None)  # (its processes are elsewhere)
        if not every and not any(kwargs.get(k) for k in _NAMING):
            kwargs["start_methods"] = PINNED
        return check(*args, **kwargs)

    monkeypatch.setattr(mpsim.api, "check", audited)
    monkeypatch.setattr(mpsim, "check", audited, raising=False)


@pytest.fixture(autouse=True)
def english_locale(monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def pytest_configure(config):
    config.addinivalue_line("markers", "every_start_method: checks in this test search under "
                            "mpsim's default start methods (not pinned to PINNED)")
