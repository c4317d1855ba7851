"""A daemon heartbeat process (`while True: time.sleep(1); print("alive")`) runs beside a short job.

What it does: the main block starts the heartbeat daemon and a worker that sleeps 0.2 s and puts a
result; main prints the result and ends, which terminates the daemon.

Real CPython: "result: done", exit 0, fork and spawn; the heartbeat never prints (it would first
print after 1 s).

mpsim claim tested: sleeps are timed (0.2 s ends before 1 s); a daemon looping forever is not a
finding when the main program ends.
"""
# family: time
import multiprocessing
import time


def heartbeat():
    while True:
        time.sleep(1)
        print("alive", flush=True)


def job(results):
    time.sleep(0.2)
    results.put("done")


if __name__ == "__main__":
    multiprocessing.Process(target=heartbeat, daemon=True).start()
    results = multiprocessing.Queue()
    worker = multiprocessing.Process(target=job, args=(results,))
    worker.start()
    print(f"result: {results.get()}")
    worker.join()
