"""Malformed input: `return` at module level.

The file parses, but the compiler rejects it ("SyntaxError: 'return' outside function"), so plain
python refuses to run it.  A good checker says so as a usage/model error (exit 2) naming the line.

expect: exit 2 model-error return
"""
import multiprocessing

if __name__ == "__main__":
    lock = multiprocessing.Lock()
    return lock  # expect-line
