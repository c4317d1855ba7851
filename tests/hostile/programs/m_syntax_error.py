"""Malformed input: a syntax error (an unclosed parenthesis) on line 13.

Plain python refuses to run it.  A good checker runs nothing and says where the syntax error is,
as a usage/model error (exit 2), with the line.

expect: exit 2 model-error syntax
"""
import multiprocessing

if __name__ == "__main__":
    lock = multiprocessing.Lock()
    with lock:
        print("held", (lock  # expect-line
