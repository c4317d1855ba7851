"""A generator passed as a Process argument: fine under fork (nothing is pickled), an error under
spawn (the arguments are pickled for the new interpreter).

What it does: Process(target=consume, args=((n * n for n in range(4)),)); the child sums it.

Real CPython: fork: "sum 14", exit 0; spawn: start() raises TypeError: cannot pickle 'generator'
object in the parent (exit 1).

mpsim claim tested: under spawn a Process's arguments must pickle; under fork they need not.
"""
# family: start methods
# oracle: -n 40
import multiprocessing


def consume(numbers):
    print(f"sum {sum(numbers)}")


if __name__ == "__main__":
    p = multiprocessing.Process(target=consume, args=((n * n for n in range(4)),))
    p.start()
    p.join()
