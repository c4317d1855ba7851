"""A process pool's shared part as a pure state machine (SEMANTICS.md §14).

The tasks waiting for a worker, and the results that came back.  Workers are ordinary simulated
processes that take the next task (which worker gets which task is simply which one moves
first), run it, and hand back the pickled outcome.  A job (one apply, or one map with its chunks)
is ready when all its chunks are back, or as soon as one failed - so when several chunks fail,
the error ``map`` raises is whichever failure arrived first.  Arrival order is kept only where
someone can observe it (jobs with callbacks, ``imap_unordered``): elsewhere it is not state, and
keeping it would multiply states for nothing.
"""
from __future__ import annotations

from typing import NamedTuple

from .base import Err, fail, ret

TIMEOUT = Err("multiprocessing.context.TimeoutError")


class PoolState(NamedTuple):
    state: str = "RUN"  # "RUN" | "CLOSE" | "TERMINATE"
    tasks: tuple = ()  # ((job, chunk, ordered, payload), ...) waiting for a worker
    arrived: tuple = ()  # ((job, chunk, ok, payload), ...) sorted by (job, chunk)
    failed: tuple = ()  # ((job, payload), ...): each job's first failure to arrive
    order: tuple = ()  # ((job, chunk), ...) arrival order of the jobs whose order is observable


def new() -> PoolState:
    return PoolState()


def outcome(p: PoolState, job: int, chunks: int):
    """None while the job is not ready; else (True, (payload by chunk, ...)) or (False, error)."""
    for j, data in p.failed:
        if j == job:
            return False, data
    mine = tuple(data for j, c, ok, data in p.arrived if j == job)
    return (True, mine) if len(mine) == chunks else None


def step(view, oid, pid, method, args, phase):
    p = view[oid]
    if method == "submit":
        return [ret(None, [(oid, p._replace(tasks=p.tasks + args[0]))])]
    if method == "next":
        if p.tasks:
            return [ret(p.tasks[0], [(oid, p._replace(tasks=p.tasks[1:]))], "takes a task")]
        if p.state != "RUN":
            return [ret(None, note="no more tasks: the worker exits")]
        return []
    if method == "done":
        job, chunk, ordered, ok, data = args
        arrived = tuple(sorted(p.arrived + ((job, chunk, ok, data),)))
        failed = p.failed
        if not ok and all(j != job for j, _ in failed):
            failed = failed + ((job, data),)
        order = p.order + ((job, chunk),) if ordered else p.order
        return [ret(None, [(oid, p._replace(arrived=arrived, failed=failed, order=order))],
                    "hands back a result")]
    if method == "result":
        job, chunks, timeout = args
        got = outcome(p, job, chunks)
        if got is not None:
            return [ret(got)]
        if timeout is not None:
            return [fail(TIMEOUT, note="times out")]
        return []
    if method == "chunk":
        job, chunk, taken, timeout = args  # chunk None: the next to arrive not taken yet
        if chunk is None:
            chunk = next((c for j, c in p.order if j == job and c not in taken), None)
        for j, c, ok, data in p.arrived:
            if j == job and c == chunk:
                return [ret((c, ok, data))]
        if timeout is not None:
            return [fail(TIMEOUT, note="times out")]
        return []
    if method == "ready":
        return [ret(outcome(p, *args) is not None)]
    if method == "arrived":
        return [ret(tuple(dict.fromkeys(j for j, _ in p.order)))]
    if method in ("close", "terminate"):
        state = "CLOSE" if method == "close" else "TERMINATE"
        return [ret(None, [(oid, p._replace(state=state, tasks=() if state == "TERMINATE" else p.tasks))])]
    raise ValueError(f"unknown pool operation {method}")


def holders(p: PoolState) -> list:
    return []


def describe(p: PoolState, name) -> str:
    return f"{p.state.lower()}; {len(p.tasks)} task(s) waiting, {len(p.arrived)} result(s) back"


def short(p: PoolState, name) -> str:
    return f"{len(p.tasks)}t/{len(p.arrived)}r"
