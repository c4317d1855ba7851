"""Pure state machines for the simulated primitives, one module per primitive.

Each module has ``step(view, oid, pid, method, args, phase) -> [Outcome]``, ``holders(state)``,
``describe(state, name)`` and ``short(state, name)``; ``module_for(state)`` finds it.
"""
from . import condition, event, managed, pipe, pool, queue, semlock, shared

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
