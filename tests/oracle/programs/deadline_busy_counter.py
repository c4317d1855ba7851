"""Two workers increment a shared counter under its lock as fast as they can for 0.1 s.

What it does: `while time.time() < deadline: with counter.get_lock(): counter.value += 1`
(no sleep in the loop); the parent prints the total.

Real CPython: "counted # increments" (a large number; masked), exit 0, fork and spawn.

mpsim claim tested: a loop bounded only by the clock and containing operations must end (the
clock advances while processes run); a simulator whose clock stands still while no one sleeps
reports nontermination or never finishes.
"""
# family: time
# oracle: --mask-numbers
import multiprocessing
import time


def worker(counter, deadline):
    while time.time() < deadline:
        with counter.get_lock():
            counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    deadline = time.time() + 0.3
    procs = [multiprocessing.Process(target=worker, args=(counter, deadline)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(f"counted {counter.value} increments")
