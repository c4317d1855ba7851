"""Malformed input: a directory instead of a file, one without __main__.py.

Plain python says "can't find '__main__' module in 'targets/plain_dir'" and exits 1.  A good
checker says the model is a directory it cannot run: a usage/model error (exit 2).

target: targets/plain_dir
expect: exit 2 model-error
"""
# This file only describes the case: the test runs mpsim on the target named above.
