"""Pure state machines for the simulated primitives, one module per primitive.

Each module declares its operations once in ``OPS`` (``declare.py``) and has
``step(view, oid, pid, method, args, phase) -> [Outcome]``, ``holders(state)``,
``describe(state, name)`` and ``short(state, name)``; ``module_for(state)`` finds it.
"""
from . import condition, event, managed, pipe, pool, processes, queue, semlock, shared
from .declare import ONE

_BY_TYPE = {
    semlock.SemState: semlock,
    condition.CondState: condition,
    event.EventState: event,
    shared.SharedState: shared,
    queue.QueueState: queue,
    pipe.PipeState: pipe,
    pool.PoolState: pool,
    managed.ManagedState: managed,
    managed.ManagerState: managed,
}


def module_for(state):
    return _BY_TYPE[type(state)]


def kind_of(state) -> str:
    if isinstance(state, semlock.SemState):
        return state.kind
    if isinstance(state, queue.QueueState):
        return state.kind
    if isinstance(state, managed.ManagedState):
        return state.typeid
    if isinstance(state, managed.ManagerState):
        return "Manager"
    return {condition.CondState: "Condition", event.EventState: "Event",
            shared.SharedState: "Value", pipe.PipeState: "Pipe", pool.PoolState: "Pool"}[type(state)]


MODULES = (semlock, condition, event, shared, queue, pipe, pool, managed, processes)


def _one_result() -> frozenset:
    """Operation names that return the same value whenever they complete, in every primitive
    that has them."""
    by_name = {}
    for mod in MODULES:
        for name, decl in mod.OPS.items():
            by_name.setdefault(name, []).append(decl.results == ONE)
    return frozenset(name for name, ones in by_name.items() if all(ones))


ONE_RESULT = _one_result()
