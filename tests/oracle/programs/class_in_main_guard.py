"""A class defined inside `if __name__ == "__main__":` and passed (an instance) to a worker.

Real CPython: fork - works: "worker: resize photo.jpg to 640", exit code 0. spawn - the child
cannot unpickle the argument: AttributeError: Can't get attribute 'Task' on <module '__mp_main__'
from '.../class_in_main_guard.py'> (the child exits 1; the parent prints "exit code 1").

mpsim claim tested: under spawn, names only defined in the main block do not exist in the child.
"""
# family: start methods
import multiprocessing


def worker(task):
    print(f"worker: {task.action} {task.target} to {task.size}")


if __name__ == "__main__":
    class Task:
        def __init__(self, action, target, size):
            self.action, self.target, self.size = action, target, size

    p = multiprocessing.Process(target=worker, args=(Task("resize", "photo.jpg", 640),))
    p.start()
    p.join()
    print(f"exit code {p.exitcode}")
