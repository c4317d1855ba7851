"""Two sets equal in contents and in iteration order ({0, 8}) can still iterate differently once
a further item is added: one was built by removing an item, which leaves a mark in its table."""
import multiprocessing


def worker(e, flag, out):
    e.wait()
    if flag.value:
        s = {0, 16, 8}
        s.discard(16)
    else:
        s = {0, 8}
    flag.value = 2
    s.add(24)
    for x in s:
        out.put(x)


if __name__ == "__main__":
    e = multiprocessing.Event()
    flag = multiprocessing.Value("i", 0)
    out = multiprocessing.SimpleQueue()
    p = multiprocessing.Process(target=worker, args=(e, flag, out))
    p.start()
    e.set()
    flag.value = 1
    got = [out.get() for _ in range(3)]
    p.join()
    assert got == [0, 8, 24], got
