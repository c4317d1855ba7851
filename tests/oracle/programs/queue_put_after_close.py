"""A producer closes its queue in a cleanup step and a later put() still uses it.

What it does: the worker puts "a", calls q.close(), then puts "b"; the parent gets one item,
joins the worker and prints the worker's exit code.

Real CPython: the second put raises ValueError: Queue <multiprocessing.queues.Queue object at
0x...> is closed in the worker (exit code 1); the parent prints "got a", "worker exit code 1",
exit 0, fork and spawn.

mpsim claim tested: a closed Queue refuses put() in the process that closed it; what was put
before close() still arrives.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing


def worker(q):
    q.put("a")
    q.close()
    q.put("b")


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=worker, args=(q,))
    p.start()
    print(f"got {q.get()}")
    p.join()
    print(f"worker exit code {p.exitcode}")
