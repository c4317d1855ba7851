"""Process-level violence: the main process sends itself SIGKILL after its child finished.

Plain python: the main process is killed (status -9 / 137 in a shell).  A good checker says "not
modelled" naming os.kill (exit 2) or reports the killed main process as a finding (exit 1).  It
must never be killed itself, and never pass a simulated pid to the real os.kill - this program
refuses to send a real signal to a pid that is not really its own.

expect: exit 2 not-modelled os.kill
expect: exit 1 finding
"""
import multiprocessing
import os
import posix
import signal


def work(lock):
    with lock:
        print("child done")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    p.join()
    kill = os.kill  # expect-line
    pid = os.getpid()
    if kill is posix.kill and pid != int(os.readlink("/proc/self")):
        raise SystemExit("refusing to send a real SIGKILL to pid %d, which is not this process" % pid)
    kill(pid, signal.SIGKILL)
