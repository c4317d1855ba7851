"""Malformed input: the program imports a module that does not exist.

Plain python dies at start-up with ModuleNotFoundError (exit 1).  A good checker says so in the
user's terms: an exception finding (ModuleNotFoundError) in the main process, or a usage/model
error naming the missing module.

expect: exit 1 exception ModuleNotFoundError
expect: exit 2 model-error no_such_module_for_mpsim_hostile
"""
import multiprocessing

import no_such_module_for_mpsim_hostile  # noqa: F401

if __name__ == "__main__":
    multiprocessing.Lock()
