"""Data races: accesses to the same shared data that nothing in the program orders.

A *race* is two operations of different processes on one ``Value``, ``Array``, ``RawValue``,
``RawArray`` or manager object (operations declared ``data``, ``primitives/declare.py``) such that

* nothing the program does orders them: in some reachable state both processes stand at them,
  so either may go first; and
* their order matters: done one way round and the other, some process gets a different result or
  the object ends in a different state (two reads never race; nor do writes of different cells
  of an Array, or of different keys of a manager dict, or two writes of the same value); and
* they are not both atomic updates (two ``append`` calls on a manager's list: no update is lost,
  and the orders they allow are listed in the possible outcomes, ``outcomes.py``).

The lock a synchronized ``Value`` or ``Array`` takes around each single access does not count
(an access that waits only for that lock is still standing at its access): it makes each access
atomic, but it does not order one process's read-then-write against another's.  Only the
program's own synchronisation counts - ``with v.get_lock():`` around both, join, an Event, a
Queue or Pipe message, a Barrier, ``start()``: each of them keeps the two processes from
standing at their accesses at the same time.

Why "co-enabled in a reachable state" rather than vector clocks over synchronising edges: the
check is a property of one world state (the two pending operations and the object's state), so it
is exactly as correct as the state graph, and state merging cannot hide a race - every reachable
state is explored once, whatever path reached it.  Vector clocks are a property of a path: a
search that merges states would miss a race seen only on a second path into a merged state,
unless the clocks' abstraction (for each process, which accesses it has not synchronised with)
became part of the state and multiplied it.  The check costs one pass over the explored states
after the search (measured: about 1% of the search's time on models/increments.py -- 3 3
unlocked; the pass tries the two orders of each pair of pending accesses on the object's pure
state machine, no process runs).  What it does not report: a pair ordered only through another
race (a flag polled with ``while not flag.value``, then the data it guards: only the flag's race
is reported; with the flag fixed, the rest is ordered too).

Each distinct race is reported once per pair of source lines, with the shortest run that brings
both processes to their accesses, followed where the explored graph allows by the lost update
the race allows (one reads, the other writes, the first writes back) and the shortest way from
there to the end of the program.
"""
from __future__ import annotations

import pickle
from collections import deque
from typing import NamedTuple

from .findings import Violation, label_timing, schedule_of
from .i18n import _
from .primitives import module_for, shared
from .primitives.declare import READ, UPDATE
from .session import named_as_searched
from .trace import final_states, follow, location, op_text, readable, walk_back
from .world import is_process_target

CANDIDATES = 5  # sites tried per pair of lines for a lost update, shallowest first
RUN_ON = 40  # moves a process may make on its own between its read and its write-back


class Pending(NamedTuple):
    ident: tuple
    op: object  # search.local.Op


class Site(NamedTuple):
    """A reachable state in which two processes stand at conflicting accesses."""

    node: int
    first: Pending
    second: Pending


def pending_accesses(rules, world) -> list:
    """The live processes that stand at an access to shared data (guarding lock or not)."""
    prims = dict(world.prims)
    return [p for p in (_at_access(rules, e, prims) for e in world.procs) if p is not None]


def _at_access(rules, e, prims) -> Pending | None:
    """The access to shared data process entry ``e`` stands at, if it does."""
    if e.exitcode is not None or e.phase is not None:
        return None
    op = rules.op_of(e)
    if is_process_target(op.target) or op.target not in prims:
        return None
    decl = module_for(prims[op.target]).OPS.get(op.method)
    return Pending(e.ident, op) if decl is not None and decl.data else None


def _access(view, p: Pending):
    """(outcome, view after it) of ``p``'s access done now."""
    out = module_for(view[p.op.target]).access(view, p.op.target, p.ident, p.op.method, p.op.args)
    if not out.updates:
        return out, view
    after = dict(view)
    after.update(out.updates)
    return out, after


def _same(a, b) -> bool:
    """Equal values of an object or a result (a manager's pickles compared unpickled)."""
    if a == b:
        return True
    pa, pb = (getattr(x, "data", x) for x in (a, b))
    if isinstance(pa, bytes) and isinstance(pb, bytes):
        try:
            return pickle.loads(pa) == pickle.loads(pb)
        except Exception:  # noqa: BLE001 - not comparable: different
            return False
    return False


def conflict(view, a: Pending, b: Pending) -> bool:
    """Does the order of ``a`` and ``b`` on their object matter?"""
    oid = a.op.target
    ra1, v1 = _access(view, a)
    rb1, v12 = _access(v1, b)
    rb2, v2 = _access(view, b)
    ra2, v21 = _access(v2, a)
    return not (ra1.kind == ra2.kind and _same(ra1.value, ra2.value) and rb1.kind == rb2.kind
                and _same(rb1.value, rb2.value) and _same(v12[oid], v21[oid]))


def kind(view, p: Pending) -> str:
    """READ, WRITE or UPDATE (``primitives/declare.py``)."""
    return module_for(view[p.op.target]).kind(p.op.method, p.op.args)


def writes(view, p: Pending) -> bool:
    """Is ``p`` a write (it may change its object), or only a read?"""
    return kind(view, p) != READ


def signature(a: Pending, b: Pending) -> tuple:
    return ("race", tuple(sorted((a.op.loc, b.op.loc))))


def find(search) -> dict:
    """signature -> up to CANDIDATES sites, shallowest first."""
    found = {}
    seen = {}  # (object state, op a, op b) -> conflict?
    worlds = search.worlds
    entry = worlds.parts.parts
    accessing = {}  # process entry's part number -> whether it stands at an access (the kind of
    #                 an object never changes, so this is the same in every world)
    order = sorted(range(len(worlds)), key=search.depth.__getitem__)  # stable: by state
    for s in order:
        numbers = worlds.entries(s)
        if any(n not in accessing for n in numbers):
            prims = dict(worlds[s].prims)
            for n in numbers:
                accessing[n] = _at_access(search.rules, entry[n], prims) is not None
        if sum(accessing[n] for n in numbers) < 2:
            continue
        for a, b in racing(search.rules, worlds[s], seen,
                           lambda a, b: len(found.get(signature(a, b), ())) < CANDIDATES):
            found.setdefault(signature(a, b), []).append(Site(s, a, b))
    return found


def racing(rules, world, seen, wanted=lambda a, b: True):
    """The pairs of pending accesses of ``world`` that race (``wanted`` ones only); ``seen``
    remembers which (object state, access, access) conflict."""
    pending = pending_accesses(rules, world)
    if len(pending) < 2:
        return
    view = dict(world.prims)
    for i, a in enumerate(pending):
        for b in pending[i + 1:]:
            if a.op.target != b.op.target or kind(view, a) == kind(view, b) == UPDATE:
                continue
            if not wanted(a, b):
                continue
            key = _memo_key((view[a.op.target], _args(view, a), _args(view, b)))
            hit = seen.get(key)
            if hit is None:
                hit = seen[key] = conflict(view, a, b)
            if hit:
                yield a, b


def _memo_key(key):
    """``key``, or its pickle when it holds what cannot be hashed (a slice assignment's list and
    slice: ``arr[0:3] = [...]``)."""
    try:
        hash(key)
    except TypeError:
        return pickle.dumps(key)
    return key


def _args(view, p):
    """What decides an access's effect besides its object: its call, and a manager's state."""
    extra = view.get(p.op.args[2]) if p.op.method == "call" else None
    return (p.op.method, p.op.args[:-1] if p.op.method != "call" else p.op.args[:2], extra)


def violations(search, known=()) -> list:
    """One race Violation per pair of source lines (skipping signatures in ``known``)."""
    found = find(search)
    out = []
    for sig, sites in sorted(found.items(), key=lambda kv: (search.depth[kv[1][0].node], kv[0])):
        if sig not in known:
            out.append((sig, build(search, sites)))
    return out


# -- the finding ------------------------------------------------------------------------------------

class _Story(NamedTuple):
    site: Site
    moves: list  # Moves after the site's state
    lost: tuple | None  # (reader, writer, write-back Pending, the writer's update entirely lost?)
    reads: tuple  # (Pending, value read) of the reader, for the words


@named_as_searched
def build(search, sites) -> Violation:
    rules = search.rules
    session = search.session
    story = None
    for site in sites:
        story = _lost_update_story(search, site)
        if story is not None:
            break
    if story is None:
        story = _plain_story(search, sites[0])
    site = story.site
    choices = search.path(site.node) + [(m.ident, m.alt) for m in story.moves]
    end = story.moves[-1].world if story.moves else search.worlds[site.node]
    choices += to_end(search, end)
    steps, world = follow(rules, choices)
    trace = readable(session, steps, fold=True)
    view = dict(search.worlds[site.node].prims)
    a, b = site.first, site.second
    if writes(view, a) and not writes(view, b):
        a, b = b, a  # the reader first
    access = {p.ident: ("write" if writes(view, p) else "read") for p in (a, b)}
    obj = session.name(a.op.target)
    la, lb = location(session, a.op.loc), location(session, b.op.loc)
    title = _title(access[a.ident] == "write", la == lb).format(
        obj=obj, first=session.name(a.ident), second=session.name(b.ident), line=la, other_line=lb)
    why = _why(session, view, story, obj) + " " + _atomic_words(view, a)
    v = Violation("race", title, session.name(a.ident), None, schedule_of(search, choices),
                  choices, trace, why, final_states(session, world, steps),
                  fix=_fix(view, a, b, obj, location(session, b.op.loc)))
    v.accesses = [{"process": session.name(p.ident), "access": access[p.ident],
                   "location": location(session, p.op.loc), "op": op_text(session, p.op)}
                  for p in (a, b)]
    label_timing(v, session, steps)
    return v


def _title(first_writes: bool, one_line: bool) -> str:
    """The title's message: the first access a write or a read, both at one line or not."""
    if one_line:
        return (_("Race on {obj}: {first} writes it and {second} writes it at {line}, with nothing "
                  "ordering them") if first_writes else
                _("Race on {obj}: {first} reads it and {second} writes it at {line}, with nothing "
                  "ordering them"))
    return (_("Race on {obj}: {first} writes it at {line}, {second} writes it at {other_line}, "
              "with nothing ordering them") if first_writes else
            _("Race on {obj}: {first} reads it at {line}, {second} writes it at {other_line}, "
              "with nothing ordering them"))


def _why(session, view, story, obj) -> str:
    name = session.name
    if story.lost is not None:
        reader, writer, back, whole = story.lost
        r, value = story.reads
        kind = _update_kind(value, writer, back)
        what = (_("one increment is lost") if kind == "increment" else
                _("one decrement is lost") if kind == "decrement" else
                _("{writer}'s update is lost").format(writer=name(writer.ident)))
        if not whole:
            what = _("{writer}'s write is overwritten").format(writer=name(writer.ident))
        return _("{reader} reads {obj} at {line} (`{read}` → {value}), {writer} writes it at "
                 "{writer_line} (`{write}`) before {reader} writes back at {back_line} "
                 "(`{back}`): {what}.").format(
            reader=name(r.ident), obj=obj, line=location(session, r.op.loc),
            read=op_text(session, r.op), value=_shown(value), writer=name(writer.ident),
            writer_line=location(session, writer.op.loc), write=op_text(session, writer.op),
            back_line=location(session, back.op.loc), back=op_text(session, back.op), what=what)
    a, b = story.site.first, story.site.second
    wa, wb = writes(view, a), writes(view, b)
    fields = dict(first=name(a.ident), a=op_text(session, a.op), a_line=location(session, a.op.loc),
                  second=name(b.ident), b=op_text(session, b.op),
                  b_line=location(session, b.op.loc), obj=obj)
    if wa and wb:
        return _("{first}'s `{a}` at {a_line} and {second}'s `{b}` at {b_line} both change {obj}, "
                 "in either order: how {obj} ends depends on the schedule.").format(**fields)
    reader = a if not wa else b
    writer = b if reader is a else a
    return _("{first}'s `{a}` at {a_line} and {second}'s `{b}` at {b_line} can happen in either "
             "order: {reader} reads {obj} before or after {writer} writes it, depending on the "
             "schedule.").format(reader=name(reader.ident), writer=name(writer.ident), **fields)


def _fix(view, a, b, obj, line) -> str:
    """One change that removes the race: one lock held over each process's whole update."""
    state = view[a.op.target]
    if type(state) is shared.SharedState:
        if a.op.args[-1] is None:
            return _("{obj} has no lock (RawValue, RawArray or lock=False): create it with one and "
                     "hold it over the read and the write in every process: `with "
                     "{obj}.get_lock(): ...` at {line}.").format(obj=obj, line=line)
        return _("Hold {obj}'s own lock over the read and the write in every process: `with "
                 "{obj}.get_lock(): ...` at {line} (or order the accesses: join(), an Event, a "
                 "Queue).").format(obj=obj, line=line)
    return _("Hold one lock every process shares (`lock = manager.Lock()`, passed to each "
             "process) over the read and the write of {obj} at {line}.").format(obj=obj, line=line)


def _atomic_words(view, p) -> str:
    state = view[p.op.target]
    if type(state) is shared.SharedState:
        if p.op.args[-1] is None:
            return _("A RawValue or RawArray (or lock=False) has no lock: only the program's own "
                     "synchronisation orders its accesses.")
        return _("The lock a Value or Array takes for each single access makes that access "
                 "atomic; it does not order one process's accesses against another's.")
    return _("Each call on a manager's proxy is one atomic request to the server; nothing orders "
             "one process's calls against another's.")


def _update_kind(value, writer, back) -> str | None:
    """"increment"/"decrement" when both writes add the same step to the value read."""
    w, b = _written(writer.op), _written(back.op)
    if not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (value, w, b)):
        return None
    if w == b and w != value:
        return "increment" if w > value else "decrement"
    return None


def _written(op):
    """The value a plain write writes (``v.value = x``, ``d[k] = x``, ``ns.a = x``), or None."""
    if op.method == "set":
        return op.args[1]
    try:
        args = pickle.loads(op.args[1])
    except Exception:  # noqa: BLE001 - not a value we can show
        return None
    if op.args[0] in ("__setitem__", "__setattr__") and len(args) == 2:
        return args[1]
    if op.args[0] == "set" and len(args) == 1:
        return args[0]
    return None


def _read(step):
    value = step.value
    if isinstance(value, bytes) and step.op.method == "call":
        try:
            return pickle.loads(value)
        except Exception:  # noqa: BLE001
            return value
    return value


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _explored(search):
    todo = set(getattr(search, "todo", ()))
    return lambda world: (search.index.get(world) is not None
                          and search.index[world] not in todo)


def _move(rules, world, ident, op=None):
    """The move of ``ident``'s own operation (``op`` if given) from ``world``, or None."""
    for m in rules.moves(world):
        if m.ident == ident and not m.step.feeder and (op is None or m.step.op == op) \
                and m.alt >= 0:
            return m
    return None


def _lost_update_story(search, site) -> _Story | None:
    """From the site: one reads, the other writes, the first writes back - if the explored
    graph has that run."""
    rules = search.rules
    explored = _explored(search)
    world = search.worlds[site.node]
    view = dict(world.prims)
    a, b = site.first, site.second
    for reader, writer in ((a, b), (b, a)):
        if writes(view, reader) or not writes(view, writer):
            continue
        m1 = _move(rules, world, reader.ident, reader.op)
        if m1 is None or not explored(m1.world):
            continue
        m2 = _move(rules, m1.world, writer.ident, writer.op)
        if m2 is None:
            continue
        moves = [m1, m2]
        here = m2.world
        for _ in range(RUN_ON):
            if not explored(here):
                break
            mine = [p for p in pending_accesses(rules, here) if p.ident == reader.ident]
            if mine and mine[0].op.target == reader.op.target:
                back = mine[0]
                if not writes(dict(here.prims), back):
                    break
                m3 = _move(rules, here, back.ident, back.op)
                if m3 is None:
                    break
                oid = reader.op.target
                alone = _access(dict(m1.world.prims), back)[1]
                whole = _same(alone[oid], dict(m3.world.prims)[oid])
                return _Story(site, moves + [m3], (reader, writer, back, whole),
                              (reader, _read(m1.step)))
            m = _move(rules, here, reader.ident)
            if m is None:
                break
            moves.append(m)
            here = m.world
    return None


def _plain_story(search, site) -> _Story:
    """The two accesses one after the other, in the first order the explored graph has."""
    rules = search.rules
    explored = _explored(search)
    world = search.worlds[site.node]
    for first, second in ((site.first, site.second), (site.second, site.first)):
        m1 = _move(rules, world, first.ident, first.op)
        if m1 is None or not explored(world):
            continue
        m2 = _move(rules, m1.world, second.ident, second.op) if explored(m1.world) else None
        return _Story(site, [m1] + ([m2] if m2 is not None else []), None, ())
    return _Story(site, [], None, ())


def to_end(search, world) -> list:
    """The shortest choices from ``world`` to an end of the program in the explored graph."""
    start = search.index.get(world)
    if start is None or not search.terminal:
        return []
    succ = search.successors()
    back = {start: None}
    queue = deque([start])
    while queue:
        s = queue.popleft()
        if s in search.terminal:
            return walk_back(back, s)
        for t, ident, alt in succ[s]:
            if t not in back:
                back[t] = (s, (ident, alt))
                queue.append(t)
    return []
