"""Never reaching an operation: a child puts an item, then spins for ever (`while True: pass`)
before its next put; main waits for two items.

Plain python spins for ever.  A good checker: a non-termination finding (exit 1) or a search cut
short by --time-limit (exit 3), within a second of the limit - never a hang past it.

expect: exit 1 nontermination
expect: exit 3 budget
"""
import multiprocessing


def work(q):
    q.put(1)
    while True:
        pass
    q.put(2)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=work, args=(q,), name="half-done")
    p.start()
    print(q.get(), q.get())
    p.join()
