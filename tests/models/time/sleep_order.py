"""Two sleepers: the shorter sleep ends first on the one clock (untimed, either may)."""
import multiprocessing as mp
import time


def sleeper(name, secs, out):
    time.sleep(secs)
    out.put(name)


if __name__ == "__main__":
    out = mp.SimpleQueue()
    ps = [mp.Process(target=sleeper, args=(n, s, out)) for n, s in (("slow", 2), ("fast", 1))]
    for p in ps:
        p.start()
    first = out.get()
    out.get()
    for p in ps:
        p.join()
    assert first == "fast", f"{first} woke first"
