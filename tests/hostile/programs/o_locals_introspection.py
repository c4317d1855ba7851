"""Odd but legal: a child looks at its own locals() after a `for` loop and a `with` block.

Plain python: locals() holds exactly the names the program wrote: ['i', 'lock', 'out'];
exit 0.  A good checker: clean (exit 0) - whatever helper variables it adds to follow loops and
`with` blocks must not show in the program's own locals() and vars().

expect: exit 0 clean
"""
import multiprocessing


def work(lock, out):
    for i in range(2):
        with lock:
            pass
    out.put(sorted(locals()))


if __name__ == "__main__":
    lock, out = multiprocessing.Lock(), multiprocessing.Queue()
    p = multiprocessing.Process(target=work, args=(lock, out))
    p.start()
    names = out.get()
    p.join()
    assert names == ["i", "lock", "out"], names
