"""The two engines cover the same ground, checked against the declarations and CPython itself.

* Every declared step of every primitive (the first step of each operation and each declared
  phase) has its real action in the real engine's one table, and the table has nothing else.
* The simulated ``multiprocessing`` exposes each public name of CPython's ``multiprocessing``
  package and its submodules, or lists it in ``facade/context.py``'s ``NOT_MODELLED`` (using it then
  stops a check and a replay alike, naming it): no program is refused by one engine and accepted
  by the other, because both run the same facade.
"""
import importlib
import pkgutil
import sys
import types

import pytest

import multiprocessing
from mpsim.engines.real.actions import ACTIONS, MAKERS
from mpsim.facade.context import MODULES, NOT_MODELLED
from mpsim.primitives import MODULES as PRIMITIVES


def declared_steps() -> set:
    steps = set()
    for mod in PRIMITIVES:
        name = mod.__name__.rpartition(".")[2]
        for op, decl in mod.OPS.items():
            steps.update((name, op, phase) for phase in (None, *decl.phases))
    return steps


def test_every_declared_step_has_a_real_action():
    assert sorted(declared_steps() - set(ACTIONS), key=str) == []


def test_every_real_action_is_a_declared_step():
    assert sorted(set(ACTIONS) - declared_steps(), key=str) == []


def test_every_primitive_state_has_a_real_maker():
    from mpsim.primitives import _BY_TYPE
    assert set(_BY_TYPE) == set(MAKERS)


def cpython_modules() -> list:
    """CPython's multiprocessing and the submodules that import on this platform."""
    names = ["multiprocessing"]
    for info in pkgutil.walk_packages(multiprocessing.__path__, "multiprocessing."):
        try:
            importlib.import_module(info.name)
        except ImportError:  # another platform's (popen_spawn_win32)
            continue
        names.append(info.name)
    return names


def public_names(module) -> set:
    """What a module offers: its ``__all__``, else its names without an underscore that it does
    not import from elsewhere."""
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n, v in vars(module).items() if not n.startswith("_")
                 and not isinstance(v, types.ModuleType)
                 and getattr(v, "__module__", module.__name__) == module.__name__]
    return set(names)


@pytest.mark.parametrize("name", cpython_modules())
def test_the_facade_exposes_or_names_every_public_name_of(name):
    real = sys.modules[name]
    assert name in MODULES, f"{name} is not a module of the facade"
    facade = MODULES[name]
    missing = sorted(n for n in public_names(real)
                     if n not in vars(facade) and n not in NOT_MODELLED.get(name, ()))
    assert missing == []
