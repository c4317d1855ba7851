"""Process-level violence: a child sends itself SIGKILL with os.kill(os.getpid(), SIGKILL).

Plain python: the child dies, p.exitcode == -9, the parent's assertion holds, exit 0.  A good
checker models the signal (clean, exit 0) or says "not modelled" naming os.kill (exit 2).  It must
never pass a simulated pid to the real os.kill - that would signal some unrelated process - so
this program refuses to send a real signal to a pid that is not really its own.

expect: exit 2 not-modelled os.kill
expect: exit 0 clean
"""
import multiprocessing
import os
import posix
import signal


def suicide():
    kill = os.kill  # expect-line
    pid = os.getpid()
    if kill is posix.kill and pid != int(os.readlink("/proc/self")):
        raise SystemExit("refusing to send a real SIGKILL to pid %d, which is not this process" % pid)
    kill(pid, signal.SIGKILL)


if __name__ == "__main__":
    p = multiprocessing.Process(target=suicide, name="suicidal")
    p.start()
    p.join()
    assert p.exitcode == -signal.SIGKILL, p.exitcode
    print("the child killed itself")
