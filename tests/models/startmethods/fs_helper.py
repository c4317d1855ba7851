"""A helper module of forkserver.py: what importing it left behind, and who imported it."""
import random
import sys

IMPORTED_BY = "the forkserver" if sys.argv[:1] == ["-c"] else "this process"
TOKEN = random.random()  # drawn once per import
VALUE = "as imported"
