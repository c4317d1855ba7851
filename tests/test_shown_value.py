"""A value a process receives is shown in traces without running the program's code: a
``__repr__`` of the model's may loop, print or perform an operation, and CPython would not call
it there (tests/hostile/programs/h_repr_loops.py)."""
import collections
import decimal

from mpsim.engines.sim.process import shown_value


class Touchy:
    def __repr__(self):
        raise AssertionError("the program's __repr__ was called")


def test_builtin_values_are_shown_as_repr_shows_them():
    for value in [1, "a", b"q", None, 1.5, (1,), (), [1, [2]], {"k": (3,)}, {5}, set(),
                  frozenset({1}), ValueError("x"), decimal.Decimal("1.5"), range(3)]:
        assert shown_value(value) == repr(value)


def test_objects_of_the_programs_classes_are_named_not_called():
    assert shown_value(Touchy()) == "<Touchy object>"
    assert shown_value([Touchy(), {"k": Touchy()}]) == "[<Touchy object>, {'k': <Touchy object>}]"
    assert shown_value(KeyError(Touchy())) == "KeyError(<Touchy object>)"
    assert shown_value(collections.deque([Touchy()])) == "<deque object>"


def test_long_containers_are_cut():
    assert shown_value(list(range(20))) == "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, ...]"
