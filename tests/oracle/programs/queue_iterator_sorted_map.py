"""A generator over a Pipe consumed by sorted() and a map() whose function does a queue put.

What it does: a child sends 4 words
and "END" over a Pipe; the parent does `sorted(receive(conn))`; then
`list(map(submit, words))` where submit() puts each word in a queue that a second child echoes in
upper case; the parent prints both results.

Real CPython: prints "sorted: ['apple', 'kiwi', 'pear', 'plum']" and
"upper: ['APPLE', 'KIWI', 'PEAR', 'PLUM']", exit 0, fork and spawn.

mpsim claim tested: operations inside sorted()/map() (C code holding the partial results).
"""
# family: state a fingerprint might miss
import multiprocessing


def receive(conn):
    while True:
        word = conn.recv()
        if word == "END":
            return
        yield word


def sender(conn):
    for word in ("pear", "apple", "plum", "kiwi", "END"):
        conn.send(word)


def shouter(inbox, outbox):
    for _ in range(4):
        outbox.put(inbox.get().upper())


if __name__ == "__main__":
    here, there = multiprocessing.Pipe()
    inbox, outbox = multiprocessing.Queue(), multiprocessing.Queue()
    procs = [multiprocessing.Process(target=sender, args=(there,)),
             multiprocessing.Process(target=shouter, args=(inbox, outbox))]
    for p in procs:
        p.start()
    words = sorted(receive(here))
    print(f"sorted: {words}")
    list(map(inbox.put, words))
    print(f"upper: {[outbox.get() for _ in words]}")
    for p in procs:
        p.join()
