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

import signal
from typing import NamedTuple

from .errors import UnsupportedAPI
from .i18n import N_, Note
from .primitives import module_for, pipe, pool, processes, queue
from .primitives.base import ret
from .search.local import BEGIN, SPIN, Op
from .search.moves import MoveMemo
from .search.store import Parts

# Process operations whose outcomes depend on nothing but the process and the unlinked set.
_OWN = frozenset({BEGIN, SPIN, "start"})
_PROCESS = "process"  # other process operations (Rules._kind)
_PRIMITIVE = "primitive"  # operations on a primitive


def is_process_target(target) -> bool:
    """Process operations name a process ident (a tuple of ints) or nothing; primitives an oid."""
    return target is None or target == () or isinstance(target[0], int)


# The signals other processes send (terminate(), os.kill with the usual ones), whose disposition
# CPython leaves at its default when a process starts: a first run that changes one of them is not
# taken at start() (world.Rules._silent_begin).
_SENT = (signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2)
# How long a spawned child may take to start up before its first move (Rules._while_starting_up):
# a new interpreter and the main module's import, measured 40-200 ms on a 2-core Linux machine.
START_UP = 100_000_000  # ns


class ProcEntry(NamedTuple):
    ident: tuple
    key: int  # local state key in LocalStates
    phase: object  # progress of a multi-step operation; None when it has not begun
    exitcode: int | None  # set once the process has finished or was killed
    daemon: bool
    parent: tuple | None
    pending: frozenset = frozenset()  # signals sent to it that its handler has not run for yet
    deadline: int | None = None  # when its pending operation times out (clock ns); None: never
    starts_by: int | None = None  # a spawned child still starting up: its first move comes by then


class World(NamedTuple):
    procs: tuple  # ProcEntry, sorted by ident
    prims: tuple  # ((oid, state), ...), sorted by oid
    unlinked: frozenset = frozenset()  # primitives whose named semaphores are gone
    clock: int = 0  # virtual nanoseconds; 0 while no live process has read the clock (see _Next)


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
    elapsed: int = 0  # ns the clock moved on in this move (a jump to a deadline, reads)
    early: tuple | None = None  # untimed: (ns left to the deadline, idents that could move first)


class Move:
    """Process ``ident`` taking its choice ``alt``: the ``world`` it makes and its ``step``.  A
    move the memo made has only the world's ``code`` (search/store.py) until its world is asked
    for: most moves of a search lead to known states, whose worlds are never needed again."""

    __slots__ = ("ident", "alt", "step", "code", "_world", "_parts")

    def __init__(self, ident, alt, world, step, code=None, parts=None):
        self.ident, self.alt, self.step = ident, alt, step
        self._world, self.code, self._parts = world, code, parts

    @property
    def world(self) -> World:
        if self._world is None:
            self._world = self._parts.decode(self.code)
        return self._world


class _Output(NamedTuple):
    """Output a feeder thread printed (it runs no model code, so it has no Segment of its own)."""

    out: tuple
    error: None = None


NS = 1_000_000_000


def seconds(ns: int) -> float:
    return ns / NS


class _Next:
    """The world one move makes: processes, primitives and the clock as they change."""

    def __init__(self, rules, world: World, clock=None):
        self.rules = rules
        self.procs = list(world.procs)
        self.prims = dict(world.prims)
        self.unlinked = set(world.unlinked)
        self.clock = world.clock if clock is None else clock
        self.segments = []
        self.errors = []

    def run(self, ident, result, phase=None, pending=None, keep_deadline=False):
        """``ident`` takes ``result`` and runs its own code up to its next operation."""
        k = _index(self.procs, ident)
        entry = self.procs[k]
        seg = self.rules.locals.advance(entry.key, result, self.clock, self.rules.method)
        self.clock += seg.advanced  # reading the clock takes a little time
        self.create(seg, ident)
        deadline = entry.deadline if keep_deadline else self.rules.deadline(
            self.rules.op_of_key(seg.key), self.clock, self.prims)
        self.procs[k] = entry._replace(key=seg.key, phase=phase, deadline=deadline,
                                       pending=entry.pending if pending is None else pending)
        self.segments.append((ident, seg))
        if seg.error is not None:
            self.errors.append((ident, seg.error))
        self.end_if_done(ident)
        return seg

    def create(self, seg, ident):
        for effect in seg.effects:
            if effect[0] == "unlink":
                self.unlinked.add(effect[1])
            elif effect[0] == "pickled":  # its queue feeder pickled an item (Rules._feed)
                self.prims[effect[1]] = queue.pickled(self.prims[effect[1]], ident, effect[2])
            else:
                self.prims[effect[1]] = effect[2]
                self.rules.session.note_created(effect[1], effect[2])

    def end_if_done(self, ident):
        """If the code of ``ident`` (its exit handlers included) has just ended, it is gone."""
        entry = self.procs[_index(self.procs, ident)]
        done = self.rules.locals.info[entry.key].done
        if done is not None and entry.exitcode is None:
            _end(self.procs, self.prims, ident, done[0])

    def world(self) -> World:
        """The new world.  While no live process has read the clock, nothing can tell one
        moment from another: the clock is then kept at 0 and deadlines relative to it, so a
        loop that sleeps comes back to the same state.  (What a process that has ended read is
        gone with it; what it printed stays printed, and a later reading may be smaller.)"""
        clock = self.clock
        info = self.rules.locals.info
        # A deadline that has passed is only that (how long ago does not matter); a child whose
        # start-up time is over moves as any other.
        self.procs = [_passed(e, clock) for e in self.procs]
        if clock and not any(e.exitcode is None and info[e.key].clock_aware for e in self.procs):
            self.procs = [e._replace(deadline=None if e.deadline is None else e.deadline - clock,
                                     starts_by=None if e.starts_by is None else e.starts_by - clock)
                          for e in self.procs]
            clock = 0
        return World(tuple(self.procs), tuple(sorted(self.prims.items())), frozenset(self.unlinked),
                     clock)


class Rules:
    """World transitions for one session."""

    def __init__(self, session, method: str, timed=True):
        self.session = session
        self.locals = session.locals
        self.method = method  # the platform's default start method, for a program that asks
        self.timed = timed  # False: a timeout may expire whenever its operation would wait
        self.deferred = False  # a timed outcome waited for its deadline while others moved
        self.deferring = False  # ... in the last call of ``moves``
        self._births = {}  # parent's local state key at start() -> the child's unborn key
        self.parts = Parts(World)  # the numbering of world parts, for compact states
        self._kinds = {}  # local state key -> Rules._kind
        self.memo = MoveMemo(self)

    def initial(self):
        nxt = _Next(self, World((ProcEntry((), self.locals.unborn(self.session.main_birth()), None,
                                           None, False, None),), ()))
        seg = nxt.run((), ("ret", ()))
        return nxt.world(), Step((), 0, None, None, "return", None, "starts", (((), seg),),
                                 tuple(nxt.errors), elapsed=nxt.clock)

    def _unborn(self, spec, parent_key) -> int:
        """The local state key of the child a ``start`` from ``parent_key`` makes (the start's
        spec is part of the parent's local state, so the key is remembered per parent state)."""
        key = self._births.get(parent_key)
        if key is None:
            birth = self.session.child_birth(spec, parent_key, self.method)
            key = self._births[parent_key] = self.locals.unborn(birth)
        return key

    def op_of(self, entry: ProcEntry):
        return self.locals.info[entry.key].op

    def op_of_key(self, key):
        return self.locals.info[key].op

    def deadline(self, op, clock: int, prims: dict):
        """When ``op``, pending from ``clock`` on, times out (None: it waits for ever)."""
        if is_process_target(op.target):
            decl = processes.OPS.get(op.method)
        else:
            decl = module_for(prims[op.target]).OPS.get(op.method)
        if decl is None or decl.timeout is None or decl.timeout >= len(op.args):
            return None
        timeout = op.args[decl.timeout]
        if timeout is None:
            return None
        return clock + max(0, round(timeout * NS))

    def moves(self, world: World, time_passes=False) -> list:
        """Every move from ``world``.  A timed outcome (a timeout, the end of a sleep) is one
        only once the clock has reached its deadline; when nothing else can happen, the clock
        jumps to the first deadline (timed), or (untimed) any timeout may expire at once - one
        that expires while others could still move is marked ``early``.

        ``time_passes``: only the moves of the first deadline, as if the clock jumped now.  The
        search adds them where processes go round a loop that takes no time while a timeout is
        due (``while not flag.value: pass`` beside a ``sleep``): in CPython time passes while
        they loop.  ``deferring`` says whether the last call put a timed outcome off."""
        view = dict(world.prims)
        queues = [(oid, s) for oid, s in world.prims if type(s) is queue.QueueState and s.feeders]
        pools = [(oid, s) for oid, s in world.prims if type(s) is pool.PoolState and s.workers]
        ended = {e.ident: e.exitcode for e in world.procs if e.exitcode is not None} if pools else {}
        result = []
        waiting = []  # timed outcomes whose deadline the clock has not reached: (entry, op, alt, out)
        kinds = self._kinds
        memo = self.memo
        memo.look_at(world)
        for index, entry in enumerate(world.procs):
            if entry.exitcode is not None:
                continue
            kind = kinds.get(entry.key)
            if kind is None:
                kind = kinds[entry.key] = self._kind(entry.key)
            op, what = kind
            if what is _OWN:
                outs, deltas = memo.own(world, index, entry, self._proc_outcomes, view, op)
            elif what is _PROCESS:
                outs, deltas = self._proc_outcomes(world, view, entry, op), None
            else:
                try:
                    outs, deltas = memo.outcomes(view, index, entry, op)
                except UnsupportedAPI as exc:  # a primitive met what it does not model (managed.py)
                    raise self._unsupported(exc, op) from None
            alt = 0
            for out in outs:
                if out.timed and entry.deadline is not None and world.clock < entry.deadline:
                    waiting.append((entry, op, alt, out))
                elif deltas is None:
                    result.append(self._apply(world, entry, op, alt, out))
                else:
                    result.append(memo.move(world, index, entry, op, alt, out, deltas))
                alt += 1
            for oid, q in queues:
                for state, note, error in queue.feeder_moves(q, oid, entry.ident):
                    result.append(self._feed(world, entry, oid, state, note, error, alt))
                    alt += 1
            if entry.pending and op.method != BEGIN:  # a child not started yet: once it has
                for signum in sorted(entry.pending):
                    result.append(self._signal(world, entry, op, signum, alt))
                    alt += 1
            if entry.phase is None and op.method != BEGIN:
                for oid, p in pools:
                    out = pool.handler_move(p, oid, entry.ident, ended, self.session.name)
                    if out is not None:
                        result.append(self._apply(world, entry, _handler_op(oid), alt, out))
                        alt += 1
        self.deferring = bool(waiting and result)
        if time_passes:
            result = []
        if not waiting:
            return result
        if result and self.timed:
            result += self._while_starting_up(world, result, waiting)
        if result:
            self.deferred = True
            if not self.timed:  # each may expire now, before the others' moves
                ready = tuple(sorted({m.ident for m in result}))
                result += [self._apply(world, entry, op, alt, out, entry.deadline,
                                       (entry.deadline - world.clock, ready))
                           for entry, op, alt, out in waiting]
            return result
        # Nothing can happen before a deadline: the clock jumps to the first (timed), or to any
        # (untimed: one after the first is early, before the first one's process moves on).
        # A jump forced by ``time_passes`` is a choice of its own: ``passing(alt)``.
        first = min(entry.deadline for entry, *_ in waiting)
        firsts = tuple(sorted({entry.ident for entry, *_ in waiting if entry.deadline == first}))
        return [self._apply(world, entry, op, passing(alt) if time_passes else alt, out,
                            entry.deadline,
                            (entry.deadline - first, firsts) if entry.deadline > first else None)
                for entry, op, alt, out in waiting if not self.timed or entry.deadline == first]

    def _while_starting_up(self, world, result, waiting) -> list:
        """A spawned child takes a while to start up (a new interpreter imports the main module
        and unpickles its arguments: 40-200 ms measured on Linux): if only children still
        starting up could move, the clock may also reach the first deadline first (the parent's
        ``sleep(0.05)`` "head start" ends before the child's first move - every real spawn run)."""
        first = min(entry.deadline for entry, *_ in waiting)
        late = {e.ident for e in world.procs if e.starts_by is not None and e.starts_by >= first}
        if not all(m.ident in late for m in result):
            return []
        return [self._apply(world, entry, op, alt, out, entry.deadline)
                for entry, op, alt, out in waiting if entry.deadline == first]

    # -- outcomes -----------------------------------------------------------------------------
    def _kind(self, key) -> tuple:
        """(the operation pending at local state ``key``, what it is: ``_OWN``, ``_PROCESS``
        or ``_PRIMITIVE``)."""
        op = self.op_of_key(key)
        if op.method in _OWN:
            return op, _OWN
        return op, _PROCESS if is_process_target(op.target) else _PRIMITIVE

    def _unsupported(self, exc, op) -> UnsupportedAPI:
        """The error to raise for a primitive's UnsupportedAPI, with where ``op`` was called."""
        where = f"{self.session.model.shown(op.loc[0])}:{op.loc[1]}: " if op.loc[1] else ""
        return UnsupportedAPI(f"{where}{exc} is not modelled by mpsim yet")

    def _proc_outcomes(self, world, view, entry, op):
        m = op.method
        if m == SPIN:
            return [ret(None, note=N_("still running its own code"))]
        if m == BEGIN:
            # A spawned child unpickles its arguments: a primitive whose named semaphores its
            # creator has unlinked meanwhile cannot be rebuilt (FileNotFoundError).
            spec = dict(self.session.births[self.locals.info[entry.key].origin[1]].spec)
            gone = tuple(sorted(o for o in spec.get("rebuilds", ()) if o in world.unlinked))
            return [ret(gone, note=N_("starts"))]
        if m == "sleep":
            return [ret(None, timed=True)]
        if m == "random":
            drawn = N_("value {i} of {n}")
            return [ret(i, note=Note(drawn, i=i + 1, n=op.args[0])) for i in range(op.args[0])]
        if m == "active":
            return [ret(tuple(e.ident for e in world.procs if e.parent == entry.ident and e.exitcode is None))]
        if m == "wait":  # multiprocessing.connection.wait: connections and process sentinels
            specs, timeout = op.args
            ready = tuple(i for i, spec in enumerate(specs) if self._ready(world, view, spec))
            if ready or timeout is not None:
                if ready:
                    return [ret(ready)]
                return [ret(ready, note=N_("times out") if timeout else "", timed=True)]
            return []
        child = _find(world.procs, op.target)
        if m == "start":
            return [ret(None, [("spawn", op.args[0])], "starts")]
        if m == "poll":
            return [ret(child.exitcode if child else None)]
        if m == "join":
            if child is not None and child.exitcode is not None:
                return [ret(child.exitcode, note=N_("returns"))]
            if op.args[0] is not None:
                return [ret(None, note=N_("times out"), timed=True)]
            return []
        if m == "terminate":  # terminate(), kill(), os.kill(): args[0] is minus the signal number
            if child is None or child.exitcode is not None:
                return [ret(None)]
            signum = -op.args[0]
            action = processes.signal_action(self.locals.info[child.key].signals, signum)
            name = processes.signal_name(signum)
            ignores, sends = N_("it ignores {signal}"), N_("sends {signal} to its handler")
            if action == "ignore":
                return [ret(None, note=Note(ignores, signal=name))]
            if action == "handler":
                return [ret(None, [("signal", op.target, signum)], Note(sends, signal=name))]
            return [ret(None, [("kill", op.target, op.args[0])], "kills it")]
        raise ValueError(m)

    @staticmethod
    def _ready(world, view, spec) -> bool:
        """Is one object of a ``connection.wait`` ready: ("conn", oid, end) or ("proc", ident)?"""
        if spec[0] == "conn":
            return pipe.ready(view[spec[1]], spec[2])
        return _find(world.procs, spec[1]).exitcode is not None

    # -- applying -----------------------------------------------------------------------------
    def _apply(self, world, entry, op, alt, out, deadline=None, early=None):
        """``entry`` takes outcome ``out`` of ``op``; a timed one at its ``deadline`` (the clock
        moves there); ``early`` (untimed): (ns, idents) - the processes named could have moved
        first, and had to be held up for ns for this to happen."""
        nxt = _Next(self, world, None if deadline is None else max(world.clock, deadline))
        born = []
        for key, *rest in out.updates:
            if key == "spawn":
                spec = rest[0]
                starts_by = nxt.clock + START_UP if spec["kind"] == "spawn" else None
                _put(nxt.procs, ProcEntry(spec["ident"], self._unborn(spec, entry.key), None, None,
                                          spec["daemon"], entry.ident, starts_by=starts_by))
                self._inherit(nxt.prims, entry.ident, spec)
                born.append(spec)
            elif key == "kill":
                _end(nxt.procs, nxt.prims, rest[0], rest[1])
            elif key == "signal":
                k = _index(nxt.procs, rest[0])
                nxt.procs[k] = nxt.procs[k]._replace(pending=nxt.procs[k].pending | {rest[1]})
            else:
                nxt.prims[key] = rest[0]
        k = _index(nxt.procs, entry.ident)
        entry = nxt.procs[k] = entry._replace(starts_by=None)  # it has started up if it moves
        if out.kind == "continue":
            nxt.procs[k] = entry._replace(phase=out.value)
        else:
            result = ("ret", out.value) if out.kind == "return" else out.value
            nxt.run(entry.ident, result, keep_deadline=_same_again(out))
        for spec in born:
            self._silent_begin(nxt, spec)
        step = Step(entry.ident, alt, op, entry.phase, out.kind, out.value, out.note,
                    tuple(nxt.segments), tuple(nxt.errors), elapsed=nxt.clock - world.clock,
                    early=early)
        return Move(entry.ident, alt, nxt.world(), step)

    def _signal(self, world, entry, op, signum, alt):
        """The process runs its handler for ``signum`` where it waits: if the handler returns,
        the operation goes on (in the same step of it); if it raises, the operation is left."""
        nxt = _Next(self, world)
        seg = self.locals.advance(entry.key, ("signal", signum), world.clock, self.method)
        same_op = self.locals.info[seg.key].op[:2] == op[:2] and seg.error is None
        nxt.run(entry.ident, ("signal", signum), phase=entry.phase if same_op else None,
                pending=entry.pending - {signum}, keep_deadline=same_op)
        sig_op = Op(None, "signal", (signum,), f"[{processes.signal_name(signum)} handler]", op.loc)
        step = Step(entry.ident, alt, sig_op, entry.phase, "return", None, "runs its handler",
                    tuple(nxt.segments), tuple(nxt.errors), elapsed=nxt.clock - world.clock)
        return Move(entry.ident, alt, nxt.world(), step)

    def _silent_begin(self, nxt, spec):
        """A started child's first run, when nobody could tell whether it ran at ``start()`` or
        later: it prints nothing, does not end, sets no handler for a signal another process
        sends (``_SENT``: a ``terminate()`` that lands before it kills the child, one after it
        runs the handler) and (spawn) rebuilds no
        primitive whose creator could unlink it meanwhile.  Then it runs at once (it commutes with
        every other move); otherwise its ``begin`` is a move of its own."""
        if spec.get("rebuilds"):
            return
        entry = nxt.procs[_index(nxt.procs, spec["ident"])]
        seg = self.locals.advance(entry.key, ("ret", ()), nxt.clock, self.method)
        after = self.locals.info[seg.key]
        before = self.locals.info[entry.key].signals
        if seg.out or after.done is not None or any(
                processes.signal_action(before, s) != processes.signal_action(after.signals, s)
                for s in _SENT):
            return
        nxt.run(spec["ident"], ("ret", ()))

    def _feed(self, world, entry, oid, state, note, error, alt):
        nxt = _Next(self, world)
        op = Op(oid, "feed", (), "{} feeder", ("", 0))
        out = ()
        if state is None:  # it pickles the head of its buffer: in the process's memory, as it is
            waiting = self.op_of(entry)
            seg = nxt.run(entry.ident, ("feed", oid), phase=entry.phase, keep_deadline=True)
            if self.op_of_key(seg.key)[:2] != waiting[:2] or seg.error is not None:
                raise UnsupportedAPI(f"pickling an item of a queue made "
                                     f"{self.session.name(entry.ident)} leave the operation it "
                                     "waited in")
            out = tuple(nxt.segments)
            # Then it writes it - or, if it could not pickle it, prints the error and drops it.
            state, note, error = (queue.unpicklable(nxt.prims[oid], entry.ident)
                                  or queue.feeder_moves(nxt.prims[oid], oid, entry.ident)[0])
        if state is not None:
            nxt.prims[oid] = state
        if error:
            out += ((entry.ident, _Output((("stderr", error),))),)
        step = Step(entry.ident, alt, op, None, "continue", None, note, out, (), True)
        return Move(entry.ident, alt, nxt.world(), step)

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


def passing(alt: int) -> int:
    """The choice of outcome ``alt`` taken because the time passed while others looped (a
    negative number, so that it is never confused with the outcome taken in its own time)."""
    return -1 - alt


def _passed(e: ProcEntry, clock: int) -> ProcEntry:
    """``e`` at ``clock``: a deadline passed is at the clock, a start-up time over is none."""
    late = e.deadline is not None and e.deadline < clock
    started = e.starts_by is not None and e.starts_by < clock
    if late or started:
        return e._replace(deadline=clock if late else e.deadline,
                          starts_by=None if started else e.starts_by)
    return e


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


def _same_again(out) -> bool:
    """A pool's worker handler interrupts an operation that is then performed again: it keeps
    its deadline (in CPython the thread never interrupted it)."""
    return type(out.value) is pool.Maintain


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
