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
        if self._inheritance_only and rt().session.spawning is None:
            raise RuntimeError(f"{self._shared_name()} objects should only be shared between "
                               "processes through inheritance")
        return _rebuild, (type(self), self._mpsim_oid, self._extra())

    def _shared_name(self):
        return type(self).__name__

    def __deepcopy__(self, memo):
        return self

    def _op(self, method, args=(), shown="", decode=False):
        return perform(self._mpsim_oid, method, args, shown, decode)

    def _mpsim_local(self):
        """This process's own flags on its copy (closed, connected...), part of its state."""
        return None
