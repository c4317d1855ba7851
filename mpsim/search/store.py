"""Compact storage of the explored graph: its states and its transitions.

A world is a few dozen parts (a ``ProcEntry`` per process, an ``(oid, state)`` pair per primitive,
the set of unlinked primitives, the clock), and most parts recur in thousands of worlds.
``Parts`` numbers each distinct part once and writes a world as the string of its parts' numbers
(its code: one byte a part while its numbers are below 256, two below 65,536, else four), so
that a state costs its code and its entry in the index instead of a tree of tuples.  Equal worlds
have equal codes.  ``Worlds`` is the list of explored states (read back as ``World`` values) with
the index from a code to its state.

A search keeps every transition (source, target, process, choice) for the findings that need the
whole graph (non-termination, outputs, drawings).  As Python tuples they cost about 150 bytes each,
five or more per state - the largest part of a search's memory.  ``Edges`` keeps them in four
machine arrays (the process as an index into its table of idents), 10 bytes each while there are
fewer than 256 processes and choices (an array is widened when a value does not fit), and reads
back the same tuples; ``Choices`` keeps the choice that first led to each state the same way.
The graph's adjacency, once the search is over, is kept as compressed rows (``Adjacency``: 4 bytes
per transition and per state) rather than as lists of tuples, and a set of states as a byte each
(``StateSet``).
"""
from __future__ import annotations

from array import array


class Parts:
    """The numbering of world parts, and the codes of worlds.  A code is a prefix byte (the
    width of its numbers: 1, 2 or 4 bytes, the fewest its largest number fits in), the number of
    processes, then the parts' numbers in the world's order: processes, primitives, the unlinked
    set, the clock."""

    def __init__(self, make):
        self._make = make  # world.World (this module is below world.py)
        self._ids = {}  # part -> number
        self.parts = []  # number -> part
        self._two = []  # number -> its two bytes (while it fits in them)
        self._last = (None, None, None)  # (world, its code, its numbers): the last one asked

    def number(self, part) -> int:
        n = self._ids.get(part)
        if n is None:
            n = self._ids[part] = len(self.parts)
            self.parts.append(part)
            if n < _WIDE:
                self._two.append(n.to_bytes(2, "little"))
        return n

    def known(self, world) -> bytes | None:
        """The code of ``world`` if all its parts are numbered already, else None."""
        get = self._ids.get
        numbers = [len(world.procs), *map(get, world.procs), *map(get, world.prims),
                   get(world.unlinked), get(world.clock)]
        return None if None in numbers else _pack(numbers)

    def numbers(self, world) -> tuple:
        """(the code of ``world``, its numbers), numbering its new parts."""
        world_, code, numbers = self._last
        if world_ is not world:
            get = self._ids.get
            numbers = [len(world.procs), *map(get, world.procs), *map(get, world.prims),
                       get(world.unlinked), get(world.clock)]
            if None in numbers:
                number = self.number
                numbers = [len(world.procs), *map(number, world.procs), *map(number, world.prims),
                           number(world.unlinked), number(world.clock)]
            code = _pack(numbers)
            self._last = (world, code, numbers)
        return code, numbers

    def code(self, world) -> bytes:
        return self.numbers(world)[0]

    def decode(self, code: bytes):
        numbers = _unpack(code)
        n = numbers[0]
        parts = self.parts
        get = parts.__getitem__
        world = self._make(tuple(map(get, numbers[1:n + 1])), tuple(map(get, numbers[n + 1:-2])),
                           parts[numbers[-2]], parts[numbers[-1]])
        self._last = (world, code, numbers)
        return world

    @staticmethod
    def pack(numbers) -> bytes:
        """The code of a world's numbers (see the class)."""
        return _pack(numbers)

    def replace(self, code: bytes, changes) -> bytes:
        """``code`` with the part at each position of ``changes`` ((position, number), ...)
        replaced (positions count from the number of processes, at 0)."""
        width = code[0]
        if width == 1:  # in place, unless a new number needs a wider code
            b = bytearray(code)
            for pos, n in changes:
                if n >= _NARROW:
                    break
                b[pos + 1] = n
            else:
                return bytes(b)
        elif width == 2:  # in place, unless the code's width changes
            two = self._two
            b = bytearray(code)
            for pos, n in changes:
                o = 2 * pos + 1
                if n >= _WIDE or b[o + 1]:  # a new number too wide, or an old one >= 256 goes
                    break
                b[o:o + 2] = two[n]
            else:
                return bytes(b)
        numbers = list(_unpack(code))
        for pos, n in changes:
            numbers[pos] = n
        return _pack(numbers)


_NARROW = 256  # the first part number that needs two bytes
_WIDE = 65536  # ... four bytes
_TYPES = {1: "B", 2: "H", 4: "I"}


def _pack(numbers) -> bytes:
    top = max(numbers)
    if top < _NARROW:
        return b"\x01" + array("B", numbers).tobytes()
    if top < _WIDE:
        return b"\x02" + array("H", numbers).tobytes()
    return b"\x04" + array("I", numbers).tobytes()


def _unpack(code: bytes) -> array:
    numbers = array(_TYPES[code[0]])
    numbers.frombytes(code[1:])
    return numbers


class Worlds:
    """The explored states: ``worlds[s]`` is state ``s``'s ``World``; ``worlds.index`` maps a
    world (``get``, ``[]``) to its state.  The index from codes to states is a hash table of
    state numbers (open addressing, at most half full: 8 bytes or less a state), not a dict
    (about 90 bytes a state with its int objects)."""

    __slots__ = ("parts", "_codes", "_table", "_mask", "index")

    def __init__(self, parts: Parts):
        self.parts = parts
        self._codes = []
        self._table = array("i", [-1]) * 1024  # state numbers by the hash of their code; -1: free
        self._mask = 1023
        self.index = _Index(self)

    def add(self, code: bytes) -> int:
        """Add a state not known yet; its number."""
        s = len(self._codes)
        self._codes.append(code)
        if 2 * len(self._codes) > len(self._table):
            self._table = array("i", [-1]) * (2 * len(self._table))
            self._mask = len(self._table) - 1
            for k, known in enumerate(self._codes):
                self._put(known, k)
        else:
            self._put(code, s)
        return s

    def _put(self, code, s):
        table, mask = self._table, self._mask
        i = hash(code) & mask
        while table[i] >= 0:
            i = (i + 1) & mask
        table[i] = s

    def state(self, code: bytes):
        """The state whose code is ``code``, or None."""
        table, mask, codes = self._table, self._mask, self._codes
        i = hash(code) & mask
        while True:
            s = table[i]
            if s < 0:
                return None
            if codes[s] == code:
                return s
            i = (i + 1) & mask

    def __len__(self):
        return len(self._codes)

    def __getitem__(self, s):
        if isinstance(s, slice):
            return list(map(self.parts.decode, self._codes[s]))
        code = self._codes[s]
        last = self.parts._last
        if last[1] == code:  # the world asked for last (a search reads a state's world twice)
            return last[0]
        return self.parts.decode(code)

    def entries(self, s) -> array:
        """The part numbers of state ``s``'s process entries (its world not made)."""
        numbers = _unpack(self._codes[s])
        return numbers[1:numbers[0] + 1]

    def __iter__(self):
        return map(self.parts.decode, self._codes)

    def __eq__(self, other):
        return isinstance(other, (Worlds, list)) and list(self) == list(other)

    __hash__ = None


class _Index:
    """World -> state, for the readers that hold a ``World``."""

    __slots__ = ("_worlds",)

    def __init__(self, worlds: Worlds):
        self._worlds = worlds

    def get(self, world, default=None):
        code = self._worlds.parts.known(world)
        s = None if code is None else self._worlds.state(code)
        return default if s is None else s

    def __getitem__(self, world):
        s = self.get(world)
        if s is None:
            raise KeyError(world)
        return s

    def __contains__(self, world):
        return self.get(world) is not None


class Edges:
    """A list of (src, dst, ident, alt) that only grows (``add``)."""

    __slots__ = ("_src", "_dst", "_who", "_alt", "_idents", "_number", "_grouped")

    def __init__(self):
        self._src = array("i")
        self._dst = array("i")
        self._who = array("B")  # widened when a value does not fit (_wider)
        self._alt = array("b")
        self._idents = []
        self._number = {}
        self._grouped = True  # the sources never decrease (a breadth-first search)

    def add(self, s, t, ident, alt) -> int:
        """Add a transition; its index."""
        n = self._number.get(ident)
        if n is None:
            n = self._number[ident] = len(self._idents)
            self._idents.append(ident)
        if self._src and s < self._src[-1]:
            self._grouped = False
        self._src.append(s)
        self._dst.append(t)
        try:
            self._who.append(n)
        except OverflowError:
            self._who = _wider(self._who, n)
        try:
            self._alt.append(alt)
        except OverflowError:
            self._alt = _wider(self._alt, alt)
        return len(self._src) - 1

    def __len__(self):
        return len(self._src)

    def __getitem__(self, k):
        return self._src[k], self._dst[k], self._idents[self._who[k]], self._alt[k]

    def __iter__(self):
        idents = self._idents
        return zip(self._src, self._dst, (idents[n] for n in self._who), self._alt)

    def successors(self, states: int) -> Adjacency:
        """Each state's outgoing transitions, in the order they were recorded."""
        return Adjacency(self, self._src, self._dst, states, self._grouped)

    def predecessors(self, states: int) -> Adjacency:
        """Each state's incoming transitions, in the order they were recorded."""
        return Adjacency(self, self._dst, self._src, states)


_WIDER = {"B": "H", "H": "I", "I": "Q", "b": "h", "h": "i", "i": "q"}


def _wider(numbers: array, n: int) -> array:
    """``numbers`` with ``n`` appended, in the narrowest wider type that holds it."""
    while True:
        numbers = array(_WIDER[numbers.typecode], numbers)
        try:
            numbers.append(n)
        except OverflowError:
            continue
        return numbers


class Choices:
    """A list of the choices (ident, alt) that lead to each state (None for the first one), in
    two machine arrays (6 bytes a state)."""

    __slots__ = ("_who", "_alt", "_idents", "_number")

    def __init__(self):
        self._who = array("H")  # 0: None; n: _idents[n - 1]
        self._alt = array("i")
        self._idents = []
        self._number = {}

    def _pair(self, choice) -> tuple:
        if choice is None:
            return 0, 0
        ident, alt = choice
        n = self._number.get(ident)
        if n is None:
            self._idents.append(ident)
            n = self._number[ident] = len(self._idents)
        return n, alt

    def append(self, choice):
        n, alt = self._pair(choice)
        self._who.append(n)
        self._alt.append(alt)

    def __setitem__(self, s, choice):
        self._who[s], self._alt[s] = self._pair(choice)

    def __getitem__(self, s):
        n = self._who[s]
        return None if n == 0 else (self._idents[n - 1], self._alt[s])

    def __len__(self):
        return len(self._who)


class Adjacency:
    """``adj[s]``: the transitions from ``s`` (by ``key``) as (other end, ident, alt) tuples,
    made when asked; ``adj.ends(s)``: only the other ends."""

    __slots__ = ("_edges", "_start", "_order", "_other")

    def __init__(self, edges: Edges, key: array, other: array, states: int, grouped=False):
        count = array("i", bytes(4 * (states + 1)))
        for s in key:
            count[s + 1] += 1
        for s in range(states):
            count[s + 1] += count[s]
        if grouped:  # the transitions are in the order of ``key`` already
            order = range(len(key))
        else:
            fill = count[:-1]
            order = array("i", bytes(4 * len(key)))
            for k, s in enumerate(key):
                order[fill[s]] = k
                fill[s] += 1
        self._edges, self._start, self._order, self._other = edges, count, order, other

    def __len__(self):
        return len(self._start) - 1

    def __getitem__(self, s) -> list:
        other, who, alt = self._other, self._edges._who, self._edges._alt
        idents = self._edges._idents
        return [(other[k], idents[who[k]], alt[k])
                for k in self._order[self._start[s]:self._start[s + 1]]]

    def ends(self, s) -> list:
        other = self._other
        return [other[k] for k in self._order[self._start[s]:self._start[s + 1]]]

    def rows(self) -> tuple:
        """(start, order, other): the transitions of ``s`` are ``order[start[s]:start[s + 1]]``
        (indices in ``edges``), each leading to ``other[k]``."""
        return self._start, self._order, self._other

    @property
    def edges(self) -> Edges:
        return self._edges


class StateSet:
    """A set of states as one byte a state (``s in states``, ``len``, iteration)."""

    __slots__ = ("_flags", "_count")

    def __init__(self, flags: bytearray):
        self._flags = flags
        self._count = len(flags) - flags.count(0)

    def __contains__(self, s):
        return 0 <= s < len(self._flags) and self._flags[s] != 0

    def __len__(self):
        return self._count

    def __iter__(self):
        flags = self._flags
        return (s for s in range(len(flags)) if flags[s])
