"""The process table's operations, declared like a primitive's (their moves are in world.py,
which owns the table: a start creates a process, a join waits for one to end), and what a signal
does to a process."""
from __future__ import annotations

import signal

from .declare import ACQUIRE, ONE, READ, RELEASE, WRITE, OpDecl, declare

OPS = declare(
    OpDecl("begin", WRITE, results=ONE),  # a started child runs its first code
    OpDecl("start", RELEASE, results=ONE),  # the parent's memory so far happens before the child
    OpDecl("join", ACQUIRE, "until the process has ended", timeout=0),
    OpDecl("poll", ACQUIRE),  # exitcode, is_alive(): sees an end
    OpDecl("active", ACQUIRE),  # active_children()
    OpDecl("terminate", WRITE, results=ONE),  # terminate(), kill(), os.kill() of a child
    OpDecl("sleep", READ, "until its time is up", timeout=0, results=ONE),
    OpDecl("wait", ACQUIRE, "until a connection has data or its other end closes, or a child ends",
           timeout=1),  # multiprocessing.connection.wait
    OpDecl("spin", READ, results=ONE),  # a process running its own code for ever
    OpDecl("maintain", WRITE, results=ONE),  # a pool's worker handler (in the pool's owner)
    OpDecl("random", READ),  # an unseeded draw among a few values: each one is explored
)

# Signals whose default action leaves the process alone (POSIX); the others' ends it, except the
# stop signals (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU), which are not modelled (facade/process.py).
DEFAULT_IGNORED = frozenset({signal.SIGCHLD, signal.SIGURG, signal.SIGWINCH, signal.SIGCONT})


def signal_action(signals: tuple, signum: int) -> str:
    """What ``signum`` does to a process whose non-default dispositions are ``signals``
    (``LocalInfo.signals``): "default" (it dies of it), "ignore" or "handler"."""
    if signum == signal.SIGKILL:
        return "default"
    for s, action in signals:
        if s == signum:
            return action
    return "ignore" if signum in DEFAULT_IGNORED else "default"


def signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"
