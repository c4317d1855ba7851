"""A Process subclass that opens its log file in __init__ (in the parent) and writes in run().

What it does: LoggingWorker.__init__ opens a temporary file for appending; run() writes a line;
the parent then reads the file back.

Real CPython: fork - the child writes through the inherited file object: "log: worker wrote
this", exit 0. spawn - start() must pickle the Process object: TypeError: cannot pickle
'_io.TextIOWrapper' object in the parent (exit 1).

mpsim claim tested: under spawn the Process object itself (a subclass with attributes) is
pickled at start().
"""
# family: start methods
import multiprocessing
import os
import tempfile


class LoggingWorker(multiprocessing.Process):
    def __init__(self, path):
        super().__init__()
        self.path = path
        self.log = open(path, "a")

    def run(self):
        self.log.write("worker wrote this\n")
        self.log.close()


if __name__ == "__main__":
    fd, path = tempfile.mkstemp(suffix=".log")
    os.close(fd)
    try:
        w = LoggingWorker(path)
        w.start()
        w.join()
        with open(path) as f:
            print("log:", f.read().strip())
    finally:
        os.unlink(path)
