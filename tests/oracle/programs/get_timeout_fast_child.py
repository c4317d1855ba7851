"""The parent waits for a worker's answer with q.get(timeout=10); the worker answers at once.

Real CPython: "answer: 42", exit 0 in every run under fork and spawn (the answer arrives within
milliseconds, the 10-second timeout never fires).

mpsim claim tested: a timeout is real time: a 10 s timeout cannot fire while the other process
can move at once (an untimed "may time out whenever it would block" reports a _queue.Empty that
never happens).
"""
# family: time
import multiprocessing


def worker(q):
    q.put(42)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=worker, args=(q,))
    p.start()
    print(f"answer: {q.get(timeout=10)}")
    p.join()
