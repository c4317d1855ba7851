"""Manager(): a real server process and its real proxies, one remote call a step.

``Manager()`` starts CPython's own ``SyncManager`` server.  The simulator folds the server into
atomic operations and gives it no share of the model's memory or pipe ends, so it is always
started by spawn here (a fresh interpreter, whatever the model's start method), and it is not one
of the model's children (the exit rule does not wait for it; CPython's finalizer stops it).  It is
shut down without a timeout, so CPython's manager code waits for it itself.

The facade's proxies and a manager's locks, semaphores and queues say only what they hold, not
which manager holds it: they are made on the manager this process started (or inherited by fork)
and that still runs.  A process with several running managers at once is not covered.
"""
from __future__ import annotations

import pickle

from .cpython import real
from .outcome import steps


def make_manager(engine, state, **cpython):
    managers = real("managers")
    manager = managers.SyncManager(ctx=real("context")._concrete_contexts["spawn"],
                                   shutdown_timeout=None)
    manager.start()
    engine.managers.append(manager)
    return manager


def server_object(engine, typeid: str, args=(), kwargs=None):
    """A new object of the running manager's server, and its real proxy."""
    started = real("managers").State.STARTED
    running = [m for m in engine.managers if m._state.value == started]
    if len(running) != 1:
        engine.not_covered("a manager's object made while " + (
            "no Manager runs in this process" if not running else "several Managers run at once"))
    return getattr(running[0], typeid)(*args, **(kwargs or {}))


def make_managed(engine, state, **cpython):
    value = pickle.loads(state.data)
    if state.typeid == "Namespace":
        return server_object(engine, "Namespace", kwargs=vars(value))
    if state.typeid == "Value":
        return server_object(engine, "Value", (value._typecode, value._value))
    if state.typeid == "Array":
        return server_object(engine, "Array", (value.typecode, list(value)))
    return server_object(engine, state.typeid, (value,))


def call(engine, oid, args, carry):
    name, call_args, manager, connected = args
    result = engine.objects[oid]._callmethod(name, tuple(engine.loads(call_args)))
    return pickle.dumps(result)


def shutdown(engine, oid, args, carry):
    engine.objects[oid].shutdown()


ACTIONS = steps("managed", call=call, shutdown=shutdown)
