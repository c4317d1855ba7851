"""What every gated object that reuses a simulator class does for real: pickling and waiting.

The simulator's classes pickle, unpickle and let time pass through ``_dumps``, ``_loads`` and
``_waited``, and are themselves pickled for a child through ``_spawning``/``_reduced``
(``mpsim/facade/base.py``); a gated object does these as CPython does - with ``ForkingPickler``,
refusing outside a child's start-up as the real primitives do, and by really waiting.
"""
from __future__ import annotations

from multiprocessing import context
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

    def _spawning(self) -> bool:
        return context.get_spawning_popen() is not None

    def _reduced(self):
        return _rebuild, (type(self), self.__dict__)


def _rebuild(cls, state):
    obj = cls.__new__(cls)
    obj.__dict__.update(state)
    return obj
