"""Malformed input: an empty model file (0 bytes, targets/empty.py).

Plain python runs it and exits 0.  A good checker either checks it (one process, nothing to do:
clean, exit 0) or says there is nothing to check (usage/model error, exit 2).

target: targets/empty.py
expect: exit 0 clean
expect: exit 2 model-error
"""
# This file only describes the case: the test runs mpsim on the target named above.
