"""A lambda as the target: spawn must pickle it and cannot; fork needs no pickling.
Usage: python lambda_target.py [fork]   (fork: call set_start_method('fork') first)"""
import multiprocessing
import sys

if __name__ == "__main__":
    if sys.argv[1:] == ["fork"]:
        multiprocessing.set_start_method("fork")
    p = multiprocessing.Process(target=lambda: print("the lambda ran"))
    p.start()
    p.join()
    print("exitcode", p.exitcode)
