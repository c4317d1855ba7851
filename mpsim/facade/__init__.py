"""The ``multiprocessing`` package a model process imports, written once over an engine.

``context.MODULES`` maps CPython's module names to the simulated modules; ``_engine`` is the
interface to the engine underneath (the simulator's or the real replay's); ``_stdlib`` patches
the rest of the standard library a model process sees; ``lifecycle`` installs the modules and
runs a main or spawned process as CPython does.
"""
