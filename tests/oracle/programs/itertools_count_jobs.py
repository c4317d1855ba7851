"""A consumer numbers jobs with itertools.count() and stops after job 3.

What it does: `for job_id in itertools.count(1):` the consumer takes a message (always the
string "job") and prints it, breaking after job 3; the producer sends exactly three.

Real CPython: "job 1: job" .. "job 3: job", "consumer: done", exit 0, fork and spawn.

mpsim claim tested: the position of an itertools.count object is state (all other locals are
equal between iterations); merging them would predict a wrong stop or a hang.
"""
# family: state a fingerprint might miss
import itertools
import multiprocessing


def consumer(q):
    for job_id in itertools.count(1):
        msg = q.get()
        print(f"job {job_id}: {msg}")
        if job_id == 3:
            break
    print("consumer: done")


def producer(q):
    for _ in range(3):
        q.put("job")


if __name__ == "__main__":
    q = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=f, args=(q,)) for f in (consumer, producer)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
