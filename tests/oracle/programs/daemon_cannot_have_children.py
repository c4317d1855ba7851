"""A daemon worker tries to start a helper process of its own.

What it does: a daemon process runs `Process(target=helper).start()`; the parent joins the daemon
and prints its exit code.

Real CPython: the daemon's start() raises AssertionError: daemonic processes are not allowed to
have children (traceback on stderr, exit code 1); main prints "daemon exit code 1", exit 0, fork
and spawn.

mpsim claim tested: CPython's rule that daemonic processes cannot start children.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing


def helper():
    print("helper ran", flush=True)


def daemon_worker():
    multiprocessing.Process(target=helper).start()


if __name__ == "__main__":
    d = multiprocessing.Process(target=daemon_worker, daemon=True)
    d.start()
    d.join()
    print(f"daemon exit code {d.exitcode}")
