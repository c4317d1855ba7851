"""The hostile corpus: registers the ``hostile`` marker and keeps the slow corpus opt-in.

The corpus runs mpsim on every program in ``programs/`` (minutes, and many cases fail until mpsim
is hardened), so a plain ``pytest`` / ``make test`` skips it.  It runs when asked for:

    pytest -m hostile tests/hostile            # or any selection that names tests/hostile
    MPSIM_HOSTILE=1 pytest                     # everything, the corpus included

``HOSTILE_SHARD=k/n`` runs every n-th program starting at k (0-based), so two shards can run side
by side; ``HOSTILE_RESULTS=FILE`` appends one JSON line per program (see ``status.py``).
"""
import os

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "hostile: runs mpsim on a malformed or hostile program (tests/hostile; slow)")


def _asked_for(config) -> bool:
    if os.environ.get("MPSIM_HOSTILE") == "1":
        return True
    markexpr = config.getoption("markexpr", "") or ""
    if "hostile" in markexpr and "not hostile" not in markexpr:
        return True
    for arg in config.args:
        path = os.path.abspath(arg.split("::")[0])
        if path == HERE or path.startswith(HERE + os.sep):
            return True
    return False


def pytest_collection_modifyitems(config, items):
    if _asked_for(config):
        return
    skip = pytest.mark.skip(reason="the hostile corpus is opt-in: pytest -m hostile tests/hostile")
    for item in items:
        if item.get_closest_marker("hostile") is not None:
            item.add_marker(skip)
