"""What every facade object shares: reaching the running process, and handles to primitives."""
from __future__ import annotations

import sys

from .. import runtime
from ..errors import Unsupported
from ..primitives.pool import Maintain


def rt():
    if runtime.current is None:
        raise RuntimeError("mpsim's simulated multiprocessing is used outside a simulated process")
    return runtime.current


def fix_context(me):
    """The default context is used: it is fixed from now on (CPython's ``_actual_context``)."""
    if me.start_method is None:
        me.start_method = me.session.start_method_of(me)


def perform(target, method, args=(), shown="", decode=False):
    """Perform one operation.  The world may interrupt it for a pool's worker handler (a ``Maintain``
    result, see facade/pool.py): the handler runs here, then the operation is performed again."""
    me = rt()
    while True:
        result = me.perform(target, method, args, shown, decode)
        if type(result) is not Maintain:
            return result
        me.pools[result.oid]._maintain(result.exited)
        del result  # so the second attempt's frame is the first one's


def unsupported(what: str):
    """Stop the check: the model uses ``what``, which mpsim does not model yet."""
    r = runtime.current
    where = ""
    if r is not None:
        filename, line = r.session.location(r.session.model_frames(sys._getframe(1)))
        if line:
            where = f"{r.session.model.shown(filename)}:{line}: "
    raise Unsupported(f"{where}{what} is not modelled by mpsim yet")


def _rebuild(cls, oid, extra):
    obj = cls.__new__(cls)
    obj._mpsim_oid = oid
    obj._restore(extra)
    return obj


class Handle:
    """A process's copy of a shared primitive: an id into the world, like a real SemLock handle."""

    _mpsim_handle = True
    _mpsim_oid = None
    _inheritance_only = True  # CPython refuses to pickle it except to start a child

    def _bind(self, state):
        self._mpsim_oid = rt().create(state)

    def _extra(self):
        return None

    def _restore(self, extra):
        pass

    def __reduce__(self):
        if self._inheritance_only and not self._spawning():
            raise RuntimeError(f"{self._shared_name()} objects should only be shared between "
                               "processes through inheritance")
        return self._reduced()

    def _spawning(self) -> bool:
        """Is this process pickling a child's start-up data right now?"""
        return rt().session.spawning is not None

    def _reduced(self):
        return _rebuild, (type(self), self._mpsim_oid, self._extra())

    def _shared_name(self):
        return type(self).__name__

    def __deepcopy__(self, memo):
        return self

    def _op(self, method, args=(), shown="", decode=False):
        return perform(self._mpsim_oid, method, args, shown, decode)

    # How an object's operations pickle, unpickle and let time pass: the simulator's way here;
    # the replayer's gated objects (``mpsim/replay/gated``) reuse the facade's logic with real ones.
    def _dumps(self, obj) -> bytes:
        return rt().session.dumps(rt(), obj)

    def _loads(self, data: bytes):
        return rt().session.loads(rt(), data)

    def _waited(self, seconds):
        """A timed operation timed out: the simulated clock moves on."""
        rt().clock += seconds

    def _mpsim_local(self):
        """This process's own flags on its copy (closed, connected...), part of its state."""
        return None
