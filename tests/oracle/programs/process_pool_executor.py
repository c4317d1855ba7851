"""concurrent.futures.ProcessPoolExecutor: the modern way to run functions in processes.

What it does: submits three word counts and maps a function over four numbers, prints results.

Real CPython: "counts [3, 2, 4]", "cubes [1, 8, 27, 64]", exit 0, fork and spawn.

mpsim claim tested: a very common front-end to multiprocessing (it uses multiprocessing queues,
processes and a management thread underneath).
"""
# family: other real-world code
from concurrent.futures import ProcessPoolExecutor


def count_words(text):
    return len(text.split())


def cube(n):
    return n ** 3


if __name__ == "__main__":
    texts = ["a b c", "d e", "f g h i"]
    with ProcessPoolExecutor(max_workers=2) as ex:
        futures = [ex.submit(count_words, t) for t in texts]
        print(f"counts {[f.result() for f in futures]}")
        print(f"cubes {list(ex.map(cube, [1, 2, 3, 4]))}")
