"""Top-level code runs again in every spawned child (as __mp_main__), not in a forked one.
Usage: python toplevel.py"""
import multiprocessing

print("top level runs in", multiprocessing.current_process().name, "as", __name__)


def child():
    print("child runs")


if __name__ == "__main__":
    p = multiprocessing.Process(target=child, name="child")
    p.start()
    p.join()
