"""A process pool's shared part as a pure state machine (docs/semantics.md §14).

The tasks waiting for a worker, and the results that came back.  Workers are ordinary simulated
processes that take the next task (which worker gets which task is simply which one moves
first), run it, and hand back the pickled outcome.  A job (one apply, or one map with its chunks)
is ready when all its chunks are back, failed or not (CPython 3.11's ``MapResult._set``: "only
consider the result ready once all jobs are done"); when several chunks fail, the error ``map``
raises is whichever failure arrived first.  Arrival order is kept only where
someone can observe it (jobs with callbacks, ``imap_unordered``): elsewhere it is not state, and
keeping it would multiply states for nothing.

With ``maxtasksperchild`` a worker exits after that many tasks and CPython's worker-handler thread
in the owner (the process that made the pool) joins it and starts a replacement, as long as the
pool runs or is closed with work outstanding.  The state knows the owner and the workers the owner
last registered; ``handler_move`` is that thread's move: it interrupts the owner's pending operation
with a ``Maintain`` result, and the owner (facade/pool.py) starts the replacements in its own
process and registers the new worker list with ``workers``.  Meanwhile ``replacing`` is set, so the
handler does not interrupt its own work.  Idle workers of such a closed pool wait, as in CPython, for
the end of all work before they exit (an exit while work is outstanding would be replaced).
"""
from __future__ import annotations

from typing import NamedTuple

from ..i18n import N_, _
from .base import Err, fail, ret
from .declare import ACQUIRE, ONE, READ, RELEASE, WRITE, OpDecl, declare

TIMEOUT = Err("multiprocessing.context.TimeoutError")


OPS = declare(
    OpDecl("submit", RELEASE, results=ONE),
    OpDecl("next", ACQUIRE, "while no task waits and the pool still runs"),
    OpDecl("done", RELEASE, results=ONE),
    OpDecl("result", ACQUIRE, "until the job's results are back", timeout=2),
    OpDecl("chunk", ACQUIRE, "until that result is back", timeout=3),
    OpDecl("ready", READ),
    OpDecl("arrived", READ),
    OpDecl("workers", WRITE, results=ONE),
    OpDecl("handled", ACQUIRE, "until the worker handler stops (all work done)", results=ONE),
    OpDecl("close", WRITE, results=ONE),
    OpDecl("terminate", WRITE, results=ONE),
)


class PoolState(NamedTuple):
    state: str = "RUN"  # "RUN" | "CLOSE" | "TERMINATE"
    tasks: tuple = ()  # ((job, chunk, ordered, payload), ...) waiting for a worker
    arrived: tuple = ()  # ((job, chunk, ok, payload), ...) sorted by (job, chunk)
    failed: tuple = ()  # ((job, payload), ...): each job's first failure to arrive
    order: tuple = ()  # ((job, chunk), ...) arrival order of the jobs whose order is observable
    running: int = 0  # tasks taken by a worker whose result has not come back
    owner: tuple = ()  # ident of the process that made the pool (its handler threads run there)
    maxtasks: int | None = None  # maxtasksperchild: the owner replaces workers that exited
    workers: tuple = ()  # idents of the current workers (registered only with maxtasks)
    replacing: bool = False  # the owner's worker handler is starting replacements
    dead: str | None = None  # the owner's result-handler thread died of this (no result arrives)


class Maintain(NamedTuple):
    """The result that interrupts the owner's pending operation: replace the ``exited`` workers of
    pool ``oid``, then perform the operation again."""

    oid: tuple
    exited: tuple  # idents


def new(owner: tuple, maxtasks: int | None) -> PoolState:
    return PoolState(owner=owner, maxtasks=maxtasks)


def handling(p: PoolState) -> bool:
    """CPython's worker-handler loop condition: the pool runs, or is closed with work outstanding."""
    return p.state == "RUN" or (p.state == "CLOSE" and bool(p.tasks or p.running))


def handler_move(p: PoolState, oid, ident, ended: dict, name):
    """The worker handler's move in process ``ident`` when workers of this pool have exited
    (``ended``: ident -> exit code of every finished process), else None."""
    if p.maxtasks is None or p.owner != ident or p.replacing or not handling(p):
        return None
    exited = tuple(w for w in p.workers if w in ended)
    if not exited:
        return None
    tasks = f"{p.maxtasks} task{'s' if p.maxtasks > 1 else ''}"
    whys = [f"{name(w)} exited after {tasks}" if ended[w] == 0 else f"{name(w)} exited with code {ended[w]}"
            for w in exited]
    what = "a replacement" if len(exited) == 1 else "replacements"
    return ret(Maintain(_fresh(oid), _fresh(exited)), [(oid, p._replace(replacing=True))],
               f"{', '.join(whys)}: starts {what}")


def _fresh(t: tuple) -> tuple:
    """A copy of nested tuples.  The world's oids and idents are the owner's own objects; a result
    that shares them would pickle differently (as memo references) in the owner's fingerprint than
    when the owner is re-created from its results, so the marker gets copies."""
    return tuple(_fresh(x) if isinstance(x, tuple) else x for x in t)


def outcome(p: PoolState, job: int, chunks: int):
    """None while the job is not ready (a chunk is still out); else (True, (payload by chunk,
    ...)) or (False, the first error that arrived)."""
    mine = tuple(data for j, c, ok, data in p.arrived if j == job)
    if len(mine) < chunks:
        return None
    for j, data in p.failed:
        if j == job:
            return False, data
    return True, mine


def step(view, oid, pid, method, args, phase):
    p = view[oid]
    if method == "submit":
        return [ret(None, [(oid, p._replace(tasks=p.tasks + args[0]))])]
    if method == "next":
        if p.tasks:
            return [ret(p.tasks[0], [(oid, p._replace(tasks=p.tasks[1:], running=p.running + 1))],
                        "takes a task")]
        if p.state == "RUN" or (p.maxtasks is not None and handling(p)):
            return []
        return [ret(None, note=N_("no more tasks: the worker exits"))]
    if method == "done":
        job, chunk, ordered, ok, data, unloadable = args
        if p.dead is not None:  # nobody takes results in any more
            return [ret(None, [(oid, p._replace(running=p.running - 1))], "hands back a result")]
        if unloadable is not None:
            # CPython's result handler unpickles each result as it arrives; this one raises in
            # that thread, which dies: no result arrives from now on (docs/semantics.md §14).
            return [ret(None, [(oid, p._replace(dead=unloadable, running=p.running - 1))],
                        N_("hands back a result the owner cannot unpickle: its result-handler "
                           "thread dies"))]
        arrived = tuple(sorted(p.arrived + ((job, chunk, ok, data),)))
        failed = p.failed
        if not ok and all(j != job for j, _ in failed):
            failed = failed + ((job, data),)
        order = p.order + ((job, chunk),) if ordered else p.order
        return [ret(None, [(oid, p._replace(arrived=arrived, failed=failed, order=order,
                                            running=p.running - 1))], "hands back a result")]
    if method == "result":
        job, chunks, timeout = args
        got = outcome(p, job, chunks)
        if got is not None:
            return [ret(got)]
        if timeout is not None:
            return [fail(TIMEOUT, note=N_("times out"), timed=True)]
        return []
    if method == "chunk":
        job, chunk, taken, timeout = args  # chunk None: the next to arrive not taken yet
        if chunk is None:
            chunk = next((c for j, c in p.order if j == job and c not in taken), None)
        for j, c, ok, data in p.arrived:
            if j == job and c == chunk:
                return [ret((c, ok, data))]
        if timeout is not None:
            return [fail(TIMEOUT, note=N_("times out"), timed=True)]
        return []
    if method == "ready":
        return [ret(outcome(p, *args) is not None)]
    if method == "arrived":
        return [ret(tuple(dict.fromkeys(j for j, _ in p.order)))]
    if method == "workers":
        return [ret(None, [(oid, p._replace(workers=args[0], replacing=False))])]
    if method == "handled":
        return [] if handling(p) else [ret(None, note=N_("the worker handler has stopped"))]
    if method in ("close", "terminate"):
        state = "CLOSE" if method == "close" else "TERMINATE"
        return [ret(None, [(oid, p._replace(state=state, tasks=() if state == "TERMINATE" else p.tasks))])]
    raise ValueError(f"unknown pool operation {method}")


def holders(p: PoolState) -> list:
    return []


def describe(p: PoolState, name) -> str:
    text = _("{state}; {tasks} task(s) waiting, {results} result(s) back").format(
        state=_(_STATES[p.state]), tasks=len(p.tasks), results=len(p.arrived))
    if p.dead is not None:
        text += _("; its result-handler thread died of {error}: no result arrives any more").format(
            error=p.dead)
    return text


_STATES = {"RUN": N_("run"), "CLOSE": N_("close"), "TERMINATE": N_("terminate")}


def short(p: PoolState, name) -> str:
    return f"{len(p.tasks)}t/{len(p.arrived)}r"
