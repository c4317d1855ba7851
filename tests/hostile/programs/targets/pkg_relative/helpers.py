"""Sibling module of model.py: the worker and the number of workers."""
WORKERS = 2


def worker(lock, counter):
    with lock:
        counter.value += 1
