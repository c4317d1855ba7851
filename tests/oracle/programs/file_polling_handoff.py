"""The parent waits for a worker's output file by polling os.path.exists() with a short sleep.

What it does: the worker sleeps 0.1 s and writes "42" to a result file (write to a temporary name,
then os.replace); the parent polls every 10 ms until the file exists, reads it and joins.

Real CPython: "result 42", exit 0, fork and spawn.

mpsim claim tested: processes also communicate through the file system; a polling loop that only
sleeps must end once the other process has written the file (not be reported as nontermination,
not loop forever).
"""
# family: other real-world code
import multiprocessing
import os
import tempfile
import time


def worker(path):
    time.sleep(0.1)
    with open(path + ".tmp", "w") as f:
        f.write("42")
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "result.txt")
    p = multiprocessing.Process(target=worker, args=(path,))
    p.start()
    while not os.path.exists(path):
        time.sleep(0.01)
    with open(path) as f:
        print(f"result {f.read()}")
    p.join()
    os.unlink(path)
    os.rmdir(folder)
