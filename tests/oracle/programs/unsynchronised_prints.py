"""Parent and two children print with no synchronisation between them.

What it does: the parent prints "main: start", starts two workers that each print two lines,
prints "main: started", joins them and prints "main: end".

Real CPython (stdout is a pipe, so each process's output is flushed when it exits or the buffer
fills): "main: start" comes first; each child's two lines stay together and appear when the child
exits; "main: started" is buffered in the parent and appears after the children's lines, just
before "main: end". The children's order varies.

mpsim claim tested: the possible final stdout texts ("outcomes"): buffering, not only
interleaving, decides the order of lines in a pipe.
"""
# family: output order
import multiprocessing


def worker(n):
    print(f"worker {n}: step 1")
    print(f"worker {n}: step 2")


if __name__ == "__main__":
    print("main: start")
    procs = [multiprocessing.Process(target=worker, args=(n,)) for n in (1, 2)]
    for p in procs:
        p.start()
    print("main: started")
    for p in procs:
        p.join()
    print("main: end")
