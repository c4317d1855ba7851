"""The process table's operations, declared like a primitive's (their moves are in world.py,
which owns the table: a start creates a process, a join waits for one to end)."""
from __future__ import annotations

from .declare import ACQUIRE, ONE, READ, RELEASE, WRITE, OpDecl, declare

OPS = declare(
    OpDecl("begin", WRITE, results=ONE),  # a started child runs its first code
    OpDecl("start", RELEASE, results=ONE),  # the parent's memory so far happens before the child
    OpDecl("join", ACQUIRE, "until the process has ended", timeout=0),
    OpDecl("poll", ACQUIRE),  # exitcode, is_alive(): sees an end
    OpDecl("active", ACQUIRE),  # active_children()
    OpDecl("terminate", WRITE, results=ONE),
    OpDecl("sleep", READ, "until its time is up", timeout=0, results=ONE),
    OpDecl("wait", ACQUIRE, "until a connection has data or its other end closes, or a child ends",
           timeout=1),  # multiprocessing.connection.wait
    OpDecl("spin", READ, results=ONE),  # a process running its own code for ever
    OpDecl("maintain", WRITE, results=ONE),  # a pool's worker handler (in the pool's owner)
    OpDecl("random", READ),  # an unseeded draw among a few values: each one is explored
)
