"""A child that runs its own code for ever (no operation in its loop), and a parent that joins it.

mpsim stops a process that reaches no operation within the step limit and treats it as running
for ever where it was stopped; that state's next steps run no code.  On a Dask cluster those
steps stay in the controller (tests/test_workers.py).

Expected mpsim verdict: nontermination (the child loops for ever, the parent waits in join()).
"""
import multiprocessing


def busy():
    while True:
        pass


if __name__ == "__main__":
    p = multiprocessing.Process(target=busy)
    p.start()
    p.join()
