"""The one table of real actions: each declared step -> what it does to CPython's real objects.

``ACTIONS[(primitive, operation, phase)]`` - the primitive module's name (``semlock``, ``queue``,
``processes``...), the operation and its phase as declared in ``OPS`` (None for the first step,
then the names in ``phases``) - is a function ``(engine, target, args, carry)`` that performs
that step on the real object(s) of ``target`` (``engine.objects``): it returns the operation's
result, raises its exception, or returns ``Next(phase, observed, carry)`` when the operation goes
on in a further step.  Each area's entries are written with ``outcome.steps``: an operation's
actions in the order of its declared phases.  ``MAKERS`` builds the real object(s) for a primitive's initial state;
``export``/``adopt`` carry them to a spawned child (CPython's own objects, pickled by CPython's
reducers).  tests/test_conformance.py checks that every declared step has its action.
"""
from __future__ import annotations

from ...primitives import condition, event, managed as managed_state, pipe, pool as pool_state, \
    queue, semlock, shared as shared_state
from . import managed, pipes, pool, procs, queues, shared, sync
from .cpython import real

ACTIONS = {**sync.ACTIONS, **queues.ACTIONS, **pipes.ACTIONS, **shared.ACTIONS, **managed.ACTIONS,
           **pool.ACTIONS, **procs.ACTIONS}

MAKERS = {
    semlock.SemState: sync.make_semlock,
    condition.CondState: sync.make_condition,
    event.EventState: sync.make_event,
    shared_state.SharedState: shared.make_shared,
    queue.QueueState: queues.make_queue,
    pipe.PipeState: pipes.make_pipe,
    pool_state.PoolState: pool.make_pool,
    managed_state.ManagedState: managed.make_managed,
    managed_state.ManagerState: managed.make_manager,
}


def kind_of(state) -> str:
    """The name of the primitive module that declares ``state``'s operations."""
    from ...primitives import module_for
    return module_for(state).__name__.rpartition(".")[2]


def export(engine, oid):
    """What a spawned child needs of ``oid`` besides the facade's pickle of it."""
    kind = engine.kinds[oid]
    if kind == "pipe":
        return pipes.export_end(engine, oid)
    if kind == "pool":
        return pool.export_pool(engine, oid)
    obj = engine.objects[oid]
    return None if obj in engine.managers else obj


def adopt(engine, oid, kind, data):
    if kind == "pipe":
        pipes.adopt_end(engine, oid, data)
    elif kind == "pool":
        pool.adopt_pool(engine, oid, data)
    else:
        engine.objects[oid] = data


def unlink(engine, oid):
    """CPython's finalizers of the named semaphores that go with ``oid`` run now: its creator
    let it go (``facade.base.Handle._bind``)."""
    obj = engine.objects.get(oid)
    parts = queues.semaphores(obj) if engine.kinds.get(oid) == "queue" and hasattr(obj, "_rlock") \
        else sync.semaphores(obj)
    names = {p._semlock.name for p in parts} - {None}
    cleanup = real("synchronize").SemLock._cleanup
    registry = real("util")._finalizer_registry
    for finalizer in list(registry.values()):
        if finalizer._callback is cleanup and finalizer._args[0] in names:
            finalizer()
