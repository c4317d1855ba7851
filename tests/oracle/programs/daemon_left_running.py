"""A daemon process that polls forever is left running when the main program ends.

What it does: a daemon worker prints "monitor: started" (flush=True), then loops sleeping 0.05 s;
the main block prints "main: done" and returns without joining or terminating it.

Real CPython: exit 0 in every run; the daemon is terminated by the exit handler. Fork: "main:
done" alone in 18/40 runs, followed by "monitor: started" in 18/40, after it in 4/40 (main's line
is flushed at exit; the daemon may not have run yet when it is killed). Spawn: "main: done" alone
in 40/40 (the new interpreter is still starting when it is killed).

mpsim claim tested: a daemon looping forever is not a non-termination (it is terminated at
exit); its output may or may not appear.
"""
# family: output order
# oracle: -n 40
import multiprocessing
import time


def monitor():
    print("monitor: started", flush=True)
    while True:
        time.sleep(0.05)


if __name__ == "__main__":
    multiprocessing.Process(target=monitor, daemon=True).start()
    print("main: done")
