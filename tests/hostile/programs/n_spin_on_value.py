"""Odd but legal: main spins on a shared flag (`while not flag.value: pass`) until its child sets
it.

Every read of flag.value is an operation, so the loop is a cycle the child can always leave;
plain python ends at once.  A good checker: clean (exit 0) under weak fairness - the child is
never blocked, so the spin is not a non-termination.

expect: exit 0 clean
"""
import multiprocessing


def work(flag):
    flag.value = 1


if __name__ == "__main__":
    flag = multiprocessing.Value("i", 0)
    p = multiprocessing.Process(target=work, args=(flag,), name="setter")
    p.start()
    while not flag.value:
        pass
    p.join()
