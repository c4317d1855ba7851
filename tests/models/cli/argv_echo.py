"""Prints its sys.argv[1:]; fails (exception) unless given exactly: alpha --beta 3."""
import multiprocessing
import sys

if __name__ == "__main__":
    args = sys.argv[1:]
    print("args", args)
    lock = multiprocessing.Lock()
    with lock:
        pass
    assert args == ["alpha", "--beta", "3"], f"argv was {args}"
