"""How a model process lives and ends, as CPython's do - the same code under every engine.

* ``install_modules``: from now on ``import multiprocessing`` (and any submodule) in this process
  gives the facade (``context.MODULES``); CPython's own modules, if a library imported them
  already, are dropped from ``sys.modules`` first.
* ``run_main``: ``python model.py``: the model runs as ``__main__``; an uncaught exception is
  printed by ``sys.excepthook``; then the ``atexit`` callbacks run (``multiprocessing``'s exit
  function among them); the exit code is the script's.
* ``run_spawned``: CPython's ``spawn_main``: the main module is imported again as
  ``__mp_main__`` (as CPython's ``get_preparation_data`` named it: by module name or path); the Process object is unpickled (a primitive whose named semaphore its creator
  has already unlinked cannot be rebuilt: ``FileNotFoundError``) and bootstrapped; then
  ``sys.exit`` runs the ``atexit`` callbacks.
* ``run_spawned(..., forkserver=True)``: a child forked from the server its parent started
  (``forkserver.main``, in 3.11): the same as spawn (``spawn._main``), but the child ends with
  ``os._exit``: no ``atexit`` callbacks.  (The server itself is the engine's: the simulator's
  ``boot._serve``; the real engine does not replay forkserver children.)

``main_module`` says how a spawned child is to import the main module (as CPython's
``spawn.get_preparation_data`` does at ``start()``).

Both end in ``engine.exit(code, error)``; ``error`` is what ``engine.died`` made of an uncaught
exception (kept in a local variable: it is part of the process's state until it exits), else the
first exception an ``atexit`` callback raised (``engine.what_raised``).  A child started by fork lives in ``Process._launch`` instead.
"""
from __future__ import annotations

import importlib.util
import os
import sys
import types

from . import _stdlib
from .context import IMPORTS_UTIL, MODULES


FUTURES = "concurrent.futures.process"  # served by facade/futures.py


class FacadeFinder:
    """Hands out the simulated ``multiprocessing`` modules: a meta path finder and the loader of
    what it finds (without the base classes of ``importlib.abc``: importing it, with
    ``importlib.resources`` and ``tempfile``, took a tenth of the zygote's start-up)."""

    def find_spec(self, name, path=None, target=None):
        if name in MODULES or name.startswith("multiprocessing.") or name == FUTURES:
            return importlib.util.spec_from_loader(name, self)
        return None

    def create_module(self, spec):
        if spec.name == "multiprocessing" and "__main__" in sys.modules:
            sys.modules["__mp_main__"] = sys.modules["__main__"]  # as CPython's __init__ does
        if spec.name in IMPORTS_UTIL:
            from . import util
            util.ensure_registered()
        if spec.name == FUTURES:
            from . import futures
            return futures
        mod = MODULES.get(spec.name)
        if mod is None:
            from .context import _module
            mod = _module(spec.name, {}, ("*",))
        return mod

    def exec_module(self, module):
        pass


def install_modules():
    """The facade is this process's ``multiprocessing`` from now on."""
    sys.meta_path.insert(0, FacadeFinder())
    for name in [n for n in sys.modules if n == "multiprocessing" or n.startswith("multiprocessing.")
                 or n == FUTURES]:
        del sys.modules[name]  # imported by a library at start-up: model processes get the facade
    from . import futures
    futures.install()


def _code(path: str):
    """The model's main module, compiled from its bytes as CPython does (its syntax was checked
    by the controller)."""
    with open(path, "rb") as f:
        return compile(f.read(), path, "exec")


def run_main(engine, path: str):
    """``python path``, then ``engine.exit``; the caller's frame is the process's floor."""
    from .process import MEMORY, _MainProcess
    MEMORY.current = _MainProcess()
    main = types.ModuleType("__main__")
    main.__file__ = path
    main.__builtins__ = __builtins__
    sys.modules["__main__"] = main
    engine.floor = sys._getframe(1)  # this frame's variables (the exit code...) are the process's
    # CPython runs a script's module frame first; here this frame and the zygote's are below it
    # (and exec() counts twice): measured so that the same recursion fits (docs/semantics.md §25).
    _stdlib.recursion_room(_stdlib.frames_below(sys._getframe()) + 2)
    code, error = 0, None
    try:
        try:
            exec(_code(path), main.__dict__)
        finally:
            _flush_io()
    except SystemExit as exc:
        code = _exit_code(exc)
    except BaseException as exc:  # noqa: BLE001 - the script's uncaught exception
        code, error = 1, engine.died(exc)
        _print_uncaught(exc)
    ignored = _run_atexit(engine)
    _flush_at_shutdown()
    engine.exit(code, error or ignored)


def run_spawned(engine, main, name: str, start_method, cwd, payload: bytes, forkserver=False):
    """CPython's ``spawn_main``/``_main`` in a spawned child (``forkserver``: ``_serve_one`` in a
    child of the forkserver), then ``engine.exit``; ``main`` is how the parent's main module is
    named (``_import_main``)."""
    from . import context
    from .process import MEMORY, _MainProcess
    MEMORY.current = _MainProcess(name)
    if start_method:
        context.force(start_method)
    if cwd:
        try:
            os.chdir(cwd)
        except OSError:
            pass
    engine.floor = sys._getframe(1)  # this frame's variables (the exit code...) are the process's
    # CPython's spawned child runs its target 5 frames deep (<string>, spawn_main, _main,
    # _bootstrap, run), a forkserver child 6 (<string>, forkserver.main, _serve_one, _main,
    # _bootstrap, run); here _bootstrap and run are called from this frame.
    _stdlib.recursion_room(_stdlib.frames_below(sys._getframe()) + 2 - (6 if forkserver else 5) + 1)
    code, error = 1, None
    try:
        MEMORY.inheriting = True
        try:
            _import_main(main)
            obj = engine.loads(payload)
        finally:
            MEMORY.inheriting = False
        code = obj._bootstrap()
    except SystemExit as exc:  # forkserver.main catches Exception only, then os._exit(1)
        code = 1 if forkserver else _exit_code(exc)
    except BaseException as exc:  # noqa: BLE001 - uncaught in spawn_main: printed, exit code 1
        code = 1
        if isinstance(exc, Exception) or not forkserver:
            error = engine.died(exc)
            _print_uncaught(exc)
    if engine.death is not None:
        error = engine.death
    ignored = None
    if not forkserver:  # spawn_main ends with sys.exit(code): the atexit callbacks run
        ignored = _run_atexit(engine)
        _flush_at_shutdown()
    engine.exit(code, error or ignored)  # forkserver: os._exit(code)


def main_module():
    """What a spawned child re-imports as ``__mp_main__``, as CPython's
    ``spawn.get_preparation_data`` decides it from ``sys.modules['__main__']`` at ``start()``:
    ("name", module name) for a module run with ``-m``, ("path", file) for a script (also one
    run through ``runpy.run_path``), or None (nothing to re-import)."""
    main = sys.modules.get("__main__")
    name = getattr(getattr(main, "__spec__", None), "name", None)
    if name is not None:
        return ("name", name)
    path = getattr(main, "__file__", None)
    return ("path", os.path.normpath(path)) if path is not None else None


def _import_main(main):
    """CPython's ``spawn._fixup_main_from_name``/``_fixup_main_from_path``: run the parent's main
    module again as ``__mp_main__`` (its ``if __name__ == "__main__"`` block does not run).
    ``main`` is ``("name", module)``, ``("path", file)`` or None (as ``get_preparation_data``
    names it).  CPython runs a script in a temporary namespace and keeps a copy as
    ``__mp_main__``; here it runs in ``__mp_main__`` itself (README, Known limits)."""
    if main is None:
        return
    kind, where = main
    if kind == "name":
        if where == "__main__" or where.endswith(".__main__"):
            return
        import runpy
        module = types.ModuleType("__mp_main__")
        module.__dict__.update(runpy.run_module(where, run_name="__mp_main__", alter_sys=True))
    else:
        module = types.ModuleType("__mp_main__")
        module.__file__ = where
        module.__builtins__ = __builtins__
        sys.modules["__mp_main__"] = sys.modules["__main__"] = module
        exec(_code(where), module.__dict__)
    sys.modules["__mp_main__"] = sys.modules["__main__"] = module


def _print_uncaught(exc):
    """As the interpreter prints an exception nobody caught: through ``sys.excepthook``, with the
    traceback from the program's first frame (this function's caller is not the program's)."""
    exc.__traceback__ = exc.__traceback__.tb_next
    _stdlib.hide_frames(exc)
    sys.excepthook(type(exc), exc, exc.__traceback__)


def _exit_code(exc: SystemExit) -> int:
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return 1


def _run_atexit(engine):
    """Run the ``atexit`` callbacks.  CPython prints an exception a callback raises ("Exception
    ignored in atexit callback") and goes on with the others, the exit code unchanged; the first
    one is returned as the process's error (a finding: the callback's work is lost)."""
    import atexit
    first = []
    default = sys.unraisablehook

    def hook(unraisable):
        if not first and unraisable.exc_value is not None:
            first.append(engine.what_raised(unraisable.exc_value))
        default(unraisable)

    sys.unraisablehook = hook
    try:
        atexit._run_exitfuncs()
    finally:
        sys.unraisablehook = default
    return first[0] if first else None


def _flush_io():
    """CPython flushes stderr and stdout as soon as the script has run, before it prints an
    uncaught exception and before the atexit callbacks (pythonrun.c, ``flush_io``): with stdout
    a pipe, the main process's last lines come out before those of the children its
    ``multiprocessing`` joins at exit."""
    for stream in (sys.stderr, sys.stdout):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - as flush_io, which clears the error
            pass


def _flush_at_shutdown():
    """The interpreter flushes stdout and stderr as it shuts down (after the atexit callbacks)."""
    from . import util
    util._flush_std_streams()
