"""Two workers do arr[0] += 1 on a shared Array, twice each -> main's assert can see a lost update.
(An ordinary, deterministic program: mpsim must not call it nondeterministic.)"""
import multiprocessing


def inc(arr):
    for _ in range(2):
        arr[0] += 1


if __name__ == "__main__":
    arr = multiprocessing.Array("i", 1)
    ps = [multiprocessing.Process(target=inc, args=(arr,), name=f"inc-{i}") for i in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    assert arr[0] == 4, f"lost update: {arr[0]}"
