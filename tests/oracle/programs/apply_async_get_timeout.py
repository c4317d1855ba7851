"""apply_async(...).get(timeout=0.2) on a task that takes a second: the caller catches
multiprocessing.TimeoutError, reports it, then waits for the result without a timeout.

Real CPython: "still running after 0.2 s", "result 42", exit 0 in every run, fork and spawn.

mpsim claim tested: a get() timeout expires when the task is still sleeping (the time a sleep
takes is real), and the result is still delivered afterwards.
"""
# family: time
# oracle: -n 40
import multiprocessing
import time


def slow_answer():
    time.sleep(1)
    return 42


if __name__ == "__main__":
    with multiprocessing.Pool(1) as pool:
        result = pool.apply_async(slow_answer)
        try:
            print(f"result {result.get(timeout=0.2)}")
        except multiprocessing.TimeoutError:
            print("still running after 0.2 s")
            print(f"result {result.get()}")
