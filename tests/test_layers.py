"""The layers of mpsim, from the imports of its modules (also the ones inside functions).

* primitives (pure state machines) import nothing of the facade, the search or the replay;
* the facade (the one ``multiprocessing`` model code runs on) imports neither the search nor the
  replay nor any engine: it knows its engine only through ``facade/_engine.py``;
* each engine imports the facade, and no other engine;
* nothing outside ``mpsim/api.py`` uses the API's private names.
"""
import ast
import os

import pytest

ROOT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "mpsim")
SEARCH = ("mpsim.search", "mpsim.world", "mpsim.explore")


def _module_name(path: str) -> str:
    rel = os.path.relpath(path, os.path.dirname(ROOT))[:-3].replace(os.sep, ".")
    return rel[: -len(".__init__")] if rel.endswith(".__init__") else rel


def _modules() -> dict:
    found = {}
    for folder, _, files in os.walk(ROOT):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                found[_module_name(path)] = path
    return found


MODULES = _modules()


def _imports(name: str) -> set:
    """Every module ``name`` imports, absolute, wherever the import statement is."""
    path = MODULES[name]
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), path)
    package = name if path.endswith("__init__.py") else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _in(module: str, prefixes) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _offending(layer: str, forbidden) -> list:
    return sorted((name, imported) for name in MODULES if _in(name, [layer])
                  for imported in _imports(name) if _in(imported, forbidden))


def test_the_modules_are_found():
    assert {"mpsim.facade.base", "mpsim.engines.sim.process", "mpsim.engines.real.engine",
            "mpsim.primitives.semlock", "mpsim.replay.controller"} <= set(MODULES)


def test_primitives_import_no_facade_search_or_replay():
    assert _offending("mpsim.primitives", ("mpsim.facade", "mpsim.replay", "mpsim.engines") + SEARCH) == []


def test_the_facade_imports_no_search_replay_or_engine():
    assert _offending("mpsim.facade", ("mpsim.replay", "mpsim.engines") + SEARCH) == []


@pytest.mark.parametrize("engine,other", [("sim", "real"), ("real", "sim")])
def test_an_engine_imports_the_facade_and_no_other_engine(engine, other):
    layer = f"mpsim.engines.{engine}"
    assert _offending(layer, (f"mpsim.engines.{other}",)) == []
    assert any(_in(imported, ["mpsim.facade"]) for name in MODULES if _in(name, [layer])
               for imported in _imports(name))


def test_nothing_outside_the_api_uses_its_private_names():
    offending = []
    for name, path in MODULES.items():
        if name == "mpsim.api":
            continue
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read(), path)
        aliases = {"api"}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("api"):
                offending += [(name, a.name) for a in node.names if a.name.startswith("_")]
                aliases.update(a.asname or a.name for a in node.names if a.name == "api")
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id in aliases and node.attr.startswith("_"):
                offending.append((name, f"api.{node.attr}"))
    assert offending == []
