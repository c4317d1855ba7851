"""What every facade object shares: the engine, operations, and handles to primitives."""
from __future__ import annotations

import sys

from ..primitives.pool import Maintain
from ._engine import engine


def perform(target, method, args=(), shown="", decode=False):
    """Perform one operation.  The world may interrupt it for a pool's worker handler (a ``Maintain``
    result, see facade/pool.py): the handler runs here, then the operation is performed again."""
    eng = engine()
    while True:
        result = eng.perform(target, method, args, shown, decode)
        if type(result) is not Maintain:
            return result
        from .process import MEMORY
        MEMORY.pools[result.oid]._maintain(result.exited)
        del result  # so the second attempt's frame is the first one's


def unsupported(what: str):
    """Stop the check: the model uses ``what``, which mpsim does not model yet."""
    engine().unsupported(what)


def _rebuild(cls, oid, extra, exported):
    obj = cls.__new__(cls)
    obj._mpsim_oid = oid
    engine().adopt(oid, exported)
    obj._restore(extra)
    return obj


def _start_method(ctx) -> str:
    if ctx is not None and ctx._name is not None:
        return ctx._name
    from .context import fix
    return fix()


def _unlink(oid):
    engine().unlink(oid)


class Handle:
    """A process's copy of a shared primitive: an id into the world, like a real SemLock handle."""

    _mpsim_handle = True
    _mpsim_oid = None
    _inheritance_only = True  # CPython refuses to pickle it except to start a child
    _named_semaphores = False  # CPython builds it on named POSIX semaphores

    def _bind(self, state, ctx=None, **cpython):
        """Create the primitive.  One built on named POSIX semaphores (``_named_semaphores``)
        under a spawn or forkserver context is unlinked when this object goes away or the process
        exits (CPython's SemLock finalizer): a child that has not rebuilt it by then cannot.
        The engine is told the context's start method too, and ``cpython``: what else CPython's
        constructor takes that the state leaves out (a real engine builds the real object)."""
        from . import util
        util.ensure_registered()
        method = _start_method(ctx) if self._named_semaphores else None
        self._mpsim_oid = engine().create(state, method=method, **cpython)
        if method is not None and method != "fork":
            util.Finalize(self, _unlink, (self._mpsim_oid,), exitpriority=0)

    def _extra(self):
        return None

    def _restore(self, extra):
        pass

    def __reduce__(self):
        if self._inheritance_only and engine().spawning is None:
            raise RuntimeError(f"{self._shared_name()} objects should only be shared between "
                               "processes through inheritance")
        extra = self._extra()  # first: a Connection's names its end in ``spawning`` for export
        exported = engine().export(self._mpsim_oid, self._named_semaphores)
        return _rebuild, (type(self), self._mpsim_oid, extra, exported)

    def _shared_name(self):
        return type(self).__name__

    def _op(self, method, args=(), shown="", decode=False):
        return perform(self._mpsim_oid, method, args, shown, decode)

    def _dumps(self, obj) -> bytes:
        return engine().dumps(obj)

    def _loads(self, data: bytes):
        value = engine().loads(data)
        engine().received(value)
        return value

    def _mpsim_local(self):
        """This process's own flags on its copy (closed, connected...), part of its state."""
        return None


def caller_frame(depth=1):
    return sys._getframe(depth + 1)
