"""Process-level violence: a child raises SIGTERM against itself with signal.raise_signal.

Plain python: the child dies, p.exitcode == -15, exit 0.  A good checker models it (clean, exit 0)
or says "not modelled" naming signal.raise_signal (exit 2).  The signal must never reach mpsim's
own process.

expect: exit 2 not-modelled signal.raise_signal
expect: exit 0 clean
"""
import multiprocessing
import signal


def work(lock):
    with lock:
        signal.raise_signal(signal.SIGTERM)  # expect-line


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,), name="self-terminator")
    p.start()
    p.join()
    assert p.exitcode == -signal.SIGTERM, p.exitcode
