"""Odd but legal: main and a child together print about 1 MB of output.

Plain python: 16,384 lines of 64 characters; exit 0.  A good checker: clean (exit 0) - the
model's output is captured per process and never mixed into the checker's one JSON object.

expect: exit 0 clean
"""
import multiprocessing

LINE = "0123456789abcdef" * 4


def work(lock):
    with lock:
        for i in range(8192):
            print(LINE[:-6] + "%06d" % i)


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    with lock:
        for i in range(8192):
            print(LINE)
    p.join()
