"""A model inside a package that imports its siblings with relative imports.

Run as a file (python targets/pkg_relative/model.py) CPython refuses the relative import:
"ImportError: attempted relative import with no known parent package"; run as a module
(python -m pkg_relative.model from targets/) it works and exits 0.
"""
import multiprocessing

from . import helpers
from .helpers import worker

if __name__ == "__main__":
    lock, counter = multiprocessing.Lock(), multiprocessing.Value("i", 0, lock=False)
    procs = [multiprocessing.Process(target=worker, args=(lock, counter)) for _ in range(helpers.WORKERS)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    assert counter.value == helpers.WORKERS, counter.value
