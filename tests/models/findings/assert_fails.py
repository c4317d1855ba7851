"""A failed assert in user code (no interleaving involved) -> exception, exit code 1."""
import multiprocessing


def checker(v):
    assert v.value == 1, f"expected 1, got {v.value}"


if __name__ == "__main__":
    v = multiprocessing.Value("i", 0)
    p = multiprocessing.Process(target=checker, args=(v,), name="checker")
    p.start()
    p.join()
