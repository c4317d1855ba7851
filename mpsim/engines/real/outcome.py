"""How the real actions are written: ``steps`` makes table entries, ``Next`` is what an action
returns when its operation goes on in a further step."""
from __future__ import annotations

import importlib
from typing import NamedTuple


def steps(primitive: str, **operations) -> dict:
    """``{(primitive, operation, phase): action}``: for each operation of ``primitive`` (the name
    of its module in ``mpsim.primitives``) its action, or its actions for the first step and then
    each phase, in the order its declaration (``OPS``) names them."""
    declared = importlib.import_module(f"mpsim.primitives.{primitive}").OPS
    table = {}
    for name, actions in operations.items():
        actions = actions if isinstance(actions, tuple) else (actions,)
        phases = (None, *declared[name].phases)
        if len(actions) != len(phases):
            raise ValueError(f"{primitive}.{name} has {len(phases)} declared steps")
        table.update(((primitive, name, phase), action) for phase, action in zip(phases, actions))
    return table


class Next(NamedTuple):
    """The step is done and the operation goes on: its next declared ``phase``; ``observed``, what
    CPython's code saw in this step (compared with the simulator's); ``carry``, what the next
    step needs (the lock depth released, the part of a message written...)."""

    phase: str
    observed: object
    carry: object = None
