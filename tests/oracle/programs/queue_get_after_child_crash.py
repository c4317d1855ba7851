"""The parent waits for a result from a worker that crashes before it puts anything.

What it does: the worker parses "forty-two" with int() (ValueError) before q.put(); the parent
calls q.get() with no timeout.

Real CPython: the worker's traceback ends in ValueError: invalid literal for int() with base 10:
'forty-two'; the parent then waits in q.get() forever: every run hangs (fork and spawn).

mpsim claim tested: both the exception finding and the deadlock (MainProcess in q.get() with no
process left to put).
"""
# family: other real-world code
# oracle: --timeout 3
import multiprocessing


def worker(q, text):
    q.put(int(text) * 2)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=worker, args=(q, "forty-two"))
    p.start()
    print(f"result: {q.get()}")
    p.join()
