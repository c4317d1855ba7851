"""Process-level violence: a child runs an external program, subprocess.run(["true"]).

Plain python: the child waits for `true`, exits 0.  What another program does cannot be
simulated, and a real process started from inside the checker escapes it: a good checker says
"not modelled" naming subprocess (exit 2).

expect: exit 2 not-modelled subprocess
"""
import multiprocessing
import subprocess


def work(lock):
    with lock:
        subprocess.run(["true"], check=True)  # expect-line


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    p.join()
    assert p.exitcode == 0
