"""The world: every primitive's state and every process's status, and the moves from a state.

This is the one place that decides which operations are enabled - and so the one place that
decides deadlock.  A move is one process taking one step of its pending operation; an operation
with several possible outcomes (which sleepers a notify wakes) gives one move per outcome.  A
process's queue feeder threads move on their own, as further moves of that process.  So does the
worker-handler thread of a pool with ``maxtasksperchild`` it made: when one of the pool's workers
has exited, the handler's move interrupts the process's pending operation (one that has not begun
its steps) with a ``pool.Maintain`` result; the process then starts the replacements itself, in
its own memory, and performs its operation again (facade/pool.py).  When an
operation completes, the process runs its local code up to its next operation (memoised in
``LocalStates``); when its code ends, CPython's exit rule applies: its queues are closed, daemonic
children are terminated, then it waits for its other children and for its feeders to write
everything it put.
"""
from __future__ import annotations

from typing import NamedTuple

from .primitives import module_for, pipe, pool, queue
from .primitives.base import cont, ret
from .runtime import Op

SIGTERM_EXIT = -15


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
    feeder: bool = False  # a queue feeder thread's move, not the process's own operation


class Move(NamedTuple):
    ident: tuple
    alt: int
    world: World
    step: Step


class _Output(NamedTuple):
    """Output a feeder thread printed (it runs no model code, so it has no Segment of its own)."""

    out: tuple
    error: None = None


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
        self._end_if_done(procs, prims, ())
        world = World(tuple(procs), tuple(sorted(prims.items())))
        errors = (((), seg.error),) if seg.error else ()
        return world, Step((), 0, None, None, "return", None, "starts", (((), seg),), errors)

    def op_of(self, entry: ProcEntry):
        return self.locals.info[entry.key].op

    def moves(self, world: World) -> list:
        view = dict(world.prims)
        queues = [(oid, s) for oid, s in world.prims if type(s) is queue.QueueState and s.feeders]
        pools = [(oid, s) for oid, s in world.prims if type(s) is pool.PoolState and s.workers]
        ended = {e.ident: e.exitcode for e in world.procs if e.exitcode is not None} if pools else {}
        result = []
        for entry in world.procs:
            if entry.exitcode is not None:
                continue
            op = self.op_of(entry)
            alt = 0
            for out in self._outcomes(world, view, entry, op):
                result.append(self._apply(world, entry, op, alt, out))
                alt += 1
            for oid, q in queues:
                for state, note, error in queue.feeder_moves(q, oid, entry.ident):
                    result.append(self._feed(world, entry, oid, state, note, error, alt))
                    alt += 1
            if entry.phase is None and op.method != "exit":
                for oid, p in pools:
                    out = pool.handler_move(p, oid, entry.ident, ended, self.session.name)
                    if out is not None:
                        result.append(self._apply(world, entry, _handler_op(oid), alt, out))
                        alt += 1
        return result

    # -- outcomes -----------------------------------------------------------------------------
    def _outcomes(self, world, view, entry, op):
        if is_process_target(op.target):
            return self._proc_outcomes(world, view, entry, op)
        return module_for(view[op.target]).step(view, op.target, entry.ident, op.method, op.args, entry.phase)

    def _proc_outcomes(self, world, view, entry, op):
        m = op.method
        if m == "sleep":
            return [ret(None)]
        if m == "active":
            return [ret(tuple(e.ident for e in world.procs if e.parent == entry.ident and e.exitcode is None))]
        if m == "exit":
            return self._exit_outcomes(world.procs, view, entry)
        if m == "wait":  # multiprocessing.connection.wait: connections and process sentinels
            specs, timeout = op.args
            ready = tuple(i for i, spec in enumerate(specs) if self._ready(world, view, spec))
            if ready or timeout is not None:
                return [ret(ready, note="" if ready else "times out" if timeout else "")]
            return []
        child = _find(world.procs, op.target)
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

    @staticmethod
    def _ready(world, view, spec) -> bool:
        """Is one object of a ``connection.wait`` ready: ("conn", oid, end) or ("proc", ident)?"""
        if spec[0] == "conn":
            return pipe.ready(view[spec[1]], spec[2])
        return _find(world.procs, spec[1]).exitcode is not None

    def _exit_outcomes(self, procs, prims, entry):
        """CPython's exit rule as steps: first close the queues and terminate the daemonic
        children (other processes may move before that happens), then wait for the other
        children and the queue feeders."""
        if entry.phase == "exit":
            kills = [("kill", e.ident, SIGTERM_EXIT) for e in procs
                     if e.parent == entry.ident and e.exitcode is None and e.daemon]
            waits = any(e.parent == entry.ident and e.exitcode is None and not e.daemon for e in procs) \
                or any(type(s) is queue.QueueState and queue.feeder_pending(s, entry.ident)
                       for s in prims.values())
            note = "terminates its daemonic children" if kills else "starts exiting"
            if waits:
                return [cont("join", kills + [("at_exit",)], note)]
            return [ret(None, kills + [("at_exit",), ("finish",)], note)]
        if self._exit_waits(procs, prims, entry.ident):
            return []
        return [ret(None, [("finish",)], "its children and feeders have finished")]

    def _exit_waits(self, procs, prims, ident) -> bool:
        """Does the exiting ``ident`` still wait for a child or for one of its queue feeders?"""
        if any(e.parent == ident and e.exitcode is None for e in procs):
            return True
        return any(type(s) is queue.QueueState and queue.feeder_pending(s, ident) for s in prims.values())

    # -- applying -----------------------------------------------------------------------------
    def _apply(self, world, entry, op, alt, out):
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
                _put(procs, ProcEntry(ident, seg.key, None, None, daemon, entry.ident))
                self._inherit(prims, entry.ident, ident, birth_id)
                _create(prims, seg)
            elif key == "kill":
                _end(procs, prims, rest[0], rest[1])
            elif key == "finish":
                finish = True
            elif key == "at_exit":
                for oid, s in list(prims.items()):
                    if type(s) is queue.QueueState:
                        prims[oid] = queue.at_exit(s, entry.ident)
            else:
                prims[key] = rest[0]
        k = _index(procs, entry.ident)
        if out.kind == "continue":
            procs[k] = entry._replace(phase=out.value)
        elif finish:
            _end(procs, prims, entry.ident, self.locals.info[entry.key].done[0])
        else:
            rkey = ("ret", out.value) if out.kind == "return" else out.value
            seg = self.locals.advance(entry.key, rkey)
            segments.insert(0, (entry.ident, seg))
            _create(prims, seg)
            procs[k] = entry._replace(key=seg.key, phase=None)
        for ident, seg in segments:
            if seg.error is not None:
                errors.append((ident, seg.error))
            self._end_if_done(procs, prims, ident)
        new = World(tuple(procs), tuple(sorted(prims.items())))
        step = Step(entry.ident, alt, op, entry.phase, out.kind, out.value, out.note,
                    tuple(segments), tuple(errors))
        return Move(entry.ident, alt, new, step)

    def _feed(self, world, entry, oid, state, note, error, alt):
        prims = dict(world.prims)
        prims[oid] = state
        procs = list(world.procs)
        if self.locals.info[entry.key].done is not None and entry.phase == "join" \
                and not self._exit_waits(procs, prims, entry.ident):
            _end(procs, prims, entry.ident, self.locals.info[entry.key].done[0])
        out = ((entry.ident, _Output((("stderr", error),))),) if error else ()
        op = Op(oid, "feed", (), "{} feeder", ("", 0))
        step = Step(entry.ident, alt, op, None, "continue", None, note, out, (), True)
        return Move(entry.ident, alt, World(tuple(procs), tuple(sorted(prims.items()))), step)

    def _inherit(self, prims, parent, child, birth_id):
        """Give a new child its copies of pipe ends: all of the parent's under fork, the ones
        passed to it under spawn."""
        birth = self.session.births[birth_id]
        if birth.kind == "fork":
            for oid, s in list(prims.items()):
                if type(s) is pipe.PipeState:
                    for end in (0, 1):
                        if parent in s.holders[end]:
                            s = pipe.give(s, end, child)
                    prims[oid] = s
        for oid, end in birth.ends:
            prims[oid] = pipe.give(prims[oid], end, child)

    def _end_if_done(self, procs: list, prims: dict, ident):
        """If the code of ``ident`` has just ended: with no child alive and no queue feeder, the
        process ends at once; otherwise its exit steps begin (see ``_exit_outcomes``)."""
        k = _index(procs, ident)
        entry = procs[k]
        done = self.locals.info[entry.key].done
        if done is None or entry.exitcode is not None or entry.phase is not None:
            return
        if any(e.parent == ident and e.exitcode is None for e in procs) or self._exit_waits(procs, prims, ident):
            procs[k] = entry._replace(phase="exit")
        else:
            _end(procs, prims, ident, done[0])


def _end(procs: list, prims: dict, ident, exitcode):
    """``ident`` is gone: record its exit code; the OS closes its pipe ends, its feeders die."""
    k = _index(procs, ident)
    if procs[k].exitcode is not None:
        return
    procs[k] = procs[k]._replace(exitcode=exitcode)
    for oid, s in list(prims.items()):
        t = type(s)
        if t is pipe.PipeState:
            prims[oid] = pipe.gone(s, ident)
        elif t is queue.QueueState:
            prims[oid] = queue.gone(s, ident)


def _handler_op(oid) -> Op:
    """What a pool's worker-handler move shows in traces (it interrupts the owner's own operation)."""
    return Op(oid, "maintain", (), "[{} worker handler]", ("", 0))


def _create(prims: dict, seg):
    for effect in seg.effects:
        prims[effect[1]] = effect[2]


def _find(procs, ident):
    for e in procs:
        if e.ident == ident:
            return e
    return None


def _index(procs, ident):
    for k, e in enumerate(procs):
        if e.ident == ident:
            return k
    raise KeyError(ident)


def _put(procs: list, entry: ProcEntry):
    for k, e in enumerate(procs):
        if e.ident == entry.ident:
            procs[k] = entry
            return
    procs.append(entry)
    procs.sort(key=lambda e: e.ident)
