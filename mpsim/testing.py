"""mpsim in a test suite: the pytest plugin (entry point ``pytest11``) and its helpers.

    from mpsim.testing import assert_no_findings, check

    def test_workers_never_deadlock():
        assert_no_findings("models/workers.py", args=["4"], time_limit=60)

    def start_workers(n):            # a function that starts processes, the way tests are written
        ...

    def test_start_workers():
        result = check(start_workers, args=(3,))
        assert not result.violations

    @pytest.mark.mpsim(time_limit=60)  # the test itself is the program mpsim checks
    def test_pipeline():
        ...

``check(target, args=..., **options)`` runs ``mpsim.api.check`` and returns its ``Result``:
``target`` is a model file (``args``: its ``sys.argv[1:]``) or a function of an importable
module (``args``: the positional arguments it is called with, literals).  A function is checked
as the program ``if __name__ == "__main__": function(*args)``: mpsim writes that program beside
the function's module (so the module is the model's own code, in its state and its traces),
checks it and removes it - unless there are findings, when it stays so that the replay commands
of the report work.  ``assert_no_findings`` fails with the report (each finding's trace and
replay command) when the check finds a problem or is cut short; the ``mpsim`` fixture gives
both.  The options are those of ``mpsim.api.check`` (``time_limit``, ``max_states``,
``start_method``...).
"""
from __future__ import annotations

import ast
import inspect
import os
import sys

import pytest


def check(target, args=(), **options):
    """Check a model file or a function that starts processes; the ``mpsim.api.Result``."""
    from . import api
    if callable(target):
        path = _program_for(target, args)
        result = api.check(path, (), **options)
        if not result.violations:
            _remove(path)
        return result
    return api.check(os.fspath(target), [str(a) for a in args], **options)


def assert_no_findings(target, args=(), **options):
    """Check like ``check``; fail the test with the report unless the search completed and
    found nothing.  Returns the ``Result``."""
    from .report import check_report
    result = check(target, args, **options)
    if result.violations or not result.complete:
        pytest.fail(check_report(result), pytrace=False)
    return result


class _Fixture:
    """What the ``mpsim`` fixture gives a test: ``check`` and ``assert_no_findings``."""

    check = staticmethod(check)
    assert_no_findings = staticmethod(assert_no_findings)


@pytest.fixture
def mpsim():
    """``mpsim.check(target, args=..., **options)`` and ``mpsim.assert_no_findings(...)``."""
    return _Fixture()


# -- a function as a program -------------------------------------------------------------------

def _program_for(func, args) -> str:
    """Write ``if __name__ == "__main__": func(*args)`` beside ``func``'s module; its path."""
    module = sys.modules.get(func.__module__)
    where = getattr(module, "__file__", None)
    qualname = getattr(func, "__qualname__", "")
    if module is None or where is None or func.__module__ == "__main__":
        raise TypeError(f"mpsim checks a function of an importable module, not {func!r}")
    if "<" in qualname:
        raise TypeError(f"mpsim checks a function its module defines at the top level or in a "
                        f"class, not the local {qualname!r}")
    for arg in args:
        try:
            same = ast.literal_eval(repr(arg)) == arg
        except (ValueError, SyntaxError):
            same = False
        if not same:
            raise TypeError(f"mpsim passes a function literal arguments only, not {arg!r}")
    where = os.path.abspath(where)
    root = where
    for _ in func.__module__.split(".") + (["__init__"] if where.endswith("__init__.py") else []):
        root = os.path.dirname(root)
    head = qualname.partition(".")[0]
    source = (f'"""The program mpsim.testing checks: {func.__module__}.{qualname}{tuple(args)!r}."""\n'
              "import sys\n"
              f"sys.path.insert(0, {root!r})\n"
              f"from {func.__module__} import {head}\n\n"
              'if __name__ == "__main__":\n'
              f"    {qualname}(*{tuple(args)!r})\n")
    path = os.path.join(os.path.dirname(where),
                        f"mpsim_check_{func.__module__.rpartition('.')[2]}_{qualname.replace('.', '_')}.py")
    with open(path, "w", encoding="utf-8") as f:
        f.write(source)
    return path


def _remove(path):
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


# -- the pytest plugin ---------------------------------------------------------------------------

def pytest_configure(config):
    config.addinivalue_line(
        "markers", "mpsim(**options): check the test function with mpsim (every interleaving of "
        "the processes it starts) instead of running it once; options as mpsim.api.check's")


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    marker = pyfuncitem.get_closest_marker("mpsim")
    if marker is None:
        return None
    if marker.args:
        raise TypeError("@pytest.mark.mpsim takes options by name (time_limit=60, ...)")
    needs = [n for n in inspect.signature(pyfuncitem.obj).parameters]
    if needs:
        raise TypeError(f"a test marked @pytest.mark.mpsim takes no arguments (it is run as a "
                        f"program), not {', '.join(needs)}")
    assert_no_findings(pyfuncitem.obj, **marker.kwargs)
    return True
