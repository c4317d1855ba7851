"""Two producers put dicts; main sorts what four get()s return, in one sorted() call over a
generator: the values sorted() has collected so far are state of main's that only the results it
was given show (a C function collecting between operations)."""
import multiprocessing


def produce(q):
    q.put({"a": 1})
    q.put({"a": 2})


if __name__ == "__main__":
    q = multiprocessing.Queue()
    ps = [multiprocessing.Process(target=produce, args=(q,)) for _ in range(2)]
    for p in ps:
        p.start()
    print(sorted(q.get()["a"] for _ in range(4)))
    for p in ps:
        p.join()
