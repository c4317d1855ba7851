"""The search strategies by name: each is a ``Search`` (``explore.py``: breadth-first and
depth-first) or a subclass of it in a module of its own, so findings, traces and drawings read
every strategy's result the same way.  ``auto`` is not a strategy of its own but a plan
(``api.check``): breadth-first within the budget, then preemption bounding with the same budget.
"""
from __future__ import annotations

from ..explore import Search
from .preemption import PreemptionBounded

NAMES = {"bfs": "breadth-first", "dfs": "depth-first", "preemption": "preemption-bounded",
         "auto": "auto (breadth-first, then preemption-bounded when the budget ends it)"}
AUTO_STATES = 100_000  # auto's budget when none is given: exhaustive search this far, then bounded


def searcher(strategy: str) -> type:
    if strategy == "preemption":
        return PreemptionBounded
    if strategy in Search.strategies:
        return Search
    raise ValueError(f"unknown strategy {strategy!r} ({', '.join(NAMES)})")
