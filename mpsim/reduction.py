"""Partial-order reduction: a move no other process can tell from a later one is explored alone.

A process's ``start()`` of a child (under fork, the child's silent first run included: world.py
``_silent_begin``) and a child's own first run (``begin``) change nothing another process can see
or change: no primitive (``search/moves.py`` ``delta``: the move is plain and changes no existing
primitive; a forked child that inherits pipe ends changes them, so it is not private), no clock,
no deadline, no output, no end - only the mover's own entry and the child's.  Another process's
operation reads none of that (only the parent holds the child's ``Process`` object), and the move
is always enabled (it has one outcome).  Such a move is independent of every move of every other
process, so where one is enabled it alone is explored (an ample set of one move; Peled's
conditions C0-C2), the first such one in the order of the processes.  Neither can be on a cycle
(C3): a ``begin`` leaves a process that never becomes unborn again, and a ``start`` adds a process
of a new ident (the parent counts its children in its own memory, which is in the state).  So no
process is postponed forever, and the reduced graph keeps every deadlock and every end (with
traces of the same length: a private move is enabled until it is taken, so it is on every run to a
deadlock), every loop that cannot end, every race (the same positions are reached with the private
moves done first), every final value.

What is not private, each found where a reduced search lost something a full one showed:

- the first run of a spawned or forkserver child that rebuilds primitives from their names: it
  fails if their creator has ended and unlinked them first (it depends on the creator's exit);
- a move of a process whose last move printed (a local state some explored step that printed led
  to): the outcomes take a line as printed before another process's only once its printer has
  moved on (outcomes.py), so moving the printer's next step earlier would order lines that a real
  run may print either way; a local state the reduction has taken a move from, reached later by a
  step that printed, ends the reduced search (``Dependent``, below);
- a ``join()`` of an ended child, though it reads an exit code nothing can change: it tells the
  outcomes that the child's last lines came first.

A signal can tell the two orders apart: ``terminate()``/``kill()`` of a process before or after it
starts a child (the child exists or never will).  A program that sends one may do it anywhere, so
once a process of an explored state stands at a ``terminate`` the reduced search stops
(``Dependent``) and the search starts again without reduction (``Search.run``).  All of this is
decided on the search's own states and moves, never on what earlier searches of the same check
met: a reduced search explores the same graph whatever ran before it.  Strategies other than
breadth- and depth-first do not reduce; ``reduce=False`` / ``--no-reduce`` switches it off.
``tests/test_differential.py`` checks the same findings, outcomes and information either way on
every test model and on the oracle's programs that once differed.
"""
from __future__ import annotations

from .search.local import BEGIN
from .search.moves import delta

REDUCE = True  # the default (tests switch it off to compare)
PRIVATE = (BEGIN, "start")  # the operations whose moves may be private


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
        self.printed_into = set()  # local states an explored step that printed led to
        self.used = set()  # local states a private move was taken from
        self.late = False  # one of them was later reached by a step that printed

    def printed(self, keys):
        """An explored move printed, and left its printers at the local states ``keys``."""
        for key in keys:
            if key not in self.printed_into:
                self.printed_into.add(key)
                self.late = self.late or key in self.used

    def ample(self, s, moves, t0) -> list:
        """The moves to explore from state ``s``: one private move, or all of ``moves``."""
        if self.late:
            raise Dependent("output", t0)
        world = self.search.worlds[s]
        op_of = self.rules.op_of_key
        candidates = []
        for index, entry in enumerate(world.procs):
            if entry.exitcode is None:
                method = op_of(entry.key).method
                if method == "terminate":
                    raise Dependent("terminate", t0)
                if method in PRIVATE:
                    candidates.append(index)
        if not candidates or len(moves) < 2 or world.clock or any(
                e.deadline is not None or e.starts_by is not None or e.pending for e in world.procs):
            return moves
        for index in candidates:
            entry = world.procs[index]
            if entry.key in self.printed_into or self._rebuilds(entry):
                continue
            mine = [mv for mv in moves if mv.ident == entry.ident]
            if len(mine) == 1 and self._private(world, index, mine[0]):
                self.used.add(entry.key)
                self.reduced += 1
                return mine
        return moves

    def _rebuilds(self, entry) -> bool:
        """Does this child rebuild primitives from their names as it starts?"""
        info = self.locals.info[entry.key]
        if info.op.method != BEGIN:
            return False
        birth = self.search.session.births[info.origin[1]]
        return bool(dict(birth.spec).get("rebuilds"))

    def _private(self, world, index, mv) -> bool:
        if any(seg.out for _, seg in mv.step.segments):
            return False
        d = delta(world, index, mv, self.rules.parts)
        return d is not None and not d.changed
