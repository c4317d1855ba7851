"""A worker drains a queue with get(timeout=...) and stops on queue.Empty (no sentinel).

What it does: the main block starts the worker, then puts 5 jobs at once; the worker loops
`q.get(timeout=1)`, adds each job into a results queue, and breaks on queue.Empty; the main block
reads how many the worker processed.

Real CPython: "processed 5 jobs", exit 0 in every run, fork and spawn (the parent's puts come
within milliseconds; the 1 s timeout fires only after the last job).

mpsim claim tested: a get() timeout does not fire while the producer can still put at once; the
worker ends through queue.Empty.
"""
# family: time
# oracle: -n 40
import multiprocessing
import queue


def worker(jobs, done):
    count = 0
    while True:
        try:
            jobs.get(timeout=1)
        except queue.Empty:
            break
        count += 1
    done.put(count)


if __name__ == "__main__":
    jobs, done = multiprocessing.Queue(), multiprocessing.Queue()
    p = multiprocessing.Process(target=worker, args=(jobs, done))
    p.start()
    for n in range(5):
        jobs.put(n)
    print(f"processed {done.get()} jobs")
    p.join()
