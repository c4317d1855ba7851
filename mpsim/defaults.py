"""Defaults for the ``mpsim`` command from ``[tool.mpsim]`` in the nearest ``pyproject.toml``.

The nearest one is the first ``pyproject.toml`` found in the current directory or its parents
(as black and ruff look for theirs); a project whose ``pyproject.toml`` has no ``[tool.mpsim]``
table has no defaults.  Keys are the long option names without ``--``; each applies to every
command that has that option, and an option given on the command line wins::

    [tool.mpsim]
    time-limit = 60
    max-states = 100000
    start-method = "fork"          # or a list: ["fork", "spawn"]; or platform/python
    json = true
    lang = "zh"

An unknown key or a bad value is a usage error naming the file and the key.
"""
from __future__ import annotations

import os
import tomllib

from .startmethods import METHODS, PLATFORMS, PYTHONS


class ConfigError(Exception):
    """``[tool.mpsim]`` cannot be used: the message names the file and the key."""


def _positive_int(value):
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError("must be a positive integer")
    return value


def _natural_int(value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("must be a whole number, 0 or more")
    return value


def _positive_number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ValueError("must be a positive number (seconds)")
    return float(value)


def _scale(value):
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not number or not 0 <= value < float("inf"):
        raise ValueError("must be a number, 0 or more (real seconds per virtual second)")
    return float(value)


def _text(value):
    if not isinstance(value, str) or not value:
        raise ValueError("must be a string")
    return value


def _boolean(value):
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _methods(value):
    """One start method or a list of them: always a list."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or any(m not in METHODS for m in items):
        raise ValueError("must be one of " + ", ".join(f'"{m}"' for m in METHODS)
                         + " or a list of them")
    return items


def _one_of(*choices):
    def check(value):
        if value not in choices:
            raise ValueError("must be one of " + ", ".join(f'"{c}"' for c in choices))
        return value
    return check


# key -> (argparse dest, check and convert)
KEYS = {
    "strategy": ("strategy", _one_of("bfs", "dfs", "preemption", "pct", "auto")),
    "stop-at-first": ("stop_at_first", _boolean),
    "max-preemptions": ("max_preemptions", _natural_int),
    "runs": ("runs", _positive_int),
    "pct-depth": ("pct_depth", _positive_int),
    "seed": ("seed", _natural_int),
    "workers": ("workers", _positive_int),
    "reduce": ("reduce", _boolean),
    "dask": ("dask", _text),
    "max-states": ("max_states", _positive_int),
    "max-depth": ("max_depth", _positive_int),
    "time-limit": ("time_limit", _positive_number),
    "start-method": ("start_method", _methods),
    "platform": ("platform", _one_of(*PLATFORMS)),
    "python": ("python", _one_of(*PYTHONS)),
    "untimed": ("untimed", _boolean),
    "untimed-states": ("untimed_states", _natural_int),
    "json": ("json", _boolean),
    "lang": ("lang", _one_of("en", "zh")),
    "max-nodes": ("max_nodes", _positive_int),
    "timeout": ("timeout", _positive_number),
    "time-scale": ("time_scale", _scale),
}


def find_pyproject(start=None):
    """The nearest pyproject.toml at or above ``start`` (the current directory), or None."""
    here = os.path.abspath(start or os.getcwd())
    while True:
        candidate = os.path.join(here, "pyproject.toml")
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def load(start=None):
    """(path of the pyproject.toml or None, {argparse dest: value}) from ``[tool.mpsim]``."""
    path = find_pyproject(start)
    if path is None:
        return None, {}
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read it: {exc}") from None
    table = data.get("tool", {}).get("mpsim")
    if table is None:
        return path, {}
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.mpsim] must be a table")
    values = {}
    for key, value in table.items():
        if key not in KEYS:
            raise ConfigError(f"{path}: [tool.mpsim] {key}: unknown key "
                              f"(known keys: {', '.join(sorted(KEYS))})")
        dest, convert = KEYS[key]
        try:
            values[dest] = convert(value)
        except ValueError as exc:
            raise ConfigError(f"{path}: [tool.mpsim] {key}: {exc} (got {value!r})") from None
    return path, values
