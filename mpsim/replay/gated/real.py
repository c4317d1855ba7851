"""What every gated object that reuses a simulator class does for real: pickling and waiting.

The simulator's classes pickle, unpickle and let time pass through ``_dumps``, ``_loads`` and
``_waited`` (``mpsim/facade/base.py``); a gated object does them as CPython does - with
``ForkingPickler``, and by really waiting.
"""
from __future__ import annotations

from multiprocessing.reduction import ForkingPickler


class Real:
    def _dumps(self, obj) -> bytes:
        return bytes(ForkingPickler.dumps(obj))

    def _loads(self, data: bytes):
        return ForkingPickler.loads(data)

    def _waited(self, seconds):
        pass  # the real time has passed

    def __deepcopy__(self, memo):
        raise TypeError(f"a gated {type(self).__name__} is not copied")
