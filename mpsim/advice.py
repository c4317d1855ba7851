"""Why a finding happens and how to fix it, in the program's own names and lines.

Every finding gets ``why`` - one sentence that names the processes, objects and source lines
involved - and ``fix`` - one concrete change to the program.  Both are read off the run itself:
the world's steps (who acquired what where, who notified before whom, who read a value that
another process then wrote) and its final state (who holds what, who waits for what).

* Deadlocks follow the wait-for graph: a cycle of locks (take them in one order), a lock that its
  own holder asks for again (RLock, or do not take it twice), a lock held by a process that has
  exited (release in ``finally``), a notify that came before the wait (a lost wake-up), an event
  nobody sets, a barrier short of parties, a queue joined before it is drained, a JoinableQueue
  whose items were never marked done, two processes that both send before they receive, a
  child nobody ends.
* Exceptions: each misuse of a primitive that CPython reports (``MISUSES``: its exact message, as
  docs/semantics.md lists them) has its own why and fix; for the program's own errors (a failed
  ``assert``) the trace is searched for the cause: a lost update (a read and a write of the same
  shared value with another process's write in between), a semaphore released more often than
  acquired, a timeout that expired.
* Non-termination: polling for a change that never comes, or a loop with no way out that another
  process waits for (a stop signal, or a daemon).
"""
from __future__ import annotations

import pickle
import re
from typing import NamedTuple

from .i18n import N_, _, ngettext
from .primitives import module_for
from .primitives.condition import CondState
from .primitives.event import EventState
from .primitives.managed import ManagedState
from .primitives.pipe import PipeState
from .primitives.pool import PoolState
from .primitives.queue import QueueState
from .primitives.semlock import SemState
from .primitives.shared import SharedState
from .trace import location, naming, op_text
from .world import is_process_target


class Advice(NamedTuple):
    why: str
    fix: str


class Run:
    """A finding's run, for the sentences about it: the world steps and the final world."""

    def __init__(self, rules, steps, world):
        self.rules = rules
        self.session = rules.session
        self.steps = steps
        self.world = world
        self.prims = dict(world.prims)
        self.name = naming(self.session, world)

    def proc(self, ident) -> str:
        return self.session.name(ident)

    def obj(self, oid) -> str:
        return self.session.name(oid)

    def where(self, loc) -> str:
        return location(self.session, loc) or _("its start-up")

    def op(self, op) -> str:
        return op_text(self.session, op, call=True)

    def entry(self, ident):
        return next((e for e in self.world.procs if e.ident == ident), None)

    def exited(self, ident) -> bool:
        e = self.entry(ident)
        return e is not None and e.exitcode is not None

    def moves(self):
        """(index, step) for every move of the run (not the start)."""
        return [(i, s) for i, s in enumerate(self.steps) if s.op is not None]

    def acquired_at(self, ident, oid):
        """Where ``ident`` last took lock ``oid`` (directly, or through ``with``), or None."""
        loc = None
        for _, s in self.moves():
            if s.ident == ident and s.op.target == oid and s.op.method == "acquire" \
                    and s.kind == "return" and s.value is True:
                loc = s.op.loc
            if s.ident == ident and s.op.target in self._guarded(oid) and s.kind == "return" \
                    and s.op.method == "wait" and s.note:
                loc = loc or s.op.loc
        return loc

    def _guarded(self, oid):
        return {k for k, st in self.prims.items() if isinstance(st, CondState) and st.lock == oid}

    def exited_at(self, ident):
        """The line of the last operation ``ident`` performed before it ended."""
        loc = None
        for _, s in self.moves():
            if s.ident == ident and s.op.loc[1]:
                loc = s.op.loc
        return loc


# -- deadlocks ----------------------------------------------------------------------------------

def deadlock(rules, steps, world) -> Advice:
    run = Run(rules, steps, world)
    stuck = [e for e in world.procs if e.exitcode is None]
    graph = {e.ident: _waits_on(run, e) for e in stuck}
    cycle = _find_cycle({i: w for i, (w, _) in graph.items()})
    if cycle:
        return _cycle(run, cycle)
    # No cycle: follow the chain of waits from the first stuck process to one that waits for
    # something no process will ever do, and explain that one.
    ident = stuck[0].ident
    chain = [ident]
    while graph[ident][0] and graph[ident][0][0] in graph and graph[ident][0][0] not in chain:
        ident = graph[ident][0][0]
        chain.append(ident)
    root = run.entry(chain[-1])
    why, fix = _stuck(run, root, graph[root.ident][1])
    lead = ", ".join(_link(run, a, b, graph[a][1]) for a, b in zip(chain, chain[1:]))
    return Advice(_("{chain}, and {why}").format(chain=lead, why=why) if lead else why, fix)


def _link(run, waiter, other, op) -> str:
    if is_process_target(op.target) and op.method == "join":
        return _("{waiter} waits for {process} to finish").format(
            waiter=run.proc(waiter), process=run.proc(other))
    return _("{waiter} waits in {op} at {line} for {process}").format(
        waiter=run.proc(waiter), op=run.op(op), line=run.where(op.loc), process=run.proc(other))


def _waits_on(run, entry):
    """(the processes ``entry`` waits for, in order of importance; its operation)."""
    op = run.rules.op_of(entry)
    if is_process_target(op.target):
        return ([op.target] if op.method == "join" else []), op
    state = run.prims[op.target]
    mod = module_for(state)
    who = [h for h in mod.holders(state) if h != entry.ident]
    lock = getattr(state, "lock", None)
    if lock is not None and entry.phase and entry.phase[0] == "reacquire":
        who = [h for h in module_for(run.prims[lock]).holders(run.prims[lock]) if h != entry.ident]
    return [w for w in who if not run.exited(w)], op


def _find_cycle(graph):
    for start in graph:
        seen = [start]
        node = start
        while True:
            nxt = [w for w in graph.get(node, []) if w in graph]
            if not nxt:
                break
            node = nxt[0]
            if node in seen:
                return seen[seen.index(node):]
            seen.append(node)
    return None


def _cycle(run, cycle) -> Advice:
    entries = [run.entry(i) for i in cycle]
    ops = [run.rules.op_of(e) for e in entries]
    if all(not is_process_target(op.target) and isinstance(run.prims[op.target], SemState)
           for op in ops):
        return _lock_order(run, entries, ops)
    if all(not is_process_target(op.target) and isinstance(run.prims[op.target], PipeState)
           and op.method.startswith("send") for op in ops):
        return _both_send(run, entries, ops)
    names = " → ".join(run.proc(i) for i in cycle + cycle[:1])
    parts = _("; ").join(_("{process} waits in {op} at {line}").format(
        process=run.proc(e.ident), op=run.op(op), line=run.where(op.loc)) for e, op in zip(entries, ops))
    return Advice(_("Each process in the cycle {cycle} waits for the next ({waits}), so none can "
                    "ever move: a deadlock").format(cycle=names, waits=parts),
                  _("Break the cycle: make one of these processes finish or release what the "
                    "next one waits for before it waits itself ({waits}).").format(waits=parts))


def _lock_order(run, entries, ops) -> Advice:
    """Each process holds a lock the next one wants: the locks are taken in different orders."""
    held = []
    for e, op in zip(entries, ops):
        mine = [oid for oid, st in run.prims.items() if isinstance(st, SemState)
                and e.ident in module_for(st).holders(st) and oid != op.target]
        first = mine[0] if mine else None
        held.append((e.ident, first, run.acquired_at(e.ident, first) if first else None, op))
    clauses = _("; ").join(_("{process} holds {held} (taken at {taken}) and waits for {wanted} at "
                          "{line}").format(process=run.proc(i), held=run.obj(h),
                                           taken=run.where(t), wanted=run.obj(op.target),
                                           line=run.where(op.loc))
                        for i, h, t, op in held if h is not None)
    why = _("{clauses}: each waits for a lock another one holds, so none can ever move - a "
            "deadlock").format(clauses=clauses)
    order = _first_taken(run)
    inverted = [(i, h, t, op) for i, h, t, op in held if h is not None
                and order.get(h, 0) > order.get(op.target, 0)]
    if not inverted:
        return Advice(why, _("Take the locks in one order in every process."))
    i, h, t, op = inverted[0]
    names = ", ".join(run.obj(oid) for oid in sorted(order, key=order.get)
                      if any(oid in (x[1], x[3].target) for x in held))
    fix = _("Take the locks in one order in every process ({order}): {process} takes {held} at "
            "{taken} and then {wanted} at {line} - make it take {wanted} first, then "
            "{held}.").format(order=names, process=run.proc(i), held=run.obj(h),
                              taken=run.where(t), wanted=run.obj(op.target),
                              line=run.where(op.loc))
    return Advice(why, fix)


def _first_taken(run) -> dict:
    """lock oid -> the index of the step that first acquired it in this run."""
    order = {}
    for i, s in run.moves():
        if s.op.method == "acquire" and s.kind == "return" and s.value is True:
            order.setdefault(s.op.target, i)
    return order


def _both_send(run, entries, ops) -> Advice:
    who = _(" and ").join(run.proc(e.ident) for e in entries)
    lines = _(" and ").join(_("{op} at {line}").format(op=run.op(op), line=run.where(op.loc))
                            for op in ops)
    return Advice(
        _("{who} both send before they receive ({lines}); the messages are larger than the "
          "pipe's buffer, so each send waits for the other side to read - which it never "
          "does").format(who=who, lines=lines),
        _("Let one side receive before it sends (e.g. {process} calls recv() before its "
          "{op} at {line}), or send smaller messages.").format(
            process=run.proc(entries[-1].ident), op=run.op(ops[-1]), line=run.where(ops[-1].loc)))


def _stuck(run, entry, op):
    """(why, fix) for a process that waits for something no process will ever do."""
    me = run.proc(entry.ident)
    line = run.where(op.loc)
    if is_process_target(op.target):
        if op.method == "join":  # waits for a child that has nothing left to wait for
            return (_("{child} never finishes").format(child=run.proc(op.target)),
                    _("Make {child} finish before {process} joins it.").format(
                        child=run.proc(op.target), process=me))
        return (_("{process} waits in {op} at {line} and nothing will ever be ready").format(
            process=me, op=run.op(op), line=line),
            _("Close the connections nobody writes to (so recv() sees the end) or give "
              "{op} a timeout.").format(op=run.op(op)))
    state = run.prims[op.target]
    obj = run.obj(op.target)
    if getattr(op, "within", None):
        return _barrier(run, entry, op)
    if isinstance(state, SemState):
        return _lock_wait(run, entry, op, state)
    if isinstance(state, CondState):
        return _cond_wait(run, entry, op)
    if isinstance(state, EventState):
        return (_("{process} waits in {op} at {line}, and no process will ever set {event} "
                  "again").format(process=me, op=run.op(op), line=line, event=obj),
                _("Make sure the process {process} waits for calls {event}.set() - also when it "
                  "fails (in a `finally:`) - or wait with a timeout: {event}.wait(timeout).")
                .format(process=me, event=obj))
    if isinstance(state, QueueState):
        return _queue_wait(run, entry, op, state)
    if isinstance(state, PipeState):
        return (_("{process} waits in {op} at {line}, and no process will ever send on the "
                  "other end, nor close it").format(process=me, op=run.op(op), line=line),
                _("Send what {process} waits for, or close every copy of the other end (the "
                  "parent's too, after start()) so that {op} raises EOFError.").format(
                    process=me, op=run.op(op)))
    if isinstance(state, PoolState) and state.dead is not None:
        return (_("{process} waits in {op} at {line}, but the pool's result-handler thread died "
                  "unpickling a result ({error}), so no result reaches it any more").format(
                    process=me, op=run.op(op), line=line, error=state.dead),
                _("Make what the tasks return or raise unpickle as it was pickled: an exception "
                  "class whose __init__ takes other arguments than it passes to "
                  "Exception.__init__ needs a __reduce__ that returns them (return type(self), "
                  "followed by the tuple of __init__'s arguments), or pass every argument to "
                  "super().__init__."))
    return (_("{process} waits in {op} at {line} ({obj}: {state}) and no process will ever wake "
              "it").format(process=me, op=run.op(op), line=line, obj=obj,
                           state=module_for(state).describe(state, run.name)),
            _("Make sure some process does what {op} at {line} waits for.").format(
                op=run.op(op), line=line))


def _lock_wait(run, entry, op, state):
    me = run.proc(entry.ident)
    lock = run.obj(op.target)
    line = run.where(op.loc)
    holders = module_for(state).holders(state)
    if entry.ident in holders and op.method == "acquire":
        taken = run.acquired_at(entry.ident, op.target)
        return (_("{process} already holds {lock} (taken at {taken}) and asks for it again at "
                  "{line}: a {kind} is not re-entrant, so it waits for itself forever").format(
                    process=me, lock=lock, taken=run.where(taken), line=line, kind=state.kind),
                _("Use an RLock (multiprocessing.RLock()) for {lock} if {process} must take it "
                  "again while holding it, or do not acquire it again at {line}.").format(
                    lock=lock, process=me, line=line))
    gone = [h for h in holders if run.exited(h)]
    if gone:
        owner = gone[0]
        taken = run.acquired_at(owner, op.target)
        return (_("{owner} took {lock} at {taken} and exited without releasing it, so "
                  "{process}'s {op} at {line} can never succeed").format(
                    owner=run.proc(owner), lock=lock, taken=run.where(taken), process=me,
                    op=run.op(op), line=line),
                _("Release {lock} on every path out of {owner}: `with {lock}:` around the work "
                  "at {taken}, or `try: ... finally: {lock}.release()`.").format(
                    lock=lock, owner=run.proc(owner), taken=run.where(taken)))
    if state.kind.endswith(("Semaphore",)):
        return (_("{process} waits in {op} at {line} for a slot of {sem}, and no process will "
                  "ever release one").format(process=me, op=run.op(op), line=line, sem=lock),
                _("Release {sem} once for every acquire, on every path: `with {sem}:` around "
                  "the work.").format(sem=lock))
    return (_("{process} waits in {op} at {line}, and no process will ever release {lock}")
            .format(process=me, op=run.op(op), line=line, lock=lock),
            _("Release {lock} on every path: `with {lock}:` around the work that takes it.")
            .format(lock=lock))


def _cond_wait(run, entry, op):
    me = run.proc(entry.ident)
    cond = run.obj(op.target)
    line = run.where(op.loc)
    began = None
    for i, s in run.moves():
        if s.ident == entry.ident and s.op.target == op.target and s.op.method == "wait" \
                and s.kind == "continue" and s.phase is None:
            began = i
    early = [s for i, s in run.moves() if s.op.target == op.target and
             s.op.method in ("notify", "notify_all") and (began is None or i < began)]
    fix = _("Check the state under the lock, in a loop: `with {cond}: while not <the state "
            "{process} waits for>: {cond}.wait()`, and change that state under the same lock "
            "before notify().").format(cond=cond, process=me)
    if early:
        n = early[-1]
        return (_("{notifier}'s {notify} at {notify_line} came before {process} began to wait "
                  "at {line}, so nobody is left to wake {process}: a lost wake-up").format(
                    notifier=run.proc(n.ident), notify=run.op(n.op),
                    notify_line=run.where(n.op.loc), process=me, line=line), fix)
    return (_("{process} waits in {op} at {line} and no process will call {cond}.notify() "
              "any more").format(process=me, op=run.op(op), line=line, cond=cond), fix)


def _barrier(run, entry, op):
    face = op.within[0]
    barrier = run.obj(face)
    waiting = [e for e in run.world.procs if e.exitcode is None
               and getattr(run.rules.op_of(e), "within", None) and run.rules.op_of(e).within[0] == face]
    callers = {s.ident for _, s in run.moves() if getattr(s.op, "within", None)
               and s.op.within[0] == face}
    names = ", ".join(run.proc(e.ident) for e in waiting)
    return (ngettext("{names} waits in {barrier}.wait() at {line}, and no other process will "
                     "ever arrive: {barrier} needs more parties than the {count} process that "
                     "calls its wait()",
                     "{names} wait in {barrier}.wait() at {line}, and no other process will "
                     "ever arrive: {barrier} needs more parties than the {count} processes that "
                     "call its wait()", len(callers)).format(
                names=names, barrier=barrier, line=run.where(op.loc), count=len(callers)),
            _("Create the barrier for the processes that really wait at it, "
              "multiprocessing.Barrier({count}), or start as many processes as it has "
              "parties.").format(count=len(callers)))


def _queue_wait(run, entry, op, state):
    me = run.proc(entry.ident)
    q = run.obj(op.target)
    line = run.where(op.loc)
    if op.method == "join_thread":
        joiner = next((e for e in run.world.procs if e.exitcode is None and e.ident != entry.ident
                       and run.rules.op_of(e).method == "join"
                       and run.rules.op_of(e).target == entry.ident), None)
        joined = (_(" while {parent} waits in {op} at {line}").format(
            parent=run.proc(joiner.ident), op=run.op(run.rules.op_of(joiner)),
            line=run.where(run.rules.op_of(joiner).loc)) if joiner else "")
        return (_("{process} cannot exit before its feeder thread has written everything it "
                  "put into {queue} into the pipe, and the pipe is full because nobody reads "
                  "{queue}{joined}").format(process=me, queue=q, joined=joined),
                _("Drain the queue before joining: get every item {process} puts into {queue} "
                  "before {op}.").format(process=me, queue=q,
                                         op=run.op(run.rules.op_of(joiner)) if joiner else "join()"))
    if op.method == "join":  # JoinableQueue.join
        getters = sorted({s.ident for _, s in run.moves() if s.op.target == op.target
                          and s.op.method == "get" and s.kind == "return"})
        got = ", ".join(run.proc(g) for g in getters) or _("the consumer")
        where = next((s.op.loc for _, s in run.moves() if s.op.target == op.target
                      and s.op.method == "get" and s.kind == "return"), op.loc)
        return (_("{process} waits in {op} at {line} until every item put into {queue} is "
                  "marked done, and {unfinished} never will be: task_done() is not called")
                .format(process=me, op=run.op(op), line=line, queue=q, unfinished=state.unfinished),
                _("Call {queue}.task_done() once for every item {getter} gets from {queue} (after "
                  "handling the item got at {line}).").format(queue=q, getter=got,
                                                              line=run.where(where)))
    if op.method.startswith("put"):
        return (_("{process} waits in {op} at {line}: {queue} is full and no process will "
                  "ever get from it").format(process=me, op=run.op(op), line=line, queue=q),
                _("Get the items from {queue} in another process while {process} puts them, or "
                  "make the queue larger.").format(queue=q, process=me))
    return (_("{process} waits in {op} at {line}, and no process will ever put into {queue} "
              "again").format(process=me, op=run.op(op), line=line, queue=q),
            _("Tell {process} when to stop: put one sentinel (e.g. None) into {queue} for each "
              "process that gets from it, and stop when it comes - or make {process} a daemon.")
            .format(process=me, queue=q))


# -- exceptions ---------------------------------------------------------------------------------

class Misuse(NamedTuple):
    why: str  # {process}, {obj}, {op}, {line}
    fix: str


# CPython's messages for the misuse of a primitive (docs/semantics.md), each with its why and fix.
# Keys are the exact "Type: message" line, or a regular expression for messages with an address.
MISUSES = {
    "AssertionError: attempt to release recursive lock not owned by thread": Misuse(
        N_("{process} released {obj} at {line}, but {obj} is an RLock that {process} does not "
           "hold: only the process that acquired an RLock may release it"),
        N_("Release {obj} in the process that acquired it (`with {obj}:` does so), or use a "
           "plain Lock if another process must release it.")),
    "ValueError: semaphore or lock released too many times": Misuse(
        N_("{process} released {obj} at {line} when it was not held (or already at its bound): "
           "it was released more times than it was acquired"),
        N_("Release {obj} exactly once for each acquire: `with {obj}:` around the work instead "
           "of separate acquire() and release() calls.")),
    "AssertionError: must acquire() condition before using wait()": Misuse(
        N_("{process} called {op} at {line} without holding the condition's lock"),
        N_("Call wait() inside `with {obj}:`, in a loop on the state it waits for: `with {obj}: "
           "while not <state>: {obj}.wait()`.")),
    "AssertionError: lock is not owned": Misuse(
        N_("{process} called {op} at {line} without holding the condition's lock"),
        N_("Call notify() inside `with {obj}:`, right after changing the state the waiters "
           "check.")),
    "RuntimeError: cannot wait on un-acquired lock": Misuse(
        N_("{process} called {op} at {line} without holding the condition's lock"),
        N_("Call wait() inside `with {obj}:`, in a loop on the state it waits for.")),
    "RuntimeError: cannot notify on un-acquired lock": Misuse(
        N_("{process} called {op} at {line} without holding the condition's lock"),
        N_("Call notify() inside `with {obj}:`.")),
    "RuntimeError: release unlocked lock": Misuse(
        N_("{process} released the manager's lock {obj} at {line} when it was not held"),
        N_("Release {obj} only while this process holds it, once per acquire: `with {obj}:` "
           "around the work.")),
    "RuntimeError: cannot release un-acquired lock": Misuse(
        N_("{process} released the manager's RLock {obj} at {line} without holding it"),
        N_("Release {obj} only in the process that acquired it: `with {obj}:` around the "
           "work.")),
    "ValueError: Semaphore released too many times": Misuse(
        N_("{process} released the manager's BoundedSemaphore {obj} at {line} more times than it "
           "was acquired"),
        N_("Pair each release of {obj} with an acquire before it (`with {obj}:` around the "
           "work), so that its count never goes above the bound it was created with.")),
    "ValueError: task_done() called too many times": Misuse(
        N_("{process} called {op} at {line} more times than items were put into {obj}"),
        N_("Call {obj}.task_done() exactly once per item got from {obj}, after handling it.")),
    "threading.BrokenBarrierError": Misuse(
        N_("{process}'s {op} at {line} found the barrier broken (a wait timed out, or the "
           "barrier was aborted or reset while processes waited)"),
        N_("Give {obj} exactly as many parties as processes call wait(), without a timeout that "
           "can expire first - or catch threading.BrokenBarrierError where a broken barrier is "
           "expected.")),
    "_queue.Empty": Misuse(
        N_("{process}'s {op} at {line} found {obj} empty and raised queue.Empty"),
        N_("Do not count on an item being there: block in get() (with a sentinel to stop), or "
           "catch queue.Empty at {line} and try again.")),
    "queue.Full": Misuse(
        N_("{process}'s {op} at {line} found {obj} full and raised queue.Full"),
        N_("Block in put() until a slot frees up, or catch queue.Full at {line} and retry "
           "later.")),
    "OSError: handle is closed": Misuse(
        N_("{process} used {obj} at {line} after closing it"),
        N_("Close {obj} only after the last {op}, in each process that uses it.")),
    "OSError: connection is read-only": Misuse(
        N_("{process} sent on {obj} at {line}, the read-only end of a one-way Pipe"),
        N_("With Pipe(duplex=False) the first end only receives and the second only sends: send "
           "on the other end, or use Pipe() for both directions.")),
    "OSError: connection is write-only": Misuse(
        N_("{process} received on {obj} at {line}, the write-only end of a one-way Pipe"),
        N_("With Pipe(duplex=False) the first end only receives and the second only sends: "
           "receive on the other end, or use Pipe() for both directions.")),
    "BrokenPipeError: [Errno 32] Broken pipe": Misuse(
        N_("{process} wrote to {obj} at {line} after every copy of the other end was closed"),
        N_("Keep the reading end open until the writer is done, or stop writing when the reader "
           "is gone (catch BrokenPipeError at {line}).")),
    "EOFError": Misuse(
        N_("{process}'s {op} at {line} found the other end of {obj} closed with nothing left to "
           "read"),
        N_("Send a last message that says 'done' and stop reading when it comes, or catch "
           "EOFError at {line}.")),
    "IndexError: invalid index": Misuse(
        N_("{process} indexed {obj} at {line} outside its length"),
        N_("Keep indexes of {obj} within range(len({obj})).")),
    "AssertionError: can only join a started process": Misuse(
        N_("{process} called {op} at {line} on a process it has not started"),
        N_("Call start() on the process before {op}.")),
    "AssertionError: cannot start a process twice": Misuse(
        N_("{process} called {op} at {line} on a process that was already started"),
        N_("Create a new Process object for each run; a process can be started only once.")),
    "AssertionError: process has already started": Misuse(
        N_("{process} set daemon at {line} after the process had started"),
        N_("Set daemon = True (or pass daemon=True) before start().")),
    "AssertionError: daemonic processes are not allowed to have children": Misuse(
        N_("{process}, a daemon, tried to start a process of its own at {line}"),
        N_("Start that process from a non-daemon process, or make {process} a non-daemon that "
           "its parent joins.")),
    "AssertionError: can only join a child process": Misuse(
        N_("{process} called {op} at {line} on a process it did not start"),
        N_("Only the parent joins a process: wait for it there, or signal its end with an "
           "Event or a queue.")),
    "AssertionError: can only test a child process": Misuse(
        N_("{process} called {op} at {line} on a process it did not start"),
        N_("Only the parent may ask is_alive(): tell the others through an Event or a queue.")),
    "ValueError: process object is closed": Misuse(
        N_("{process} used a Process object at {line} after close()"),
        N_("Call close() only when the process object is no longer needed.")),
    "AssertionError: group argument must be None for now": Misuse(
        N_("{process} passed a group argument at {line}"),
        N_("Leave out group= (or pass group=None); pass the target's arguments with args=.")),
    "RuntimeError: context has already been set": Misuse(
        N_("{process} called set_start_method() at {line} a second time"),
        N_("Call set_start_method() once, under `if __name__ == \"__main__\":`, or use "
           "get_context(method) where you need another method.")),
    "ValueError: Pool is still running": Misuse(
        N_("{process} called {op} at {line} while the pool still accepts tasks"),
        N_("Call close() (or terminate()) before join().")),
    "ValueError: Pool not running": Misuse(
        N_("{process} gave the pool a task at {line} after it was closed or terminated"),
        N_("Submit every task before close(), or inside the `with Pool(...)` block (which "
           "terminates the pool at its end).")),
    "ValueError: Number of processes must be at least 1": Misuse(
        N_("{process} created a Pool with no processes at {line}"),
        N_("Give the Pool at least one process (or leave out the number to use cpu_count()).")),
    "multiprocessing.context.TimeoutError": Misuse(
        N_("{process}'s {op} at {line} timed out before the result was ready"),
        N_("Wait without a timeout, or catch multiprocessing.TimeoutError at {line} and wait "
           "again.")),
    "FileNotFoundError: [Errno 2] No such file or directory": Misuse(
        N_("{process} could not rebuild a lock or event at {line}: under spawn its parent had "
           "already let it go (its named semaphore was unlinked) before the child unpickled it"),
        N_("Keep the primitive alive in the parent until the child has started using it: keep a "
           "reference and join() the child before the parent lets it go or exits.")),
    re.compile(r"ValueError: Queue .* is closed"): Misuse(
        N_("{process} used {obj} at {line} after close()"),
        N_("Call {obj}.close() only after this process's last put() or get().")),
    re.compile(r"AssertionError: Queue .* not closed"): Misuse(
        N_("{process} called {op} at {line} before closing the queue"),
        N_("Call {obj}.close() before {obj}.join_thread().")),
    re.compile(r"ValueError: .* not ready"): Misuse(
        N_("{process} asked a pool result at {line} whether it succeeded before it was ready"),
        N_("Call wait() or get() on the result first, or check ready() before successful().")),
    re.compile(r"ValueError: Cannot close a process while it is still running"): Misuse(
        N_("{process} called {op} at {line} on a process that was still running"),
        N_("join() (or terminate()) the process before close().")),
    re.compile(r"RuntimeError: \w+ objects should only be shared between processes through "
               r"inheritance"): Misuse(
        N_("{process} passed a lock, semaphore or event through a queue or pipe at {line}"),
        N_("Pass it to the child when it is created: Process(target=..., args=({obj},)).")),
}


# A manager's proxy raising what a lost connection raises: the manager had shut down.
MANAGER_GONE = Misuse(
    N_("{process}'s `{op}` at {line} could not reach the manager {obj} belongs to: the manager had "
       "already shut down (its `with Manager()` block had ended, or shutdown() was called)"),
    N_("Keep the manager running until every process that uses its proxies is done: join() them "
       "inside the `with multiprocessing.Manager() as manager:` block (or before shutdown())."))
_CONNECTION_LOST = ("FileNotFoundError", "BrokenPipeError", "ConnectionRefusedError",
                    "ConnectionResetError", "EOFError")


def misuse(error: str, op=None):
    """The MISUSES entry of an error line (raised by ``op``, when known), or None."""
    if op is not None and op.method == "call" and error.startswith(_CONNECTION_LOST):
        return MANAGER_GONE
    if error in MISUSES:
        return MISUSES[error]
    for key, value in MISUSES.items():
        if isinstance(key, re.Pattern) and key.match(error):
            return value
    return None


def exception(rules, steps, world, ident, error, loc) -> Advice:
    run = Run(rules, steps, world)
    me = run.proc(ident)
    line = run.where(loc)
    last = next((s for s in reversed(steps) if s.op is not None and s.ident == ident
                 and s.kind == "raise" and str(s.value) == error), None)
    entry = misuse(error, last.op if last is not None else None)
    if entry is not None and last is not None:
        obj = run.obj(last.op.target) if not is_process_target(last.op.target) else \
            run.proc(last.op.target) if last.op.target else ""
        values = dict(process=me, obj=obj, op=run.op(last.op), line=run.where(last.op.loc))
        return Advice(_(entry.why).format(**values), _(entry.fix).format(**values))
    died = _("{process} died of {error} at {line}").format(process=me, error=error, line=line)
    for cause in (_lost_update, _early_release, _over_release):
        found = cause(run, ident)
        if found is not None:
            why, fix = found
            return Advice(f"{died}: {why}", fix)
    if entry is not None:
        values = dict(process=me, obj="", op="", line=line)
        return Advice(_(entry.why).format(**values), _(entry.fix).format(**values))
    if error.startswith("AssertionError"):
        return Advice(
            _("{died}: on this schedule the state its assert checks is not what it expects - "
              "follow the steps above to see which process changed it when").format(died=died),
            _("Make the check and the updates it depends on happen in a fixed order: hold one "
              "lock over each update of the shared state, or wait for the other processes "
              "(join(), an Event, a Barrier) before the assert at {line}.").format(line=line))
    return Advice(
        _("{died}; an uncaught exception ends the process, and whatever it held stays "
          "held").format(died=died),
        _("Prevent or handle it at {line} (a try/except around what can fail), and release "
          "what the process holds in a `finally:`.").format(line=line))


def ignored_at_exit(rules, steps, world, ident, error, loc) -> Advice:
    """An ``atexit`` callback raised: CPython prints it and goes on; the callback's work is lost."""
    run = Run(rules, steps, world)
    line = run.where(loc)
    return Advice(
        _("An atexit callback of {process} raised {error} at {line} as the process exited; "
          "CPython prints it and runs the other callbacks, the exit code unchanged, but what the "
          "callback was to do is not done").format(process=run.proc(ident), error=error,
                                                    line=line),
        _("Handle what can fail in the callback at {line}, and register it only where it "
          "applies: an atexit.register at the top of the main module also runs in every child "
          "started by spawn, which imports that module again (register it under "
          "`if __name__ == \"__main__\":`).").format(line=line))


def exit_status(rules, steps, world, code) -> Advice:
    """The main program ended with a non-zero status of its own choosing (``sys.exit(1)``)."""
    run = Run(rules, steps, world)
    me = run.proc(())
    return Advice(
        _("{process} ended with exit status {code} on this run: the program itself reports a "
          "failure (a shell, CI or the caller sees it), without an uncaught exception").format(
            process=me, code=code),
        _("Follow the steps above to the output the program printed before exiting: it says "
          "which order of the processes led it to fail. If that order is possible but must not "
          "fail, make the processes agree on it (join(), a Queue, an Event) before the check."))


class _Access(NamedTuple):
    index: int
    ident: tuple
    key: tuple  # (oid, element)
    write: bool
    loc: tuple
    op: object
    value: object


def _accesses(run):
    out = []
    for i, s in run.moves():
        if s.kind != "return" or s.feeder:
            continue
        state = run.prims.get(s.op.target) if not is_process_target(s.op.target) else None
        if isinstance(state, SharedState) and s.op.method in ("get", "set"):
            index = s.op.args[0]
            value = s.value if s.op.method == "get" else s.op.args[1]
            out.append(_Access(i, s.ident, (s.op.target, index), s.op.method == "set", s.op.loc,
                               s.op, value))
        elif isinstance(state, ManagedState) and s.op.method == "call":
            name, data = s.op.args[0], s.op.args[1]
            if name in ("__getitem__", "get", "__getattribute__", "__setitem__", "__setattr__"):
                try:
                    args = pickle.loads(data)
                except Exception:  # noqa: BLE001 - an argument the controller cannot load
                    continue
                write = name.startswith("__set")
                value = args[1] if write and len(args) > 1 else _loaded(s.value)
                out.append(_Access(i, s.ident, (s.op.target, args[0] if args else None), write,
                                   s.op.loc, s.op, value))
    return out


def _loaded(data):
    try:
        return pickle.loads(data)
    except Exception:  # noqa: BLE001 - a value the controller cannot load
        return None


def _code(run, access) -> str:
    """How the program wrote the shared value: ``v.value``, ``arr[2]``, ``d['count']``."""
    oid, element = access.key
    if isinstance(run.prims[oid], ManagedState):
        return f"{run.obj(oid)}[{element!r}]"
    return op_text(run.session, access.op)


def _lost_update(run, ident):
    """A process read a shared value, another process then wrote it, and the first wrote back a
    value computed from its stale read: (why, fix), or None."""
    acc = _accesses(run)
    for k, read in enumerate(acc):
        if read.write:
            continue
        for m in range(k + 1, len(acc)):
            mine = acc[m]
            if mine.key != read.key or mine.ident != read.ident:
                continue
            if not mine.write:
                break
            other = next((a for a in acc[k + 1:m] if a.key == read.key and a.write
                          and a.ident != read.ident), None)
            if other is None:
                break
            return _lost_words(run, read, other, mine)
    return None


def _lost_words(run, read, other, write):
    oid, element = read.key
    state = run.prims[oid]
    obj = run.obj(oid)
    code = _code(run, read)
    why = _("{process} read {target} = {value} at {line}, then {other} wrote {target} = "
            "{other_value} at {other_line}, and {process} wrote back {new} computed from its "
            "stale read - {other}'s update was lost").format(
        process=run.proc(read.ident), target=code, value=repr(read.value),
        line=run.where(read.loc), other=run.proc(other.ident),
        other_value=repr(other.value), other_line=run.where(other.loc), new=repr(write.value))
    line = run.where(write.loc)
    if isinstance(state, SharedState):
        has_lock = read.op.args[-1] is not None
        if has_lock:
            fix = _("Make the read and the write one step under the value's own lock: `with "
                    "{obj}.get_lock(): {code} += 1` at {line} (for any update computed from "
                    "the old value).").format(obj=obj, code=code, line=line)
        else:
            fix = _("{obj} has no lock (lock=False or Raw...): create it with one, and do the "
                    "read and the write under it: `with {obj}.get_lock(): {code} += 1` at "
                    "{line}.").format(obj=obj, code=code, line=line)
        return why, fix
    return why, _("Hold one lock that every process shares (`lock = manager.Lock()`, passed to "
                  "each process) over the read and the write: `with lock: {code} += 1` at "
                  "{line}.").format(code=code, line=line)


def _early_release(run, ident):
    """Another process released a semaphore (or lock) while the change it had made under it to
    the value ``ident`` checked last still stood, and others then changed that value too:
    (why, fix), or None."""
    acc = _accesses(run)
    mine = [a for a in acc if a.ident == ident and not a.write]
    if not mine:
        return None
    key = mine[-1].key
    guard = mine[-1].op.args[-1] if isinstance(run.prims[key[0]], SharedState) else None
    held = {}  # (ident, sem) -> index of the acquire
    for i, s in run.moves():
        state = run.prims.get(s.op.target) if not is_process_target(s.op.target) else None
        if not isinstance(state, SemState) or s.op.target == guard or s.kind != "return":
            continue
        k = (s.ident, s.op.target)
        if s.op.method == "acquire" and s.value is True:
            held[k] = i
        elif s.op.method == "release" and k in held and s.ident != ident:
            start = held.pop(k)
            wrote = [a for a in acc if a.ident == s.ident and a.key == key and a.write
                     and start < a.index < i]
            later = [a for a in acc if a.key == key and a.write and a.index > i]
            if wrote and later and all(a.ident != s.ident for a in later):
                sem = run.obj(s.op.target)
                return (_("{process} released {sem} at {line} while the change it made under it "
                          "({code} at {write_line}) still stood, so {others} got in and changed "
                          "{code} too").format(
                            process=run.proc(s.ident), sem=sem, line=run.where(s.op.loc),
                            code=_code(run, mine[-1]), write_line=run.where(wrote[-1].loc),
                            others=", ".join(dict.fromkeys(run.proc(a.ident) for a in later))),
                        _("Release {sem} only when {process} has finished the work it guards - "
                          "once, at the end: `with {sem}:` around the whole section instead of "
                          "the release at {line}.").format(sem=sem, process=run.proc(s.ident),
                                                           line=run.where(s.op.loc)))
    return None


def _over_release(run, ident):
    """A process released a semaphore more often than it acquired it: (why, fix), or None."""
    balance = {}
    for _index, s in run.moves():
        state = run.prims.get(s.op.target) if not is_process_target(s.op.target) else None
        if not isinstance(state, SemState) or state.kind.endswith("Lock") or s.kind != "return":
            continue
        key = (s.ident, s.op.target)
        if s.op.method == "acquire" and s.value is True:
            balance[key] = balance.get(key, 0) + 1
        elif s.op.method == "release":
            balance[key] = balance.get(key, 0) - 1
            if balance[key] < 0:
                releases = [x.op.loc for _, x in run.moves() if x.ident == s.ident
                            and x.op.target == s.op.target and x.op.method == "release"]
                sem = run.obj(s.op.target)
                return (_("{process} released {sem} more often than it acquired it (at {lines}), "
                          "so {sem} let one more process in than it has slots").format(
                            process=run.proc(s.ident), sem=sem,
                            lines=", ".join(run.where(loc) for loc in releases)),
                        _("Release {sem} exactly once per acquire - `with {sem}:` around the "
                          "work - and make it a BoundedSemaphore, which raises at an extra "
                          "release instead of adding a slot.").format(sem=sem))
    return None


# -- non-termination ----------------------------------------------------------------------------

READS = {"is_set", "get", "qsize", "empty", "poll", "get_value", "peek", "is_mine", "full"}


def nontermination(rules, steps, world, movers, cycle_from) -> Advice:
    run = Run(rules, steps, world)
    loop = [s for s in steps[cycle_from:] if s.op is not None]
    loopers = ", ".join(run.proc(i) for i in sorted(movers))
    first = next((s for s in loop if s.op.loc[1]), loop[0] if loop else None)
    line = run.where(first.op.loc) if first is not None else ""
    waiting = [e for e in world.procs if e.exitcode is None and e.ident not in movers]
    polls = [s for s in loop if s.op.method in READS or s.op.method == "sleep"]
    if loop and len(polls) == len(loop) and any(s.op.method in READS for s in loop):
        read = next(s for s in loop if s.op.method in READS)
        return Advice(
            _("{loopers} keeps polling {op} at {line} for a change that no process will ever "
              "make, so the program never ends").format(loopers=loopers, op=run.op(read.op),
                                                         line=run.where(read.op.loc)),
            _("Make the process that {loopers} waits for make the change (e.g. set the event), "
              "and block instead of polling: {obj}.wait() rather than a loop on {op}.").format(
                loopers=loopers, obj=run.obj(read.op.target), op=run.op(read.op)))
    joiners = [e for e in waiting if run.rules.op_of(e).method == "join"
               and run.rules.op_of(e).target in movers]
    if joiners:
        j = joiners[0]
        child = run.proc(run.rules.op_of(j).target)
        at_exit = not run.rules.op_of(j).loc[1]
        why = (_("{child}'s loop at {line} never ends, and {parent} waits for it to finish "
                 "(at its exit, because {child} is not a daemon)") if at_exit else
               _("{child}'s loop at {line} never ends, and {parent} waits for it to finish in "
                 "{op} at {join_line}")).format(
            child=child, line=line, parent=run.proc(j.ident), op=run.op(run.rules.op_of(j)),
            join_line=run.where(run.rules.op_of(j).loc))
        return Advice(why, _("Make {child} a daemon ({child}.daemon = True before start()) so "
                             "that it ends with {parent}, or give its loop at {line} a way out "
                             "(a stop Event that {parent} sets before it joins).").format(
            child=child, parent=run.proc(j.ident), line=line))
    return Advice(
        _("{loopers} loops forever at {line}: no run from here reaches the end of the program")
        .format(loopers=loopers, line=line),
        _("Give the loop at {line} a way out: a bound on its rounds, or a stop Event that "
          "another process sets.").format(line=line))
