"""Never reaching an operation: `while True: pass` in the main process before its first
operation.

Plain python spins for ever.  A good checker: a non-termination finding (exit 1) or a search cut
short by --time-limit (exit 3), within a second of the limit - never a hang past it.

expect: exit 1 nontermination
expect: exit 3 budget
"""
import multiprocessing

if __name__ == "__main__":
    while True:
        pass
    lock = multiprocessing.Lock()
