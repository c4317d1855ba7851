"""Two workers do v.value += 1 -> main's assert sees 1 on some schedule (a lost update)."""
import multiprocessing


def inc(v):
    v.value += 1


if __name__ == "__main__":
    v = multiprocessing.Value("i", 0)
    ps = [multiprocessing.Process(target=inc, args=(v,), name=f"inc-{i}") for i in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    assert v.value == 2, f"lost update: {v.value}"
