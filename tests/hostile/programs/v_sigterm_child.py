"""Process-level violence: the parent sends SIGTERM to its child with os.kill(child.pid, SIGTERM).

The child waits on an event nobody sets; the parent kills it by hand (what p.terminate() does),
joins it and checks p.exitcode == -15.  Plain python: exit 0.  A good checker models the signal
(clean, exit 0) or says "not modelled" naming os.kill (exit 2).  It must never pass a simulated pid
to the real os.kill: this program refuses to signal a pid that is not really its own child.

expect: exit 2 not-modelled os.kill
expect: exit 0 clean
"""
import multiprocessing
import os
import posix
import signal


def is_my_child(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            ppid = int(f.read().rsplit(")", 1)[1].split()[1])
    except OSError:
        return False
    return ppid == int(os.readlink("/proc/self"))


def wait_forever(ready, never):
    ready.set()
    never.wait()


if __name__ == "__main__":
    ready, never = multiprocessing.Event(), multiprocessing.Event()
    p = multiprocessing.Process(target=wait_forever, args=(ready, never), name="victim")
    p.start()
    ready.wait()
    kill = os.kill  # expect-line
    if kill is posix.kill and not is_my_child(p.pid):
        raise SystemExit("refusing to send a real SIGTERM to pid %d, not a child of mine" % p.pid)
    kill(p.pid, signal.SIGTERM)
    p.join()
    assert p.exitcode == -signal.SIGTERM, p.exitcode
    print("child terminated by hand")
