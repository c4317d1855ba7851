"""The parent prints between two start()s while the first child prints.

The child's line and the parent's can come in either order (the child runs as soon as it is
started).  The parent's second start() changes nothing the children see, so the partial-order
reduction could take it alone, right after the parent printed - but the outcomes order a line
before another process's only once its printer has moved on, so taking that start() first would
put the parent's line before the child's in every run.  mpsim/reduction.py does not reduce there.

Expected mpsim verdict: no problem; the outcomes list both orders of "a: hello" and "parent:
started a".
"""
import multiprocessing


def hello(name):
    print(f"{name}: hello")


if __name__ == "__main__":
    a = multiprocessing.Process(target=hello, args=("a",))
    a.start()
    print("parent: started a")
    b = multiprocessing.Process(target=hello, args=("b",))
    b.start()
    a.join()
    b.join()
