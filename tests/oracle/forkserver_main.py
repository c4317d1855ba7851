"""Run a program under the forkserver start method:

    python tests/oracle/forkserver_main.py PROGRAM.py [program args]

It sets the start method, puts the program's folder first on sys.path (as `python PROGRAM.py`
would) and runs the program as __main__ with runpy.run_path, so children re-import the program
itself (run_path installs it as sys.modules["__main__"] while it runs).
"""
import multiprocessing
import os
import runpy
import sys

if __name__ == "__main__":
    path = os.path.abspath(sys.argv[1])
    sys.argv = sys.argv[1:]
    sys.path[0] = os.path.dirname(path)
    multiprocessing.set_start_method("forkserver")
    runpy.run_path(path, run_name="__main__")
