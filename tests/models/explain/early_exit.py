"""A model that refuses its arguments: exits with its usage message before any operation."""
import sys

if __name__ == "__main__":
    if sys.argv[1:] != ["ok"]:
        sys.exit("usage: python early_exit.py ok")
    import multiprocessing
    multiprocessing.Lock().acquire()
