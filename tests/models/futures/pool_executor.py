"""concurrent.futures.ProcessPoolExecutor: submit, map (chunks too), as_completed, wait, an
exception in a call, futures' result and exception, shutdown by ``with``.

Real CPython (fork and spawn, 40 runs each): exit 0, the same lines every time.  Expected mpsim
verdict: clean.  (``wait``'s sets of futures live in a function of their own: a set of objects
hashed by address is laid out by their addresses, which differ between two histories mpsim
merged, so the merge audit of the tests would see them differ.)
"""
import concurrent.futures
from concurrent.futures import ProcessPoolExecutor, as_completed, wait


def count_words(text):
    return len(text.split())


def cube(n):
    return n ** 3


def boom(x):
    raise ValueError(f"bad {x}")


def waited(ex):
    done, not_done = wait([ex.submit(boom, 1)])
    error = next(iter(done)).exception()
    return f"wait {len(done)} {len(not_done)} {error!r} {type(error.__cause__).__name__}"


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        futures = [ex.submit(count_words, t) for t in ["a b c", "d e", "f g h i"]]
        print(f"counts {[f.result() for f in futures]}")
        print(f"cubes {list(ex.map(cube, [1, 2, 3, 4], chunksize=3))}")
        fs = [ex.submit(cube, i) for i in range(3)]
        print("as_completed", sorted(f.result() for f in as_completed(fs)))
        print(waited(ex))
        print("is a Future:", isinstance(fs[0], concurrent.futures.Future))
