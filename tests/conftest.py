"""Every check the tests make audits its merges (``audit_merges``): two histories merged into one
local state are both run one step further and must behave alike, so a fingerprint that misses a
difference fails whichever test meets it (issue: "a merge audit that checks this principle on
every test run").

Reports are in English whatever the machine's locale: the tests that want Chinese ask for it
(tests/test_i18n.py)."""
import functools
import os
import sys

import pytest

import mpsim.api

sys.path.insert(0, os.path.dirname(__file__))  # tests import catalog.py, clitools.py


@pytest.fixture(autouse=True)
def audit_every_merge(monkeypatch):
    check = mpsim.api.check

    @functools.wraps(check)
    def audited(*args, **kwargs):
        kwargs.setdefault("audit_merges", True)
        return check(*args, **kwargs)

    monkeypatch.setattr(mpsim.api, "check", audited)
    monkeypatch.setattr(mpsim, "check", audited, raising=False)


@pytest.fixture(autouse=True)
def english_locale(monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
