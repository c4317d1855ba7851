"""A JoinableQueue consumer calls task_done() twice for one item (once in the loop body, once in a
finally).

What it does: the main block puts one job and q.join()s; the worker gets it, calls task_done(),
and its finally calls task_done() again; the main block then joins the worker and prints its exit
code.

Real CPython: the second task_done() raises ValueError: task_done() called too many times in the
worker (traceback on stderr, exit code 1); q.join() returned after the first; main prints "queue
joined", "worker exit code 1", exit 0, fork and spawn.

mpsim claim tested: task_done() beyond the number of items put raises ValueError in the caller.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing


def worker(q):
    item = q.get()
    try:
        print(f"worker: handled {item}", flush=True)
        q.task_done()
    finally:
        q.task_done()


if __name__ == "__main__":
    q = multiprocessing.JoinableQueue()
    p = multiprocessing.Process(target=worker, args=(q,))
    p.start()
    q.put("job-1")
    q.join()
    print("queue joined")
    p.join()
    print(f"worker exit code {p.exitcode}")
