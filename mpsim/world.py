"""The world: every primitive's state and every process's status, and the moves from a state.

This is the one place that decides which operations are enabled - and so the one place that
decides deadlock.  A move is one process taking one step of its pending operation; an operation
with several possible outcomes (which sleepers a notify wakes) gives one move per outcome.  A
process's queue feeder threads move on their own, as further moves of that process.  So does the
worker-handler thread of a pool with ``maxtasksperchild`` it made: when one of the pool's workers
has exited, the handler's move interrupts the process's pending operation (one that has not begun
its steps) with a ``pool.Maintain`` result; the process then starts the replacements itself, in
its own memory, and performs its operation again (facade/pool.py).  When an operation completes,
the process runs its local code up to its next operation (memoised in ``LocalStates``).  A child
that has been started runs its first code in a move of its own (``begin``).  A process's exit is
its own code (CPython's exit function: closing its queues, terminating its daemonic children,
joining the others, waiting for its feeders - operations like any other); when it has run, the
process is gone: the OS closes its pipe ends and its feeder threads die with it.
"""
from __future__ import annotations

from typing import NamedTuple

from .primitives import module_for, pipe, pool, queue
from .primitives.base import ret
from .search.local import BEGIN, SPIN, Op

SIGTERM = 15


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
    pending: frozenset = frozenset()  # signals sent to it that its handler has not run for yet


class World(NamedTuple):
    procs: tuple  # ProcEntry, sorted by ident
    prims: tuple  # ((oid, state), ...), sorted by oid
    unlinked: frozenset = frozenset()  # primitives whose named semaphores are gone


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
        seg = self.locals.advance(self.locals.unborn(self.session.main_birth()), ("ret", ()))
        procs = [ProcEntry((), seg.key, None, None, False, None)]
        prims = {}
        unlinked = set()
        self._create(prims, seg, unlinked)
        self._end_if_done(procs, prims, ())
        world = World(tuple(procs), tuple(sorted(prims.items())), frozenset(unlinked))
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
            if op.method != BEGIN:  # a child that has not started yet gets it when it has
                for signum in sorted(entry.pending):
                    result.append(self._signal(world, entry, op, signum, alt))
                    alt += 1
            if entry.phase is None and op.method != BEGIN:
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
        if m == SPIN:
            return [ret(None, note="still running its own code")]
        if m == BEGIN:
            # A spawned child unpickles its arguments: a primitive whose named semaphores its
            # creator has unlinked meanwhile cannot be rebuilt (FileNotFoundError).
            spec = dict(self.session.births[self.locals.info[entry.key].origin[1]].spec)
            gone = tuple(sorted(o for o in spec.get("rebuilds", ()) if o in world.unlinked))
            return [ret(gone, note="starts")]
        if m == "sleep":
            return [ret(None)]
        if m == "random":
            return [ret(i, note=f"value {i + 1} of {op.args[0]}") for i in range(op.args[0])]
        if m == "active":
            return [ret(tuple(e.ident for e in world.procs if e.parent == entry.ident and e.exitcode is None))]
        if m == "wait":  # multiprocessing.connection.wait: connections and process sentinels
            specs, timeout = op.args
            ready = tuple(i for i, spec in enumerate(specs) if self._ready(world, view, spec))
            if ready or timeout is not None:
                return [ret(ready, note="" if ready else "times out" if timeout else "")]
            return []
        child = _find(world.procs, op.target)
        if m == "start":
            return [ret(None, [("spawn", op.args[0])], "starts")]
        if m == "poll":
            return [ret(child.exitcode if child else None)]
        if m == "join":
            if child is not None and child.exitcode is not None:
                return [ret(child.exitcode, note="returns")]
            if op.args[0] is not None:
                return [ret(None, note="times out")]
            return []
        if m == "terminate":
            if child is None or child.exitcode is not None:
                return [ret(None)]
            signum = -op.args[0]
            sigterm = self.locals.info[child.key].sigterm if signum == SIGTERM else "default"
            if sigterm == "ignore":
                return [ret(None, note="it ignores SIGTERM")]
            if sigterm == "handler":
                return [ret(None, [("signal", op.target, signum)], "sends SIGTERM to its handler")]
            return [ret(None, [("kill", op.target, op.args[0])], "kills it")]
        raise ValueError(m)

    @staticmethod
    def _ready(world, view, spec) -> bool:
        """Is one object of a ``connection.wait`` ready: ("conn", oid, end) or ("proc", ident)?"""
        if spec[0] == "conn":
            return pipe.ready(view[spec[1]], spec[2])
        return _find(world.procs, spec[1]).exitcode is not None

    # -- applying -----------------------------------------------------------------------------
    def _apply(self, world, entry, op, alt, out):
        prims = dict(world.prims)
        procs = list(world.procs)
        unlinked = set(world.unlinked)
        segments = []
        errors = []
        for key, *rest in out.updates:
            if key == "spawn":
                spec = rest[0]
                birth_id = self.session.child_birth(spec, entry.key)
                unborn = self.locals.unborn(birth_id)
                _put(procs, ProcEntry(spec["ident"], unborn, None, None, spec["daemon"], entry.ident))
                self._inherit(prims, entry.ident, spec)
                seg = self._silent_begin(unborn, spec)
                if seg is not None:
                    segments.append((spec["ident"], seg))
                    self._create(prims, seg, unlinked)
                    _put(procs, ProcEntry(spec["ident"], seg.key, None, None, spec["daemon"], entry.ident))
            elif key == "kill":
                _end(procs, prims, rest[0], rest[1])
            elif key == "signal":
                k = _index(procs, rest[0])
                procs[k] = procs[k]._replace(pending=procs[k].pending | {rest[1]})
            else:
                prims[key] = rest[0]
        k = _index(procs, entry.ident)
        if out.kind == "continue":
            procs[k] = entry._replace(phase=out.value)
        else:
            rkey = ("ret", out.value) if out.kind == "return" else out.value
            seg = self.locals.advance(entry.key, rkey)
            segments.insert(0, (entry.ident, seg))
            self._create(prims, seg, unlinked)
            procs[k] = entry._replace(key=seg.key, phase=None)
        for ident, seg in segments:
            if seg.error is not None:
                errors.append((ident, seg.error))
            self._end_if_done(procs, prims, ident)
        new = World(tuple(procs), tuple(sorted(prims.items())), frozenset(unlinked))
        step = Step(entry.ident, alt, op, entry.phase, out.kind, out.value, out.note,
                    tuple(segments), tuple(errors))
        return Move(entry.ident, alt, new, step)

    def _signal(self, world, entry, op, signum, alt):
        """The process runs its handler for ``signum`` where it waits: if the handler returns,
        the operation goes on (in the same step of it); if it raises, the operation is left."""
        procs = list(world.procs)
        prims = dict(world.prims)
        unlinked = set(world.unlinked)
        seg = self.locals.advance(entry.key, ("signal", signum))
        k = _index(procs, entry.ident)
        same_op = self.locals.info[seg.key].op[:2] == op[:2] and seg.error is None
        procs[k] = entry._replace(key=seg.key, pending=entry.pending - {signum},
                                  phase=entry.phase if same_op else None)
        self._create(prims, seg, unlinked)
        errors = [(entry.ident, seg.error)] if seg.error is not None else []
        self._end_if_done(procs, prims, entry.ident)
        sig_op = Op(None, "signal", (signum,), "[SIGTERM handler]", op.loc)
        step = Step(entry.ident, alt, sig_op, entry.phase, "return", None,
                    "runs its handler", ((entry.ident, seg),), tuple(errors))
        return Move(entry.ident, alt, World(tuple(procs), tuple(sorted(prims.items())),
                                            frozenset(unlinked)), step)

    def _silent_begin(self, unborn, spec):
        """A started child's first run, when nobody could tell whether it ran at ``start()`` or
        later: it prints nothing, does not end, and (spawn) rebuilds no primitive whose creator
        could unlink it meanwhile.  Then it runs at once (it commutes with every other move);
        otherwise its ``begin`` is a move of its own."""
        if spec.get("rebuilds"):
            return None
        seg = self.locals.advance(unborn, ("ret", ()))
        if seg.out or self.locals.info[seg.key].done is not None:
            return None
        return seg

    def _feed(self, world, entry, oid, state, note, error, alt):
        prims = dict(world.prims)
        prims[oid] = state
        procs = list(world.procs)
        out = ((entry.ident, _Output((("stderr", error),))),) if error else ()
        op = Op(oid, "feed", (), "{} feeder", ("", 0))
        step = Step(entry.ident, alt, op, None, "continue", None, note, out, (), True)
        return Move(entry.ident, alt, World(tuple(procs), tuple(sorted(prims.items())), world.unlinked), step)

    def _inherit(self, prims, parent, spec):
        """Give a new child its copies of pipe ends: all of the parent's under fork, the ones
        passed to it under spawn."""
        child = spec["ident"]
        if spec["kind"] == "fork":
            for oid, s in list(prims.items()):
                if type(s) is pipe.PipeState:
                    for end in (0, 1):
                        if parent in s.holders[end]:
                            s = pipe.give(s, end, child)
                    prims[oid] = s
        for oid, end in spec.get("ends", ()):
            prims[oid] = pipe.give(prims[oid], end, child)

    def _end_if_done(self, procs: list, prims: dict, ident):
        """If the code of ``ident`` (its exit handlers included) has just ended, it is gone."""
        entry = procs[_index(procs, ident)]
        done = self.locals.info[entry.key].done
        if done is not None and entry.exitcode is None:
            _end(procs, prims, ident, done[0])

    def _create(self, prims: dict, seg, unlinked: set):
        for effect in seg.effects:
            if effect[0] == "unlink":
                unlinked.add(effect[1])
            else:
                prims[effect[1]] = effect[2]
                self.session.note_created(effect[1], effect[2])


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
