"""The search strategies by name: each is a ``Search`` (``explore.py``: breadth-first and
depth-first) or a subclass of it in a module of its own, so findings, traces and drawings read
every strategy's result the same way.  A strategy's own options are the keyword arguments of
its class (``OPTIONS``: which class takes which).  ``auto`` is not a strategy of its own but a plan
(``api.check``): breadth-first within the budget, then preemption bounding with the same budget.
"""
from __future__ import annotations

from ..explore import Search
from ..i18n import N_
from .pct import PCT
from .preemption import PreemptionBounded

NAMES = {"bfs": N_("breadth-first"), "dfs": N_("depth-first"), "preemption": N_("preemption-bounded"),
         "pct": N_("PCT (random runs under random priorities)"),
         "auto": N_("auto (breadth-first, then preemption-bounded when the budget ends it)")}
OPTIONS = {"max_preemptions": PreemptionBounded, "runs": PCT, "pct_depth": PCT, "seed": PCT,
           "reduce": Search}
AUTO_STATES = 100_000  # auto's budget when none is given: exhaustive search this far, then bounded


def searcher(strategy: str) -> type:
    for cls in (Search, PreemptionBounded, PCT):
        if strategy in cls.strategies:
            return cls
    raise ValueError(f"unknown strategy {strategy!r} ({', '.join(NAMES)})")


def make(session, strategy, max_states, max_depth, time_limit, progress, timed, stop_at_first,
         method, **options):
    """The search for ``strategy`` under the default start method ``method``, given those of
    ``options`` (OPTIONS) that are its own."""
    cls = searcher(strategy)
    own = {k: v for k, v in options.items() if OPTIONS[k] is cls and v is not None}
    return cls(session, strategy, max_states, max_depth, time_limit, progress, timed,
               stop_at_first, method, **own)
