"""What the OS says about a real process: its scheduler state and, on Linux, where it sleeps.

``/proc/<pid>/stat`` gives the state (S: sleeping, R: running, Z: exited, waiting to be reaped)
and ``/proc/<pid>/wchan`` the kernel function it sleeps in (``futex_do_wait`` for a semaphore,
``do_wait`` for a join).  Elsewhere there is no such evidence and ``state`` returns None.
"""
from __future__ import annotations

import os
from typing import NamedTuple


class ProcState(NamedTuple):
    pid: int
    state: str  # one letter, as in ps
    wchan: str

    def __str__(self) -> str:
        return f"pid {self.pid}: state {self.state}" + (f", wchan {self.wchan}" if self.wchan else "")


def state(pid: int) -> ProcState | None:
    """None when /proc is not there (not Linux) or the process is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            letter = f.read().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return None
    try:
        with open(f"/proc/{pid}/wchan") as f:
            wchan = f.read().strip()
    except OSError:
        wchan = ""
    return ProcState(pid, letter, "" if wchan == "0" else wchan)


def group(pgid: int) -> list:
    """The processes of process group ``pgid`` that still run (zombies excluded: they are dead
    and only wait for whoever reaps orphans).  Without /proc: ``[pgid]`` while any exists."""
    if not available():
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return []
        return [pgid]
    members = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
                members.append(int(entry))
    return members


def available() -> bool:
    return os.path.isdir(f"/proc/{os.getpid()}")


def gone(pid: int) -> bool:
    """Has the process exited, so that its parent's ``waitpid`` sees it?  A zombie counts once
    its last thread has exited too: Linux shows a thread group's leader as a zombie as soon as the
    leader itself exits, while its other threads (a queue's feeder thread) may still be dying -
    and until they are, the parent's ``waitpid(WNOHANG)`` says it is running."""
    if available():
        s = state(pid)
        if s is None or s.state == "X":
            return True
        if s.state != "Z":
            return False
        try:
            return os.listdir(f"/proc/{pid}/task") == [str(pid)]
        except OSError:
            return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False
