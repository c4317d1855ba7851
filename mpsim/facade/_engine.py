"""The engine under this process's ``multiprocessing``: the simulator's or the real replay's.

The facade (this package) is the one implementation of ``multiprocessing`` that model code runs
on.  Everything it cannot decide alone it asks the engine installed in this process:

========================================  =======================================================
``ident``, ``name``, ``pid``, ``daemon``   who this process is (idents are tuples: ``()`` is the
``parent``, ``parent_pid``                 main process, ``(1, 2)`` the second child of Process-1)
``perform(target, method, args, shown,``   one declared operation on a primitive (``target`` is
``decode)``                                its oid) or on processes (an ident, or None); returns
                                           its result or raises its exception
``create(state, **cpython)``              a new primitive with this initial state: its oid
                                           (``cpython``: what CPython's constructor takes that
                                           the state leaves out - ``method``, the start method
                                           of a primitive on named semaphores, and a Value's
                                           ``ctype``; the simulator needs none of it)
``unlink(oid)``                            its creator let it go: its named semaphores are gone
``export(oid, named)`` / ``adopt(oid,``   what a handle carries to a spawned child besides its
``data)``                                  oid (``named``: built on named semaphores), and taking
                                           it back there
``spawning``                               the pipe ends being pickled for a child's start, or
                                           None outside ``Process.start``
``start(process, method, payload, ends,``  start a child; returns ``CHILD`` in a forked child
``server)``                                (``server``: forkserver's environment, working
                                           directory and preloaded modules)
``default_start_method()``                 the platform's default start method (the default
                                           context asks once, when it is first used)
``exit(code, error)``                      this process ends (never returns); ``exit_now(code)``
                                           for ``os._exit``
``died(exc)``                              a child's ``_bootstrap`` caught ``exc``: what it was
``what_raised(exc)``                       what an exception was (an ``atexit`` callback's)
``now_ns()``                               the machine's clock in ns (later at each read)
``unsupported(what)``                      stop: the program uses what is not modelled
``location(frame)``                        (file, line) of the program's innermost frame
========================================  =======================================================

``install`` is called once per process, before any model code runs.
"""
from __future__ import annotations

ENGINE = None


class _Child:
    """What ``Engine.start`` returns in a forked child: the copy now runs the child."""

    def __repr__(self):
        return "CHILD"


CHILD = _Child()


def program_line(frame, floor, is_model_file) -> tuple:
    """(file, line) of the program's innermost frame among this process's own - from ``frame``
    outwards until ``floor`` (a forked child's frames below it are its parent's, never to run
    again: a pool worker's or a finalizer's operation has no line of the program there, as under
    spawn); ("<exit>", 0) when there is none.  Both engines' ``location``."""
    while frame is not None and frame is not floor:
        if is_model_file(frame.f_code.co_filename):
            return (frame.f_code.co_filename, frame.f_lineno)
        frame = frame.f_back
    return ("<exit>", 0)


def install(engine):
    global ENGINE
    ENGINE = engine


def engine():
    if ENGINE is None:
        raise RuntimeError("mpsim's multiprocessing is used outside a simulated or replayed process")
    return ENGINE
