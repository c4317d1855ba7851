"""The world: every primitive's state and every process's status, and the moves from a state.

This is the one place that decides which operations are enabled - and so the one place that
decides deadlock.  A move is one process taking one step of its pending operation; an operation
with several possible outcomes (which sleepers a notify wakes) gives one move per outcome.  When
an operation completes, the process runs its local code up to its next operation (memoised in
``LocalStates``); when its code ends, CPython's exit rule applies: daemonic children are
terminated, then the process waits for its other children.
"""
from __future__ import annotations

from typing import NamedTuple

from .primitives import module_for
from .primitives.base import ret



def is_process_target(target) -> bool:
    """Process operations name a process ident (a tuple of ints) or nothing; primitives an oid."""
    return target is None or target == () or isinstance(target[0], int)


class ProcEntry(NamedTuple):
    ident: tuple
    key: int  # local state key in LocalStates
    phase: object  # progress of a multi-step operation; None when it has not begun
    exitcode: int | None  # set once the process has finished or was killed
    daemon: bool
    parent: tuple | None


class World(NamedTuple):
    procs: tuple  # ProcEntry, sorted by ident
    prims: tuple  # ((oid, state), ...), sorted by oid


class Step(NamedTuple):
    """What happened in one move, for traces and findings."""

    ident: tuple
    alt: int
    op: object  # runtime.Op
    phase: object
    kind: str  # "return" | "raise" | "continue"
    value: object
    note: str
    segments: tuple  # ((ident, Segment), ...) local runs this move caused (mover, born children)
    errors: tuple  # ((ident, (line, loc)), ...) processes that died of an uncaught exception


class Move(NamedTuple):
    ident: tuple
    alt: int
    world: World
    step: Step


class Rules:
    """World transitions for one session."""

    def __init__(self, session):
        self.session = session
        self.locals = session.locals

    def initial(self):
        seg = self.locals.birth(self.session.main_birth())
        procs = [ProcEntry((), seg.key, None, None, False, None)]
        prims = {}
        _create(prims, seg)
        self._end_if_done(procs, ())
        world = World(tuple(procs), tuple(sorted(prims.items())))
        errors = (((), seg.error),) if seg.error else ()
        return world, Step((), 0, None, None, "return", None, "starts", (((), seg),), errors)

    def op_of(self, entry: ProcEntry):
        return self.locals.info[entry.key].op

    def moves(self, world: World) -> list:
        view = dict(world.prims)
        result = []
        for i, entry in enumerate(world.procs):
            if entry.exitcode is not None:
                continue
            op = self.op_of(entry)
            for alt, out in enumerate(self._outcomes(world, view, entry, op)):
                result.append(self._apply(world, view, i, entry, op, alt, out))
        return result

    def blocked(self, world: World) -> list:
        return [e for e in world.procs if e.exitcode is None]

    # -- outcomes -----------------------------------------------------------------------------
    def _outcomes(self, world, view, entry, op):
        if is_process_target(op.target):
            return self._proc_outcomes(world, entry, op)
        return module_for(view[op.target]).step(view, op.target, entry.ident, op.method, op.args, entry.phase)

    def _proc_outcomes(self, world, entry, op):
        m = op.method
        if m == "sleep":
            return [ret(None)]
        if m == "active":
            return [ret(tuple(e.ident for e in world.procs if e.parent == entry.ident and e.exitcode is None))]
        if m == "exit":
            return self._exit_outcomes(world, entry)
        child = _find(world, op.target)
        if m == "start":
            return [ret(None, [("spawn", op.target, op.args[0], op.args[1])], "starts")]
        if m == "poll":
            return [ret(child.exitcode if child else None)]
        if m == "join":
            if child is not None and child.exitcode is not None:
                return [ret(child.exitcode, note="returns")]
            if op.args[0] is not None:
                return [ret(None, note="times out")]
            return []
        if m == "terminate":
            if child is not None and child.exitcode is None:
                return [ret(None, [("kill", op.target, op.args[0])], "kills it")]
            return [ret(None)]
        raise ValueError(m)

    def _exit_outcomes(self, world, entry):
        if any(e.parent == entry.ident and e.exitcode is None for e in world.procs):
            return []
        return [ret(None, [("finish",)], "its children have finished")]

    def _end_if_done(self, procs: list, ident):
        """If the code of ``ident`` has just ended, apply CPython's exit rule at once: terminate its
        daemonic children, then finish - or wait in an exit step while other children run."""
        k = _index(procs, ident)
        entry = procs[k]
        done = self.locals.info[entry.key].done
        if done is None or entry.exitcode is not None:
            return
        waiting = False
        for j, e in enumerate(procs):
            if e.parent == ident and e.exitcode is None:
                if e.daemon:
                    procs[j] = e._replace(exitcode=-15)
                else:
                    waiting = True
        procs[k] = entry._replace(phase="join") if waiting else entry._replace(exitcode=done[0])

    # -- applying -----------------------------------------------------------------------------
    def _apply(self, world, view, i, entry, op, alt, out):
        prims = dict(world.prims)
        procs = list(world.procs)
        segments = []
        errors = []
        finish = False
        for key, *rest in out.updates:
            if key == "spawn":
                ident, birth_id, daemon = rest
                seg = self.locals.birth(birth_id)
                segments.append((ident, seg))
                child = ProcEntry(ident, seg.key, None, None, daemon, entry.ident)
                procs = _put(procs, child)
                _create(prims, seg)
            elif key == "kill":
                ident, code = rest
                k = _index(procs, ident)
                procs[k] = procs[k]._replace(exitcode=code)
            elif key == "finish":
                finish = True
            else:
                prims[key] = rest[0]
        k = _index(procs, entry.ident)
        if out.kind == "continue":
            procs[k] = entry._replace(phase=out.value)
        elif finish:
            procs[k] = entry._replace(exitcode=self.locals.info[entry.key].done[0])
        else:
            rkey = ("ret", out.value) if out.kind == "return" else out.value
            seg = self.locals.advance(entry.key, rkey)
            segments.insert(0, (entry.ident, seg))
            _create(prims, seg)
            procs[k] = entry._replace(key=seg.key, phase=None)
        for ident, seg in segments:
            if seg.error is not None:
                errors.append((ident, seg.error))
            self._end_if_done(procs, ident)
        new = World(tuple(procs), tuple(sorted(prims.items())))
        step = Step(entry.ident, alt, op, entry.phase, out.kind, out.value, out.note,
                    tuple(segments), tuple(errors))
        return Move(entry.ident, alt, new, step)


def _create(prims: dict, seg):
    for effect in seg.effects:
        prims[effect[1]] = effect[2]


def _find(world, ident):
    for e in world.procs:
        if e.ident == ident:
            return e
    return None


def _index(procs, ident):
    for k, e in enumerate(procs):
        if e.ident == ident:
            return k
    raise KeyError(ident)


def _put(procs: list, entry: ProcEntry) -> list:
    for k, e in enumerate(procs):
        if e.ident == entry.ident:
            procs[k] = entry
            return procs
    procs.append(entry)
    procs.sort(key=lambda e: e.ident)
    return procs

