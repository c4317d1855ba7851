"""Condition.wait_for with a predicate over a shared counter: the consumer waits until the
producer has made three items.

What it does: the producer increments `made` under the condition three times, notify_all() each
time; the consumer calls cond.wait_for(lambda: made.value >= 3, timeout=5) and prints its result
and the count.

Real CPython: "consumer: ready=True made=3", "main: done", exit 0 in every run, fork and spawn.

mpsim claim tested: wait_for re-checks its predicate at every notify and returns True once it
holds (also when it already held before the wait).
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing


def producer(cond, made):
    for _ in range(3):
        with cond:
            made.value += 1
            cond.notify_all()


def consumer(cond, made):
    with cond:
        ready = cond.wait_for(lambda: made.value >= 3, timeout=5)
        print(f"consumer: ready={ready} made={made.value}", flush=True)


if __name__ == "__main__":
    cond = multiprocessing.Condition()
    made = multiprocessing.Value("i", 0, lock=False)
    procs = [multiprocessing.Process(target=consumer, args=(cond, made)),
             multiprocessing.Process(target=producer, args=(cond, made))]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print("main: done")
