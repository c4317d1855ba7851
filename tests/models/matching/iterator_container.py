"""A list iterator is tied to its list: the worker appends to the list while iterating, so the
same iterator position leads to a different number of rounds."""
import multiprocessing


def worker(e, flag):
    items = [1, 2]
    it = iter(items)
    next(it)
    e.wait()
    if flag.value:
        items.append(3)
    flag.value = 2
    rounds = 0
    for _ in it:
        rounds += 1
        e.wait()
    assert rounds == 1, f"{rounds} rounds"


if __name__ == "__main__":
    e = multiprocessing.Event()
    flag = multiprocessing.Value("i", 0)
    p = multiprocessing.Process(target=worker, args=(e, flag))
    p.start()
    e.set()
    flag.value = 1
    p.join()
