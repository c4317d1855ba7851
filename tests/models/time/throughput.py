"""Tasks per second: n / (time.time() - t0) never divides by zero."""
import multiprocessing as mp
import time

def square(x):
    return x * x

if __name__ == "__main__":
    t0 = time.time()
    with mp.Pool(2) as pool:
        results = pool.map(square, range(4))
    elapsed = time.time() - t0
    print(f"{len(results) / elapsed:.0f} tasks/s" if elapsed > 0 else "instant")
    print(len(results) / (time.time() - t0) > 0)
