"""Partial-order reduction: a move no other process can tell from a later one is explored alone.

A process's ``start()`` of a child (under fork, the child's silent first run included: world.py
``_silent_begin``) and a child's own first run (``begin``; not that of a spawned or forkserver
child that rebuilds primitives from their names: it fails if their creator has ended and unlinked
them meanwhile) change nothing another process can see or change: no primitive (``search/moves.py`` ``delta``: the move is plain and changes no existing
primitive; a forked child that inherits pipe ends changes them, so it is not private), no clock,
no deadline, no output, no end - only the mover's own entry and the child's.  Another process's
operation reads none of that (only the parent holds the child's ``Process`` object), and the move
is always enabled (it has one outcome).  Such a move ``m`` is independent of every move of every
other process and invisible to every finding: interleaving it with the others only makes states
that differ in where the mover is, with the same futures up to the same orderings of everything
visible.  So where one is enabled, ``m`` alone is explored (an ample set of one move; Peled's
conditions C0-C2), the first such one in the order of the processes.

So is a ``join()`` of a child that has ended: it reads the child's exit code, which nothing can
change any more.

A ``begin`` or a ``start`` cannot be on a cycle (cycle proviso C3): a ``begin`` leaves a process
that never becomes unborn again, and a ``start`` adds a process of a new ident (the parent counts
its children in its own memory, which is in the state).  A ``join`` is not either as the facade
stands (a second ``join()`` of a joined child returns at once, without an operation, as in
CPython), but that is the facade's doing, not the join's: it is explored alone only when it leads
to a state not seen yet, so every cycle of the reduced graph would still have a state where every
move was explored.  So no process is
postponed forever, and the reduced graph keeps every deadlock and every end (with traces of the same length: an ample move
that leads to a deadlock must be on every run to it), every loop that cannot end, every output and
final value (outcomes), every race (two processes at conflicting accesses: the same positions
are reached with the private moves done first).

The one operation that can tell the two orders apart is a signal: ``terminate()``/``kill()`` of a
process before or after it starts a child (the child exists or never will).  A program that sends
one may do it anywhere, so once any process of the check has stood at a ``terminate``
(``LocalStates.terminates``) the reduced search stops (``Dependent``) and the search starts again
without reduction (``Search.run``); a later search of the same check does not reduce at all.  Strategies other
than breadth- and depth-first do not reduce; ``reduce=False`` / ``--no-reduce`` switches it off,
and ``tests/test_differential.py`` checks the same findings, outcomes and information either way.
"""
from __future__ import annotations

from .search.local import BEGIN
from .search.moves import delta

REDUCE = True  # the default (tests switch it off to compare)
PRIVATE = (BEGIN, "start")  # the operations whose moves may be private (and a join: ample)


class Dependent(Exception):
    """The reduced search met a move that may not commute with a private one."""

    def __init__(self, reason, t0):
        super().__init__(reason)
        self.reason = reason
        self.t0 = t0


class Reduction:
    """The ample sets of one search, and how many states they reduced."""

    def __init__(self, search):
        self.search = search
        self.rules = search.rules
        self.locals = search.session.locals
        self.reduced = 0  # states explored with one private move instead of all their moves

    def ample(self, s, moves, t0) -> list:
        """The moves to explore from state ``s``: one private move, or all of ``moves``."""
        op_of = self.rules.op_of_key
        candidate = None
        if self.locals.terminates:
            raise Dependent("terminate", t0)
        if len(moves) < 2:
            return moves
        world = self.search.worlds[s]
        if world.clock or any(e.deadline is not None or e.starts_by is not None or e.pending
                              for e in world.procs):
            return moves
        ended = None
        for index, entry in enumerate(world.procs):
            if entry.exitcode is not None:
                continue
            op = op_of(entry.key)
            if op.method in PRIVATE:
                if op.method == BEGIN and self._rebuilds(entry):
                    continue
                cyclic = False
            elif op.method == "join":
                if ended is None:
                    ended = {e.ident for e in world.procs if e.exitcode is not None}
                if op.target not in ended:
                    continue
                cyclic = True
            else:
                continue
            mine = [mv for mv in moves if mv.ident == entry.ident]
            if len(mine) == 1 and self._private(world, index, mine[0]) and (
                    not cyclic or self.search.worlds.state(self.search._code(mine[0])) is None):
                candidate = mine[0]
                break
        if candidate is None:
            return moves
        self.reduced += 1
        return [candidate]

    def _rebuilds(self, entry) -> bool:
        """Does this spawned or forkserver child rebuild primitives as it starts (its first run
        then fails if their creator has unlinked their named semaphores meanwhile: it depends on
        the creator's exit)?"""
        birth = self.search.session.births[self.locals.info[entry.key].origin[1]]
        return bool(dict(birth.spec).get("rebuilds"))

    def _private(self, world, index, mv) -> bool:
        if any(seg.out for _, seg in mv.step.segments):
            return False
        d = delta(world, index, mv, self.rules.parts)
        return d is not None and not d.changed
