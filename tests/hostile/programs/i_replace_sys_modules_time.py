"""Interpreter abuse: once its child has finished, the main process puts None into
sys.modules["time"] (so that any later `import time` fails) and replaces
sys.modules["json"] with an empty module.

Plain python: nothing imports anything afterwards; exit 0.  A good checker: clean (exit 0) -
what the model does to sys.modules must not reach the checker's own imports or its JSON output.

expect: exit 0 clean
"""
import multiprocessing
import sys
import time
import types


def work(lock):
    with lock:
        time.sleep(0.01)


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    p.join()
    sys.modules["time"] = None
    sys.modules["json"] = types.ModuleType("json")
