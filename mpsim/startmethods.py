"""The start methods a check searches under, and how a report names them.

A program that does not choose its start method itself (``set_start_method``, ``get_context("x")``,
a context's ``Process``) gets the platform's default, and that depends on where it runs: ``fork``
on Linux up to Python 3.13, ``forkserver`` on Linux from Python 3.14, ``spawn`` on macOS and
Windows.  ``mpsim check`` searches under each by default; ``--start-method``, ``--platform`` and
``--python`` narrow that down (``resolve``).  A finding found only under some of them says so in
the words of ``label``.
"""
from __future__ import annotations

from .errors import MpsimError
from .i18n import N_, _

METHODS = ("fork", "spawn", "forkserver")  # the order they are searched and shown in
PLATFORMS = ("linux", "macos", "windows")
PYTHONS = ("3.11", "3.12", "3.13", "3.14")
FALLBACK = "spawn"  # a schedule that names no method: the program never asked for the default

# Where each is CPython's default.
WHERE = {"fork": N_("Linux's default up to Python 3.13"),
         "spawn": N_("the default on macOS and Windows"),
         "forkserver": N_("Linux's default from Python 3.14")}


class StartMethodError(MpsimError):
    """Start methods asked for in a way that names none, or names one that does not exist."""


def default_for(platform: str, python: str) -> str:
    """CPython's default start method on ``platform`` with Python ``python``."""
    if platform != "linux":
        return "spawn"
    return "forkserver" if tuple(map(int, python.split("."))) >= (3, 14) else "fork"


def resolve(start_method=None, start_methods=None, platform=None, python=None) -> tuple:
    """The methods to search under, in ``METHODS`` order: the ones named, else the defaults of
    the platforms and Pythons named (every one CPython could use when none is named)."""
    named = list(start_methods or ()) + ([start_method] if start_method else [])
    for m in named:
        if m not in METHODS:
            raise StartMethodError(f"unknown start method {m!r} (the start methods: "
                                   f"{', '.join(METHODS)})")
    if platform is not None and platform not in PLATFORMS:
        raise StartMethodError(f"unknown platform {platform!r} ({', '.join(PLATFORMS)})")
    if python is not None and python not in PYTHONS:
        raise StartMethodError(f"unknown Python version {python!r} ({', '.join(PYTHONS)})")
    if named and (platform or python):
        raise StartMethodError("name start methods, or a platform and Python version whose "
                               "default to search under, not both")
    if not named:
        named = [default_for(p, v) for p in ([platform] if platform else PLATFORMS)
                 for v in ([python] if python else PYTHONS)]
    return tuple(m for m in METHODS if m in named)


def names(methods) -> str:
    """``fork``, ``fork and spawn``, ``fork, spawn and forkserver``."""
    methods = list(methods)
    return methods[0] if len(methods) == 1 else _("{first} and {last}").format(
        first=", ".join(methods[:-1]), last=methods[-1])


def label(found, searched, incomplete=(), shown=None) -> str | None:
    """The line that says which start methods a finding needs - "only under fork (Linux's
    default up to Python 3.13)" - or None when a single method was searched.  ``incomplete``:
    methods whose search was cut short (a finding not found there may still be there);
    ``shown``: the method of the steps shown, named when it found under several."""
    if len(searched) < 2:
        return None
    found = [m for m in METHODS if m in found]
    if set(found) >= set(searched):
        text = _("under every one searched")
    elif len(found) == 1:
        text = _("only under {method} ({where})").format(method=found[0], where=_(WHERE[found[0]]))
    else:
        missing = [m for m in searched if m not in found]
        text = _("only under {methods} (not under {missing}: {why})").format(
            methods=names(found), missing=names(missing),
            why="; ".join(_(WHERE[m]) for m in missing))
    cut = [m for m in incomplete if m not in found]
    if cut:
        text += _("; the search under {methods} was cut short, so it may happen there too").format(
            methods=names(cut))
    if shown and len(found) > 1:
        text += _("; the steps below are {method}'s").format(method=shown)
    return text
