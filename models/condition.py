"""Producer/consumer with a Condition, and the lost wake-up.

Teaches: always check the condition's predicate while holding the
condition's lock, in a `while` loop around wait().  A notify() that
happens when nobody is waiting is simply lost.

A producer sets a shared "ready" flag and notifies; a consumer waits
until the flag is set.
  correct (default): consumer: with cond: while not ready.value: cond.wait()
  lost-wakeup:       consumer checks `if not ready.value:` OUTSIDE the lock
                     and only then enters `with cond: cond.wait()`.  If the
                     producer sets the flag and notifies in that gap, the
                     notify is lost and the consumer sleeps forever.

Expected mpsim verdicts:
  correct     -> clean: no deadlock, no exception, terminates
  lost-wakeup -> deadlock (consumer blocked in cond.wait(), main in
                 consumer.join(); the producer has finished)

Usage: python condition.py [correct|lost-wakeup]
"""
import multiprocessing
import sys

USAGE = "usage: python condition.py [correct|lost-wakeup]"


def consumer(cond, ready):
    with cond:
        while not ready.value:
            cond.wait()
    print("consumer: the data is ready")


def consumer_lost_wakeup(cond, ready):
    if not ready.value:  # BUG: checked without holding the lock
        with cond:
            cond.wait()  # the producer may already have notified
    print("consumer: the data is ready")


def producer(cond, ready):
    with cond:
        ready.value = 1
        cond.notify()
    print("producer: data produced")


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) > 1 or (args and args[0] not in ("correct", "lost-wakeup")):
        print(USAGE, file=sys.stderr)
        sys.exit(2)
    mode = args[0] if args else "correct"

    cond = multiprocessing.Condition()
    ready = multiprocessing.Value('i', 0, lock=False)  # the condition's lock protects it
    target = consumer_lost_wakeup if mode == "lost-wakeup" else consumer
    c = multiprocessing.Process(target=target, args=(cond, ready), name="consumer")
    p = multiprocessing.Process(target=producer, args=(cond, ready), name="producer")
    c.start()
    p.start()
    c.join()
    p.join()
    print("main: done")
