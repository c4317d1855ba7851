"""Passing objects of classes/functions defined in __main__ to a child, per start method.

    python docs/probes/pickle_main.py METHOD CASE

CASE
  module_class   an instance of a class defined at module level; before start() the parent
                 changes an instance attribute and a class attribute
  guarded_class  an instance of a class defined inside `if __name__ == "__main__":`
  lambda         target=lambda: ...
  nested         target = a function defined inside another function
  guarded_func   target = a function defined inside `if __name__ == "__main__":`
"""
import sys

import multiprocessing as mp


class Point:
    kind = "class attribute as defined"

    def __init__(self):
        self.x = "instance attribute as created"


def show(obj):
    print(f"child: got {type(obj).__module__}.{type(obj).__qualname__}: x={obj.x!r}, "
          f"kind={obj.kind!r}, type is __main__.{type(obj).__name__}: "
          f"{type(obj) is getattr(sys.modules['__main__'], type(obj).__name__, None)}", flush=True)


def make_nested():
    def inner():
        print("child: nested function ran", flush=True)
    return inner


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)  # usage
    method, case = sys.argv[1:3]
    mp.set_start_method(method)

    class Guarded:
        kind = "guarded class"

        def __init__(self):
            self.x = 1

    def guarded_func():
        print("child: guarded function ran", flush=True)

    if case == "module_class":
        obj = Point()
        obj.x = "instance attribute changed before start"
        Point.kind = "class attribute changed before start"
        p = mp.Process(target=show, args=(obj,))
    elif case == "guarded_class":
        p = mp.Process(target=show, args=(Guarded(),))
    elif case == "lambda":
        p = mp.Process(target=lambda: print("child: lambda ran", flush=True))
    elif case == "nested":
        p = mp.Process(target=make_nested())
    elif case == "guarded_func":
        p = mp.Process(target=guarded_func)
    try:
        p.start()
    except Exception as e:
        print(f"parent: start() raised {type(e).__module__}.{type(e).__name__}: {e}")
    else:
        p.join()
        print(f"parent: child exit code {p.exitcode}")
