"""Helper module for helper_module_results.py: a module-level list meant to collect results."""
RESULTS = []


def add(value):
    RESULTS.append(value)
