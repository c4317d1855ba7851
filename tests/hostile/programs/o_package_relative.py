"""Odd but legal: a model inside a package directory (targets/pkg_relative/) that imports its
siblings with relative imports (`from . import helpers`, `from .helpers import worker`).

Given the file, CPython runs it as a script: the relative import fails with "ImportError:
attempted relative import with no known parent package" (exit 1); run as a module (-m) it works
(exit 0).  A good checker either does what python does with the file (an exception finding,
ImportError), checks it as the package module it is (clean, exit 0), or says it cannot load it (a
usage/model error about the relative import) - never an internal traceback.

target: targets/pkg_relative/model.py
expect: exit 1 exception ImportError
expect: exit 0 clean
expect: exit 2 model-error relative import
"""
# This file only describes the case: the test runs mpsim on the target named above.
