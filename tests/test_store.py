"""The compact storage of the explored graph (mpsim/search/store.py) gives back what was put in:
worlds from their codes (equal worlds, equal codes, whatever the width of the numbers), the
transitions, each state's transitions in and out, and sets of states."""
import itertools

from mpsim.search.store import Adjacency, Choices, Edges, Parts, StateSet, Worlds
from mpsim.world import ProcEntry, World


def _entry(ident, key, phase=None):
    return ProcEntry(ident, key, phase, None, False, ())


def _world(keys, values, clock=0):
    procs = tuple(_entry((i,), k) for i, k in enumerate(keys))
    prims = tuple(((oid,), ("lock", v)) for oid, v in enumerate(values))
    return World(procs, prims, frozenset(), clock)


def _numbered(parts, count):
    """Number ``count`` parts no world has, so that later parts get wide numbers."""
    for k in range(count):
        parts.number(("filler", k))


def test_a_world_comes_back_from_its_code_and_equal_worlds_have_equal_codes():
    parts = Parts(World)
    a, b = _world([1, 2], [0, 1]), _world([1, 2], [0, 1])
    c = _world([1, 2], [1, 1])
    assert parts.code(a) == parts.code(b) != parts.code(c)
    assert parts.decode(parts.code(c)) == c
    assert parts.known(_world([1, 2], [7, 7])) is None  # a part never numbered


def test_replacing_parts_gives_the_code_of_the_new_world_at_every_width():
    parts = Parts(World)
    worlds = [_world([1, 2], [0, 1])]
    parts.code(worlds[0])
    for width, filler in ((1, 0), (2, 300), (4, 70_000)):
        _numbered(parts, filler)
        worlds.append(_world([width, 5], [width, 3]))
        parts.code(worlds[-1])  # its new parts are numbered after the filler
    for before, after in itertools.permutations(worlds, 2):
        code, numbers = parts.numbers(before)
        changes = [(k, n) for k, n in enumerate(parts.numbers(after)[1]) if numbers[k] != n]
        replaced = parts.replace(code, changes)
        assert replaced == parts.code(after)
        assert parts.decode(replaced) == after
    assert {parts.code(w)[0] for w in worlds} == {1, 2, 4}


def test_the_states_are_found_by_code_and_by_world():
    parts = Parts(World)
    worlds = Worlds(parts)
    a, b = _world([1], [0]), _world([2], [0])
    assert worlds.add(parts.code(a)) == 0 and worlds.add(parts.code(b)) == 1
    assert worlds.state(parts.code(b)) == 1 and worlds.state(parts.code(_world([3], [0]))) is None
    assert worlds.index[_world([2], [0])] == 1 and _world([9], [9]) not in worlds.index
    assert list(worlds) == [a, b] == worlds[0:2] and worlds[1] == b and len(worlds) == 2


def test_thousands_of_states_are_each_found_under_their_own_number():
    parts = Parts(World)
    worlds = Worlds(parts)
    codes = [parts.code(_world([k % 7, k // 7], [k % 3])) for k in range(5000)]
    for k, code in enumerate(codes):
        assert worlds.state(code) is None
        assert worlds.add(code) == k
    assert [worlds.state(code) for code in codes] == list(range(5000))
    assert worlds.state(parts.code(_world([7, 0], [0]))) is None


def test_transitions_come_back_as_they_were_added_however_wide_their_fields():
    edges = Edges()
    added = [(0, 1, (), 0), (1, 0, (2,), -1), (1, 2, (3,), 1000), (2, 2, (), -70_000)]
    added += [(2, 0, (k,), k) for k in range(300)]  # more processes than a byte can tell
    for edge in added:
        edges.add(*edge)
    assert list(edges) == added and edges[2] == added[2] and len(edges) == len(added)


def test_the_adjacency_lists_each_states_transitions_in_the_order_they_were_added():
    edges = Edges()
    added = [(0, 1, (), 0), (2, 0, (1,), 0), (0, 2, (1,), 1), (1, 0, (), 0), (0, 1, (), 2)]
    for edge in added:
        edges.add(*edge)
    succ, pred = edges.successors(4), edges.predecessors(4)
    grouped = Edges()
    for edge in sorted(added):
        grouped.add(*edge)
    assert [grouped.successors(4)[s] for s in range(4)] == [
        sorted(succ[s]) for s in range(4)]
    assert isinstance(succ, Adjacency) and len(succ) == 4
    for s in range(4):
        assert succ[s] == [(t, i, a) for src, t, i, a in added if src == s]
        assert pred[s] == [(src, i, a) for src, t, i, a in added if t == s]
        assert succ.ends(s) == [t for t, _, _ in succ[s]]
    assert succ[3] == []


def test_choices_and_sets_of_states():
    via = Choices()
    for choice in (None, ((), 0), ((1,), -2)):
        via.append(choice)
    via[1] = ((2,), 5)
    assert [via[s] for s in range(len(via))] == [None, ((2,), 5), ((1,), -2)]
    states = StateSet(bytearray([0, 1, 1, 0]))
    assert 1 in states and 0 not in states and 9 not in states
    assert list(states) == [1, 2] and len(states) == 2
