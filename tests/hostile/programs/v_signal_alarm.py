"""Process-level violence: a child arms signal.alarm(1) and then sleeps in a loop for ever.

Plain python: after one real second SIGALRM kills the child (exit code -14); the parent's
assertion holds, exit 0.  A good checker models the alarm (clean, exit 0) or says "not modelled"
naming signal.alarm (exit 2).  The alarm must never go off in mpsim's own process.

expect: exit 2 not-modelled signal.alarm
expect: exit 0 clean
"""
import multiprocessing
import signal
import time


def sleeper():
    signal.alarm(1)  # expect-line
    while True:
        time.sleep(0.1)


if __name__ == "__main__":
    p = multiprocessing.Process(target=sleeper, name="sleeper")
    p.start()
    p.join()
    assert p.exitcode == -signal.SIGALRM, p.exitcode
    print("the alarm ended the child")
