"""Odd but legal: a child writes bytes that are not UTF-8 to stdout through sys.stdout.buffer, and
main prints a lone surrogate through an error-tolerant stream.

Plain python: the bytes go out as they are; exit 0.  A good checker: clean (exit 0), its JSON
still valid UTF-8.

expect: exit 0 clean
"""
import io
import multiprocessing
import sys


def work(lock):
    with lock:
        sys.stdout.buffer.write(b"latin-1 caf\xe9, invalid \xff\xfe, NUL \x00\n")
        sys.stdout.flush()


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    p.join()
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", errors="surrogateescape",
                           write_through=True)
    out.write("surrogate-escaped byte: \udcff\n")
    out.detach()
    assert p.exitcode == 0, p.exitcode
