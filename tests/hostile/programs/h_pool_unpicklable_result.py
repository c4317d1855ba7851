"""Pickling error: a Pool task returns a lambda, which the worker cannot send back.

Plain python: the worker catches the pickling failure and sends an error instead; get() raises
"multiprocessing.pool.MaybeEncodingError: Error sending result: ..." in main, which dies (exit 1).
A good checker: an exception finding (MaybeEncodingError) for the main process.

expect: exit 1 exception MaybeEncodingError
"""
import multiprocessing


def make():
    return lambda: 42


if __name__ == "__main__":
    with multiprocessing.Pool(1) as pool:
        f = pool.apply(make)
    print(f())
