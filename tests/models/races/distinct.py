"""Two processes write different cells of an Array and different keys of a manager dict: no race
(the order of writes to different places does not matter).  With "same", both write cell 0 and
key "a" with different values: races."""
import multiprocessing as mp
import sys


def writer(i, arr, d, same):
    k = 0 if same else i
    arr[k] = i + 1
    d["a" if same else str(i)] = i + 1


if __name__ == "__main__":
    same = sys.argv[1:] == ["same"]
    arr = mp.Array("i", 2)
    with mp.Manager() as manager:
        d = manager.dict()
        ps = [mp.Process(target=writer, args=(i, arr, d, same)) for i in range(2)]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
        print(list(arr), sorted(d.items()))
