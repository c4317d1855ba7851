"""Malformed input: inconsistent use of tabs and spaces in indentation (TabError, a SyntaxError).

A good checker reports it as a usage/model error (exit 2) naming the line.

expect: exit 2 model-error
"""
import multiprocessing

if __name__ == "__main__":
    lock = multiprocessing.Lock()
    if lock:
        print("a")
	print("b")  # expect-line
