"""The vocabulary every primitive uses to declare its operations, once.

An operation's declaration says what the rest of mpsim needs to know about it without running it:

* ``access``: how it touches its object - ``READ`` (looks at shared state), ``WRITE`` (changes
  it), ``ACQUIRE``/``RELEASE`` (a synchronisation edge: a release happens before the acquire
  that sees it - lock release/acquire, ``set``/``wait``, ``put``/``get``, ``send``/``recv``),
  ``SYNC`` (both at once, as a barrier's wait), or ``UPDATE`` (reads and may change it in one
  atomic step: a call on a manager's object);
* ``data``: it reads or changes the program's shared data (a Value, an Array, a manager's object)
  rather than a synchronisation object.  Two such operations of different processes that nothing
  in the program orders, and whose order matters, are a race (``mpsim/races.py``).  The module of
  such a primitive has ``access(view, oid, pid, method, args)``: the access alone, as if a lock
  it takes for that one access were free - that lock makes the access atomic, it does not order
  it against the program's other accesses - and ``kind(method, args)``: ``READ``, ``WRITE`` (a
  plain store) or ``UPDATE`` (reads and changes it in one atomic step: ``append``, ``update`` on
  a manager's object; two of those never race, their order shows in the possible outcomes);
* ``touches``: the objects it reads or changes besides its own (``"lock"``: a Condition's lock or
  a Value's guarding lock);
* ``phases``: the names of the steps after the first one, for operations CPython performs in
  several steps (``Condition.wait``: release and sleep, ``"sleep"``, ``"reacquire"``); each step
  is one move of the world and, in a replay, one turn on the real object;
* ``blocks``: in words, when a step cannot complete (shown when a process is blocked there);
* ``timeout``: which of its arguments bounds how long it waits, in seconds (an index into the
  operation's arguments; None: it cannot time out; the argument None: it waits for ever);
* ``results``: ``ONE`` if every completion returns the same value (``acquire()`` → True), which
  lets a simulated process stopped there be moved on rather than copied.

The declarations are read by the search (deadline order), the race detection, the reports and
the replay engine (one real action per declared step); the state machines (``step`` functions)
implement them, and the tests check the two agree.
"""
from __future__ import annotations

from typing import NamedTuple

READ, WRITE, ACQUIRE, RELEASE, SYNC, UPDATE = "read", "write", "acquire", "release", "sync", "update"
ONE, MANY = "one", "many"


class OpDecl(NamedTuple):
    name: str
    access: str
    blocks: str = ""
    phases: tuple = ()
    timeout: int | None = None
    touches: tuple = ()
    results: str = MANY
    data: bool = False


def declare(*ops: OpDecl) -> dict:
    """The table a primitive module exports as ``OPS``: name -> declaration."""
    table = {op.name: op for op in ops}
    if len(table) != len(ops):
        raise ValueError("an operation is declared twice")
    return table


def phase_name(phase) -> str | None:
    """The declared name of a step's phase value (``("sleep", 2)`` -> ``"sleep"``)."""
    if phase is None:
        return None
    if isinstance(phase, tuple):
        return phase[0]
    if isinstance(phase, frozenset):
        return "rendezvous"
    return phase
