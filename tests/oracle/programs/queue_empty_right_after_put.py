"""A process puts into its own multiprocessing.Queue and immediately asks empty() and
get_nowait() (the item goes through a feeder thread and a pipe first).

What it does: q.put("job"); prints q.empty(); tries q.get_nowait() and prints what it got or
"Empty"; then q.get(timeout=1) if it had not got the item.

Real CPython: all three readings happen: "empty: True" then get_nowait gets the job (fork 35/40,
spawn 34/40: the feeder thread writes it in between), "empty: False" then the job (5/40 each),
and once under spawn "empty: True", "get_nowait: Empty", "get: job". Exit 0 in every run.

mpsim claim tested: a Queue's put is not visible to get_nowait()/empty() until the feeder thread
has written it; both orders are possible.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing
import queue

if __name__ == "__main__":
    q = multiprocessing.Queue()
    q.put("job")
    print(f"empty: {q.empty()}")
    try:
        print(f"get_nowait: {q.get_nowait()}")
    except queue.Empty:
        print("get_nowait: Empty")
        print(f"get: {q.get(timeout=1)}")
