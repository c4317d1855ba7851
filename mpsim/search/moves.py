"""The move memo: a process's operation on a primitive, remembered by what it reads.

Most moves of a search are a process taking one step of an operation on a primitive and running
its own code up to the next one: they read the process's local state and a few primitives'
states, and change only those.  Such a move is the same in every world where those are the same,
so ``MoveMemo`` remembers, per process state (local state key, phase of its operation) and
states of the primitives the state machine read, the operation's outcomes and, for each
outcome, what taking it changes (``Delta``) - and applies that to later worlds by replacing
the process's entry and the changed primitives, without running the world's rules again.

A move is remembered only when it is plain: no child killed or signalled, no process ended, no
clock read, no deadline set or passed, no named semaphore unlinked - otherwise the world's rules
(``world.Rules._apply``) run every time.  A ``start()`` is plain if it changes no primitive and
its child is born plain as well (forked: a spawned one is starting up until a time); it is taken
from the memo only in worlds without pipes (a forked child inherits the pipe ends its parent
holds).  Which primitives a state machine read is
recorded as it runs (``_Reads``), so the memo needs no list of what each operation reads; a
state machine that reads different primitives in different states is remembered per variant.
``tests/test_differential.py`` checks searches with and without the memo agree.
"""
from __future__ import annotations

import bisect
from typing import NamedTuple

from ..primitives import module_for, pipe


class Delta(NamedTuple):
    """What a plain move changes: the mover's entry, some primitives; its step for traces."""

    key: int
    phase: object
    changed: tuple  # ((oid, new state), ...) of primitives that existed: the pairs of the new world
    created: tuple  # ((oid, state), ...) of primitives its code made
    step: object  # world.Step (the same in every world)
    numbers: tuple  # ((oid, part number of the new pair), ...) of ``changed`` (store.Parts)
    entries: dict  # part number of the mover's entry before -> after (filled in as met)
    born: tuple = ()  # part numbers of the entries of the children it started


class _Reads(dict):
    """A world's primitives as a state machine sees them, noting which it looked at."""

    __slots__ = ("read",)

    def __init__(self, view):
        super().__init__(view)
        self.read = []

    def __getitem__(self, oid):
        self.read.append(oid)
        return dict.__getitem__(self, oid)


ENABLED = True  # tests switch the memo off to compare (tests/test_differential.py)


class MoveMemo:
    """Keys are part numbers (search/store.py ``Parts``) of the world ``look_at`` was given: the
    mover's entry and the primitives read."""

    def __init__(self, rules):
        self.rules = rules
        self.enabled = ENABLED
        self._outcomes = {}  # (entry, target pair) -> [(other oids read, {their pairs: found})]
        self._own = {}  # (entry, unlinked) -> (outcomes, deltas) of a BEGIN or SPIN
        self._layout = None  # the prims tuple _positions belongs to
        self._positions = {}
        self._code = self._numbers = None  # of the world looked at
        self._base = 0  # the position of its first primitive in ``_numbers``
        self._replace = rules.parts.replace
        self._pipes = None  # (world, whether it has pipes): the last world asked
        from ..world import Move  # world.py imports this module
        self._move = Move

    def look_at(self, world):
        """The world whose moves are asked for next."""
        if self.enabled:
            self._code, self._numbers = self.rules.parts.numbers(world)
            self._base = 1 + self._numbers[0]
            self._where(world)

    def outcomes(self, view, index, entry, op):
        """(the outcomes of ``entry``'s pending operation on a primitive, their deltas): the
        deltas list is filled in as moves are taken (None: not known yet, False: not plain)."""
        if not self.enabled:
            return module_for(view[op.target]).step(view, op.target, entry.ident, op.method,
                                                    op.args, entry.phase), None
        numbers, base, where = self._numbers, self._base, self._positions
        k = (numbers[1 + index], numbers[base + where[op.target]])
        variants = self._outcomes.get(k)
        if variants is not None:
            for others, table in variants:
                found = table.get(tuple([numbers[base + where[o]] for o in others]) if others
                                  else ())
                if found is not None:
                    return found
        reads = _Reads(view)
        outs = module_for(view[op.target]).step(reads, op.target, entry.ident, op.method, op.args,
                                                entry.phase)
        others = tuple(dict.fromkeys(o for o in reads.read if o != op.target))
        found = (outs, [None] * len(outs))
        if variants is None:
            variants = self._outcomes[k] = []
        for known, table in variants:
            if known == others:
                break
        else:
            table = {}
            variants.append((others, table))
        table[tuple([numbers[base + where[o]] for o in others])] = found
        return found

    def own(self, world, index, entry, outcomes, view, op):
        """(the outcomes of an operation whose outcomes depend only on the process and on which
        named semaphores are gone (a child's first run, a process spinning), their deltas);
        ``outcomes(world, view, entry, op)`` works them out."""
        if not self.enabled:
            return outcomes(world, view, entry, op), None
        k = (self._numbers[1 + index], self._numbers[-2])
        found = self._own.get(k)
        if found is None:
            outs = outcomes(world, view, entry, op)
            found = self._own[k] = (outs, [None] * len(outs))
        return found

    def _where(self, world) -> dict:
        """oid -> its position in ``world.prims`` (the last world's, kept while it is asked)."""
        if self._layout is not world.prims:
            self._layout = world.prims
            self._positions = {oid: k for k, (oid, _) in enumerate(world.prims)}
        return self._positions

    def move(self, world, index, entry, op, alt, out, deltas):
        """The move of ``entry`` (at ``index`` in ``world.procs``) taking outcome ``alt``: if it
        is known, as the code of its world (its ``World`` is made only if asked for)."""
        d = deltas[alt]
        if not d:
            move = self.rules._apply(world, entry, op, alt, out)
            if d is None:
                deltas[alt] = delta(world, index, move, self.rules.parts) or False
            return move
        if d.created:
            return self._create(world, index, entry, alt, d)
        if d.born and self._with_pipes(world):
            return self.rules._apply(world, entry, op, alt, out)
        numbers = self._numbers
        before = numbers[1 + index]
        after = d.entries.get(before)
        if after is None:
            after = d.entries[before] = self.rules.parts.number(_entry(entry, d))
        changes = [(1 + index, after)]
        if d.numbers:
            where = self._positions
            base = self._base
            for oid, n in d.numbers:
                changes.append((base + where[oid], n))
        if d.born:
            code = self._birth(index, after, d.born)
            if code is None:
                return self.rules._apply(world, entry, op, alt, out)
        else:
            code = self._replace(self._code, changes)
        return self._move(entry.ident, alt, None, d.step, code, self.rules.parts)

    def _birth(self, index, after, born) -> bytes | None:
        """The code of the world looked at with the entry at ``index`` now ``after`` and the
        children ``born`` added among the processes (in the order of their idents); None if
        it has a process of a child's ident already."""
        numbers = list(self._numbers)
        n = numbers[0]
        procs = numbers[1:1 + n]
        procs[index] = after
        parts = self.rules.parts.parts
        for child in born:
            ident = parts[child].ident
            idents = [parts[e].ident for e in procs]
            k = bisect.bisect(idents, ident)
            if k and idents[k - 1] == ident:
                return None
            procs.insert(k, child)
        return self.rules.parts.pack([len(procs), *procs, *numbers[1 + n:]])

    def _with_pipes(self, world) -> bool:
        if self._pipes is None or self._pipes[0] is not world:
            self._pipes = (world, any(type(s) is pipe.PipeState for _, s in world.prims))
        return self._pipes[1]

    def _create(self, world, index, entry, alt, d: Delta):
        """A move whose code makes primitives: the world itself (the primitives' order moves)."""
        procs = list(world.procs)
        procs[index] = _entry(entry, d)
        prims = world.prims
        if d.changed:
            where = self._where(world)
            prims = list(prims)
            for pair in d.changed:
                prims[where[pair[0]]] = pair
            prims = tuple(prims)
        note = self.rules.session.note_created
        for oid, state in d.created:
            note(oid, state)
        prims = tuple(sorted(prims + d.created))
        return self._move(entry.ident, alt, world._replace(procs=tuple(procs), prims=prims), d.step)


def _entry(entry, d: Delta):
    """The mover's entry after a plain move (it has started up if it moves)."""
    return entry._replace(key=d.key, phase=d.phase, exitcode=None, deadline=None, starts_by=None)


def delta(world, index, move, parts) -> Delta | None:
    """What ``move`` changed in ``world``, if it is plain (see the module's docstring)."""
    after = move.world
    step = move.step
    if after.clock != world.clock or after.unlinked != world.unlinked or step.errors:
        return None
    idents = {e.ident for e in world.procs}
    kept = [e for e in after.procs if e.ident in idents]
    born = [e for e in after.procs if e.ident not in idents]
    if len(kept) != len(world.procs):
        return None
    for k, (old, new) in enumerate(zip(world.procs, kept)):
        if k != index and old is not new and old != new:
            return None
    old, new = world.procs[index], kept[index]
    if (new.exitcode is not None or new.deadline is not None or new.pending != old.pending
            or new.ident != old.ident):
        return None
    if any(e.exitcode is not None or e.deadline is not None or e.pending or e.starts_by is not None
           for e in born):
        return None  # (a spawned child's start-up ends at a time: world.START_UP)
    before = dict(world.prims)
    changed, created = [], []
    for oid, state in after.prims:
        if oid not in before:
            created.append((oid, state))
        elif before[oid] is not state and before[oid] != state:
            changed.append((oid, state))
    if len(after.prims) - len(created) != len(world.prims):
        return None  # a primitive went away
    if born and (changed or created):
        return None
    return Delta(new.key, new.phase, tuple(changed), tuple(created), step,
                 tuple((pair[0], parts.number(pair)) for pair in changed), {},
                 tuple(map(parts.number, born)))
