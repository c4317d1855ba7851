"""set_start_method at the top level (outside the main guard): a spawned child re-runs it and
finds its context already set.  Usage: python toplevel_set.py"""
import multiprocessing

multiprocessing.set_start_method("spawn")


def child():
    print("child runs")


if __name__ == "__main__":
    p = multiprocessing.Process(target=child)
    p.start()
    p.join()
    print("exitcode", p.exitcode)
