"""Interpreter abuse: main and child write straight to file descriptors 1 and 2 with os.write,
including bytes that are not UTF-8 and text that looks like JSON.

Plain python exits 0.  A good checker either captures these writes as the processes' output or
says "not modelled" naming os.write (exit 2); either way its own stdout stays exactly one JSON
object.

expect: exit 0 clean
expect: exit 2 not-modelled os.write
"""
import multiprocessing
import os


def work(lock):
    with lock:
        os.write(1, b'{"not": "mpsim"}\n\xff\xfe\n')  # expect-line
        os.write(2, b"child on fd 2\n")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    os.write(1, b"} main on fd 1 {\n")  # expect-line
    p.join()
