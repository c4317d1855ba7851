"""The bundled example models: ``mpsim examples`` lists them, ``--example NAME`` names one.

In the repository they are ``models/*.py``; the wheel ships them as the package
``mpsim_examples`` (see setup.py for why not inside ``mpsim``), so an installed mpsim finds them
beside its own package and a source checkout (or an editable install) finds them in ``models/``.
"""
from __future__ import annotations

import ast
import os

_HERE = os.path.dirname(os.path.abspath(__file__))


def directory() -> str | None:
    """Where the bundled models are: ``mpsim_examples`` beside the installed ``mpsim``, or
    ``models/`` in a source checkout."""
    above = os.path.dirname(_HERE)
    installed = os.path.join(above, "mpsim_examples")
    if os.path.isdir(installed):
        return installed
    checkout = above
    if os.path.isfile(os.path.join(checkout, "pyproject.toml")) and \
            os.path.isdir(os.path.join(checkout, "models")):
        return os.path.join(checkout, "models")
    return None


def examples() -> dict:
    """{name: path}, sorted by name."""
    where = directory()
    if where is None:
        return {}
    names = sorted(n[:-3] for n in os.listdir(where) if n.endswith(".py") and not n.startswith("_"))
    return {n: os.path.join(where, n + ".py") for n in names}


def summary(path: str) -> str:
    """The first line of the model's docstring."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = ast.get_docstring(ast.parse(f.read()))
    except (OSError, SyntaxError, ValueError):
        return ""
    return doc.strip().splitlines()[0] if doc and doc.strip() else ""


def shown_path(path: str) -> str:
    """The path to show (and to put in replay commands): relative to the current directory when
    the model is below it, absolute otherwise."""
    rel = os.path.relpath(path)
    return path if rel.startswith(os.pardir) else rel
