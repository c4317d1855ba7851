"""Half-evaluated expressions: the first read's result waits on the value stack while the second
read runs.  Main sees 0+0, 0+1 or 1+1 depending on when the child writes; all must be found."""
import multiprocessing


def writer(v):
    v.value = 1


if __name__ == "__main__":
    v = multiprocessing.Value("i", 0)
    p = multiprocessing.Process(target=writer, args=(v,))
    p.start()
    total = v.value + v.value
    p.join()
    assert False, f"total {total}"
