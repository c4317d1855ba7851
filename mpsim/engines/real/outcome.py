"""What a real action returns when its operation goes on in a further step."""
from __future__ import annotations

from typing import NamedTuple


class Next(NamedTuple):
    """The step is done and the operation goes on: its next declared ``phase``; ``observed``, what
    CPython's code saw in this step (compared with the simulator's); ``carry``, what the next
    step needs (the lock depth released, the part of a message written...)."""

    phase: str
    observed: object
    carry: object = None
