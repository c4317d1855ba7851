"""Malformed input: the model file does not exist.

A good checker says so in one line: a usage/model error (exit 2) whose message says there is no
such file.

target: targets/no_such_model.py
expect: exit 2 model-error no such file
"""
# This file only describes the case: the test runs mpsim on the target named above.
