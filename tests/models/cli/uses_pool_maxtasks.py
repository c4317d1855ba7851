"""A Pool with maxtasksperchild, which mpsim does not model -> exit 2, naming it and line 11."""
import multiprocessing


def square(x):
    return x * x


if __name__ == "__main__":
    print("making a pool")
    with multiprocessing.Pool(2, maxtasksperchild=1) as pool:
        print(pool.map(square, [1, 2]))
