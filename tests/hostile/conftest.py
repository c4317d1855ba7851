"""The hostile corpus: registers the ``hostile`` marker and keeps the slow part of it opt-in.

A plain ``pytest`` / ``make test`` (so CI) runs the families that end in seconds - ``m_``
malformed input, ``u_`` unsupported APIs, ``s_`` control flow that swallows, ``v_`` process-level
violence: 76 programs, under a minute.  The others (``i_`` interpreter abuse, ``h_`` huge values,
``n_`` never reaching an operation, ``o_`` odd but legal) run their checks to the 20 s time limit
and take minutes; they run when asked for:

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


FAST_FAMILIES = ("m_", "u_", "s_", "v_")  # run by default (CI): each program ends in seconds


def pytest_collection_modifyitems(config, items):
    if _asked_for(config):
        return
    skip = pytest.mark.skip(reason="this part of the hostile corpus is opt-in: "
                                   "pytest -m hostile tests/hostile")
    for item in items:
        if item.get_closest_marker("hostile") is None:
            continue
        program = getattr(getattr(item, "callspec", None), "id", "")
        if not program.startswith(FAST_FAMILIES):
            item.add_marker(skip)
