"""Odd but legal: the model is a directory with a __main__.py (targets/dir_main/), as
`python targets/dir_main` runs it.

The __main__.py is the ABBA deadlock.  A good checker runs the directory as python does: a
deadlock finding (exit 1); or, if it does not support directories, a usage/model error that says
so (exit 2) - never an internal traceback.

target: targets/dir_main
expect: exit 1 deadlock
expect: exit 2 model-error directory
"""
# This file only describes the case: the test runs mpsim on the target named above.
