"""An attribute stored on a Condition object in the parent, used by the consumer.

What it does: `cond = multiprocessing.Condition(); cond.batch_size = 2`; the consumer waits on
the condition for a notify and then prints `cond.batch_size`; the producer sets a shared count
and notifies.

Real CPython: fork - the Process arguments are inherited as objects: the consumer prints
"consumer: batch of 2", exit 0. spawn - the Condition is pickled by its own __getstate__, which
drops the attribute: AttributeError: 'Condition' object has no attribute 'batch_size' (exit 1).

mpsim claim tested: primitives passed to a spawned child are rebuilt from their pickled state
(extra attributes lost); under fork they are the parent's objects.
"""
# family: start methods
import multiprocessing


def consumer(cond, ready):
    with cond:
        cond.wait_for(lambda: ready.value)
        print(f"consumer: batch of {cond.batch_size}")


if __name__ == "__main__":
    cond = multiprocessing.Condition()
    cond.batch_size = 2
    ready = multiprocessing.Value("b", False)
    p = multiprocessing.Process(target=consumer, args=(cond, ready))
    p.start()
    with cond:
        ready.value = True
        cond.notify()
    p.join()
    print(f"exit code {p.exitcode}")
