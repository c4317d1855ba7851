"""Malformed input: bytes that are not UTF-8 (Latin-1 0xE9 and 0xFF on line 11) and no coding
declaration.

CPython refuses it: "SyntaxError: Non-UTF-8 code starting with '\\xe9' ... but no encoding
declared".  A good checker reports a usage/model error (exit 2).

expect: exit 2 model-error
"""
import multiprocessing

GREETING = "café ÿ"
if __name__ == "__main__":
    print(GREETING, multiprocessing.cpu_count() > 0)
