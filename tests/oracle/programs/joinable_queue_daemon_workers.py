"""The docs' JoinableQueue pattern: daemon workers loop forever; main puts work and q.join()s.

What it does: two daemon workers `while True: item = q.get(); ...; q.task_done()` add into a
shared Value; the main block puts 6 items, waits for q.join(), prints the total and exits.

Real CPython: "total 21", exit 0, fork and spawn.

mpsim claim tested: daemons looping forever are terminated at exit; no nontermination finding.
"""
# family: other real-world code
import multiprocessing


def worker(q, total):
    while True:
        item = q.get()
        with total.get_lock():
            total.value += item
        q.task_done()


if __name__ == "__main__":
    q = multiprocessing.JoinableQueue()
    total = multiprocessing.Value("i", 0)
    for _ in range(2):
        multiprocessing.Process(target=worker, args=(q, total), daemon=True).start()
    for item in range(1, 7):
        q.put(item)
    q.join()
    print(f"total {total.value}")
