"""Every check the tests make audits its merges (``audit_merges``): two histories merged into one
local state are both run one step further and must behave alike, so a fingerprint that misses a
difference fails whichever test meets it (issue: "a merge audit that checks this principle on
every test run")."""
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
