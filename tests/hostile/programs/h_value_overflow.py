"""Odd value: Value('i') created with 2**31, which does not fit a C int.

ctypes truncates silently: the value is -2147483648; the child adds 1 and main sees -2147483647.
Plain python: exit 0.  A good checker: clean (exit 0) - the shared value behaves like the C int it
is, not like a Python int.

expect: exit 0 clean
"""
import multiprocessing


def work(v):
    with v.get_lock():
        v.value += 1


if __name__ == "__main__":
    v = multiprocessing.Value("i", 2 ** 31)
    assert v.value == -2 ** 31, v.value
    p = multiprocessing.Process(target=work, args=(v,))
    p.start()
    p.join()
    assert v.value == -2 ** 31 + 1, v.value
