"""A Pool initializer gives each worker its own state (a "connection" with a per-worker id);
tasks use it and report which worker state they saw.

What it does: Pool(2, initializer=init, initargs=(counter,)) where init takes the next id from a
shared Value under its lock and stores it in a global; each of 6 tasks returns that id; the main
block prints the set of ids.

Real CPython: "worker ids used: [1, 2]", exit 0 in 40/40 runs, fork and spawn ("[1]" or "[2]",
one worker taking every task, would be possible too but was not seen).

mpsim claim tested: the initializer runs once in each worker before its tasks; a module global
set there is per worker.
"""
# family: per-process interpreter state
# oracle: -n 40
import multiprocessing

conn_id = None


def init(counter):
    global conn_id
    with counter.get_lock():
        counter.value += 1
        conn_id = counter.value


def task(_):
    return conn_id


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    with multiprocessing.Pool(2, initializer=init, initargs=(counter,)) as pool:
        ids = pool.map(task, range(6), chunksize=1)
    print(f"worker ids used: {sorted(set(ids))}")
