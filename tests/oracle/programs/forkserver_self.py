"""A program that chooses the forkserver start method itself (Linux) and runs a small pipeline.

What it does: set_start_method("forkserver"); a worker squares numbers from a JoinableQueue and
marks them done; the parent puts 3 numbers, joins the queue, stops the worker with None.

Real CPython: "squares: [1, 4, 9]", exit 0 (identical with --start-method fork/spawn, since the
program's own choice wins).

mpsim claim tested: forkserver (not modelled today: README lists it under "not yet").
"""
# family: start methods
import multiprocessing


def worker(tasks, results):
    while True:
        n = tasks.get()
        if n is None:
            tasks.task_done()
            break
        results.put(n * n)
        tasks.task_done()


if __name__ == "__main__":
    multiprocessing.set_start_method("forkserver")
    tasks, results = multiprocessing.JoinableQueue(), multiprocessing.Queue()
    p = multiprocessing.Process(target=worker, args=(tasks, results))
    p.start()
    for n in (1, 2, 3):
        tasks.put(n)
    tasks.join()
    print(f"squares: {sorted(results.get() for _ in range(3))}")
    tasks.put(None)
    p.join()
