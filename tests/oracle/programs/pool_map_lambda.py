"""pool.map with a lambda (a frequent first attempt): the function must be pickled for the
workers, and a lambda cannot be.

Real CPython: pool.map raises _pickle.PicklingError: Can't pickle <function <lambda> at 0x...>:
attribute lookup <lambda> on __main__ failed in the parent (exit 1), fork and spawn.

mpsim claim tested: a pool task's function is pickled by reference even under fork.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing

if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(lambda x: x * 2, range(4)))
