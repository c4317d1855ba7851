"""Two workers increment a shared Value under its lock; main checks the total -> clean."""
import multiprocessing


def inc(v):
    with v.get_lock():
        v.value += 1


if __name__ == "__main__":
    v = multiprocessing.Value("i", 0)
    ps = [multiprocessing.Process(target=inc, args=(v,), name=f"inc-{i}") for i in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    assert v.value == 2, f"lost update: {v.value}"
    print("total", v.value)
