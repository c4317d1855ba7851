"""How a simulated process comes to life, as CPython's does.

A *zygote* interpreter (``zygote.py``) prepares once what every simulated process shares - mpsim's
own modules, the simulated ``multiprocessing`` behind an import hook - and then forks one process
per birth the controller asks for:

* ``main``: ``python model.py``: the model runs as ``__main__``; an uncaught exception is printed
  by ``sys.excepthook``; then the ``atexit`` callbacks run (``multiprocessing``'s exit function
  among them); the exit code is the script's.
* ``spawn``: CPython's ``spawn_main``: ``sys.argv``, ``sys.path``, the working directory and the
  environment are the parent's at ``start()``; the main module is imported again as
  ``__mp_main__``; the Process object is unpickled (a primitive whose named semaphore its creator
  has already unlinked cannot be rebuilt: ``FileNotFoundError``) and bootstrapped; then
  ``sys.exit`` runs the ``atexit`` callbacks.
* ``forkserver``: a child forked from the server its parent started (``forkserver.main``, in
  3.11): the server's interpreter, environment and preloaded modules; then the same as spawn
  (``spawn._main``), but the child ends with ``os._exit``: no ``atexit`` callbacks.

A child started by fork is not born here: it is a copy of its parent's process made at
``start()`` (``SimEngine``'s ``fork`` command, ``Process._launch``).
"""
from __future__ import annotations

import importlib.abc
import importlib.util
import os
import pickle
import sys
import types

from ...facade import _random, _stdlib
from ...facade.context import IMPORTS_UTIL, MODULES
from . import memory, process
from .wire import Channel


def _code(path: str):
    """The model's main module, compiled from its bytes as CPython does (its syntax was checked
    by the controller)."""
    with open(path, "rb") as f:
        return compile(f.read(), path, "exec")


FUTURES = "concurrent.futures.process"  # served by facade/futures.py


class FacadeFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Hands out the simulated ``multiprocessing`` modules."""

    def find_spec(self, name, path=None, target=None):
        if name in MODULES or name.startswith("multiprocessing.") or name == FUTURES:
            return importlib.util.spec_from_loader(name, self)
        return None

    def create_module(self, spec):
        if spec.name == "multiprocessing" and "__main__" in sys.modules:
            sys.modules["__mp_main__"] = sys.modules["__main__"]  # as CPython's __init__ does
        if spec.name in IMPORTS_UTIL:
            from ...facade import util
            util.ensure_registered()
        if spec.name == FUTURES:
            from ...facade import futures
            return futures
        mod = MODULES.get(spec.name)
        if mod is None:
            from ...facade.context import _module
            mod = _module(spec.name, {}, ("*",))
        return mod

    def exec_module(self, module):
        pass


def prepare():
    """In the zygote: everything every simulated process shares."""
    sys.meta_path.insert(0, FacadeFinder())
    for name in [n for n in sys.modules if n == "multiprocessing" or n.startswith("multiprocessing.")
                 or n == FUTURES]:
        del sys.modules[name]  # imported by a library at start-up: model processes get the facade
    from ...facade import futures
    futures.install()
    memory.remember_builtins()
    import random  # noqa: F401 - seeded per process at birth (process.seed_random)
    own_builtins()


_FUNC_GLOBALS, _FUNC_BUILTINS = 16, 24  # CPython 3.11's PyFunctionObject: after the object head
_ENGINE_STDLIB = {"dis", "opcode", "socket", "copyreg", "traceback", "linecache", "pickle"}


def own_builtins():
    """mpsim's code looks builtins up in a copy of its own: a model that deletes or replaces
    ``print``, ``len``, ``open`` (in ``builtins``) changes them for itself and the libraries it
    uses, as in CPython, but not for the engine and the facade that run in its process.

    Every module of mpsim, and the few of the standard library's that the engine runs between
    two operations (``_ENGINE_STDLIB``), gets the copy as its ``__builtins__`` (functions made
    from now on take it from there), and every function already made gets it in place of the
    builtins it captured when it was made (CPython 3.11 keeps them in the function object)."""
    import builtins
    import ctypes
    private = dict(builtins.__dict__)
    real = builtins.__dict__
    mine = [m for n, m in list(sys.modules.items())
            if n == "mpsim" or n.startswith("mpsim.") or n in _ENGINE_STDLIB]
    namespaces = {id(m.__dict__) for m in mine}
    seen = set()

    def rebind(fn):
        base = id(fn)
        if (id(fn.__globals__) not in namespaces
                or ctypes.c_void_p.from_address(base + _FUNC_GLOBALS).value != id(fn.__globals__)
                or ctypes.c_void_p.from_address(base + _FUNC_BUILTINS).value != id(real)):
            return  # someone else's, not laid out as expected, or with builtins of its own
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(private))
        ctypes.c_void_p.from_address(base + _FUNC_BUILTINS).value = id(private)
        ctypes.pythonapi.Py_DecRef(ctypes.py_object(real))

    def visit(obj):
        if id(obj) in seen:
            return
        seen.add(id(obj))
        if isinstance(obj, types.FunctionType):
            rebind(obj)
        elif isinstance(obj, (staticmethod, classmethod)):
            visit(obj.__func__)
        elif isinstance(obj, property):
            for part in (obj.fget, obj.fset, obj.fdel):
                visit(part)
        elif isinstance(obj, type):
            for value in list(vars(obj).values()):
                visit(value)

    for module in mine:
        module.__dict__["__builtins__"] = private
        for value in list(module.__dict__.values()):
            visit(value)


def runner(chan: Channel):
    """A fresh process from the zygote: wait to be told which birth it is, then live it."""
    message = chan.recv()
    assert message[0] == "boot", message
    _, birth, model, begin, clock, method = message
    engine = process.install(chan, birth["identity"], model)
    engine._resume(clock)
    engine.begin_result = begin[1] if isinstance(begin, tuple) and begin[0] == "ret" else ()
    process.seed_random(engine.ident)
    engine.default_method = method
    _stdlib.install()
    _random.install()
    os.environ.clear()
    os.environ.update(birth["env"])
    if birth["kind"] == "forkserver":
        _serve(engine, birth)
    sys.argv = list(birth["argv"])
    sys.path[:] = list(birth["path"])
    if birth["kind"] == "main":
        _run_main(engine, model)
    else:
        _run_spawned(engine, model, birth, chan)


def _run_main(engine, model):
    from ...facade.process import MEMORY, _MainProcess
    MEMORY.current = _MainProcess()
    main = types.ModuleType("__main__")
    main.__file__ = model["path"]
    main.__builtins__ = __builtins__
    sys.modules["__main__"] = main
    engine.floor = sys._getframe(1)  # this frame's variables (the exit code...) are the process's
    # CPython runs a script's module frame first; here this frame and the zygote's are below it
    # (and exec() counts twice): measured so that the same recursion fits (docs/semantics.md §25).
    _stdlib.recursion_room(_stdlib.frames_below(sys._getframe()) + 2)
    code, error = 0, None
    try:
        exec(_code(model["path"]), main.__dict__)
    except SystemExit as exc:
        code = _exit_code(exc)
    except BaseException as exc:  # noqa: BLE001 - the script's uncaught exception
        code, error = 1, process.describe_exception(exc, engine)
        _print_uncaught(exc)
    ignored = _run_atexit(engine)
    _flush_at_shutdown()
    engine.exit(code, error or ignored)


def _serve(engine, birth):
    """The forkserver a forkserver child is forked from (docs/semantics.md §21): a fresh
    interpreter (``python -c``) started in its parent's working directory with its parent's
    environment and ``sys.path`` of that moment, which imported the preloaded modules (ignoring an
    ImportError) with a random generator of its own, then forked the child: the at-fork hooks
    are the server's (those its preloaded modules registered), none of the parent's.  A module
    that performs a multiprocessing operation or creates a primitive while it is preloaded stops
    the check (``engine.serving``): the server is not simulated as a process, so it is made again
    for each child (a ``before`` hook's effects on the server do not add up from child to
    child as they do in CPython's one server)."""
    from ...facade.process import MEMORY, _MainProcess
    MEMORY.current = _MainProcess()
    sys.argv = ["-c"]
    sys.path[:] = list(birth["server_path"])
    try:
        os.chdir(birth["server_cwd"])
    except OSError:
        pass
    process.seed_random(("forkserver",) + birth["identity"]["parent"])
    engine.serving = True
    try:
        for name in birth["preload"]:
            try:
                __import__(name)
            except ImportError:
                pass
    finally:
        engine.serving = False
    _stdlib.before_fork()
    process.seed_random(engine.ident)  # the random module reseeds in a forked child
    _stdlib.after_fork_in_child()


def _run_spawned(engine, model, birth, chan):
    """CPython's ``spawn_main``/``_main`` in the child (forkserver: ``forkserver._serve_one``)."""
    from ...facade.process import MEMORY, _MainProcess
    from ...facade import context
    forkserver = birth["kind"] == "forkserver"
    MEMORY.current = _MainProcess(birth["identity"]["name"])
    if birth.get("start_method"):
        context.force(birth["start_method"])
    if birth.get("cwd"):
        try:
            os.chdir(birth["cwd"])
        except OSError:
            pass
    engine.floor = sys._getframe(1)  # this frame's variables (the exit code...) are the process's
    # CPython's spawned child runs its target 5 frames deep (<string>, spawn_main, _main,
    # _bootstrap, run), a forkserver child 6 (<string>, forkserver.main, _serve_one, _main,
    # _bootstrap, run); here _bootstrap and run are called from this frame.
    _stdlib.recursion_room(_stdlib.frames_below(sys._getframe()) + 2 - (6 if forkserver else 5) + 1)
    engine.unlinked = frozenset(engine.begin_result or ())
    code, error = 1, None
    try:
        MEMORY.inheriting = True
        try:
            _import_main(birth.get("main", ("path", model["path"])))
            obj = pickle.loads(birth["payload"])
        finally:
            MEMORY.inheriting = False
        code = obj._bootstrap()
    except SystemExit as exc:  # forkserver.main catches Exception only, then os._exit(1)
        code = 1 if forkserver else _exit_code(exc)
    except BaseException as exc:  # noqa: BLE001 - uncaught in spawn_main: printed, exit code 1
        code = 1
        if isinstance(exc, Exception) or not forkserver:
            error = process.describe_exception(exc, engine)
            _print_uncaught(exc)
    if engine.death is not None:
        error = engine.death
    ignored = None
    if not forkserver:  # spawn_main ends with sys.exit(code): the atexit callbacks run
        ignored = _run_atexit(engine)
        _flush_at_shutdown()
    engine.exit(code, error or ignored)  # forkserver: os._exit(code)


def _import_main(main):
    """CPython's ``spawn._fixup_main_from_name``/``_fixup_main_from_path``: run the parent's main
    module again as ``__mp_main__`` (its ``if __name__ == "__main__"`` block does not run).
    CPython runs a script in a temporary namespace and keeps a copy as ``__mp_main__``; here it
    runs in ``__mp_main__`` itself (README, Known limits)."""
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
            first.append(process.describe_exception(unraisable.exc_value, engine))
        default(unraisable)

    sys.unraisablehook = hook
    try:
        atexit._run_exitfuncs()
    finally:
        sys.unraisablehook = default
    return first[0] if first else None


def _flush_at_shutdown():
    """The interpreter flushes stdout and stderr as it shuts down (after the atexit callbacks)."""
    from ...facade import util
    util._flush_std_streams()
