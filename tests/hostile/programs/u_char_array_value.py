"""Unsupported API (documented as such): the .value of a char Array.

Plain python: the child writes b"hello" into Array('c', 8).value, main reads it back; exit 0.
A good checker: "not modelled" naming .value (exit 2), or modelled faithfully (clean, exit 0).

expect: exit 2 not-modelled value
expect: exit 0 clean
"""
import multiprocessing


def work(buf):
    with buf.get_lock():
        buf.value = b"hello"  # expect-line


if __name__ == "__main__":
    buf = multiprocessing.Array("c", 8)
    p = multiprocessing.Process(target=work, args=(buf,))
    p.start()
    p.join()
    assert buf.value == b"hello", buf.value  # expect-line
