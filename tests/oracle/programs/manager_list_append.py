"""Workers append to a Manager().list() (each append is one call to the manager: atomic).

What it does: three workers append their name twice each; the main block prints the length and
the sorted list.

Real CPython: "6 items", "['w0', 'w0', 'w1', 'w1', 'w2', 'w2']", exit 0 in every run, fork and
spawn.

mpsim claim tested: a manager list's append is one atomic operation: no lost update, no race
finding.
"""
# family: races without asserts
# oracle: -n 40
import multiprocessing


def worker(shared, name):
    for _ in range(2):
        shared.append(name)


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        shared = manager.list()
        procs = [multiprocessing.Process(target=worker, args=(shared, f"w{i}")) for i in range(3)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        print(f"{len(shared)} items")
        print(sorted(shared))
