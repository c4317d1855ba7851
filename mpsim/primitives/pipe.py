"""Pipe and its two Connection ends as a pure state machine (docs/semantics.md §10).

Messages sent from end ``e`` travel in channel ``e`` and arrive at end ``1 - e``.  A one-way pipe
``Pipe(False)`` returns (reader, writer): only channel 1 is used.  Each end records which
processes hold an open copy of it: a forked child inherits every end its parent holds, a spawned
child gets the ends passed to it, and a process's copies close when it calls ``close()`` or ends.
``recv`` raises EOFError only when no data is left and every copy of the other end is closed (and
``OSError`` when a message stops half-written because its sender was killed in ``send``);
``send`` raises BrokenPipeError when every copy of the other end is closed.
"""
from __future__ import annotations

from typing import NamedTuple

from ..i18n import N_, _
from . import channel
from .base import Err, cont, fail, ret
from .declare import ACQUIRE, ONE, RELEASE, WRITE, OpDecl, declare

BROKEN = Err("BrokenPipeError", "[Errno 32] Broken pipe")
EOF = Err("EOFError")
EOF_IN_MESSAGE = Err("OSError", "got end of file during message")


OPS = declare(
    OpDecl("send", RELEASE, "while the pipe is full", phases=("writing",)),
    OpDecl("recv", ACQUIRE, "while no whole message has arrived", phases=("reading",)),
    OpDecl("poll", ACQUIRE, "until a message arrives or the other end closes", timeout=1),
    OpDecl("close", WRITE, results=ONE),
)


class PipeState(NamedTuple):
    duplex: bool
    chans: tuple  # (channel 0, channel 1)
    holders: tuple  # (pids holding end 0, pids holding end 1)


def new(duplex: bool, creator) -> PipeState:
    cap = channel.SOCKETPAIR_CAPACITY if duplex else channel.PIPE_CAPACITY
    return PipeState(duplex, (channel.Channel(cap), channel.Channel(cap)),
                     (frozenset([creator]), frozenset([creator])))


def _with_chan(p, d, ch):
    chans = list(p.chans)
    chans[d] = ch
    return p._replace(chans=tuple(chans))


def step(view, oid, pid, method, args, phase):
    p = view[oid]
    end = args[0]
    if method == "send":
        if not p.holders[1 - end]:
            return [fail(BROKEN)]
        ch = p.chans[end]
        done = channel.write(ch, pid, args[1]) if phase is None else channel.write_more(ch, pid)
        if done is None:
            return []
        ch, complete = done
        if complete:
            return [ret(None, [(oid, _with_chan(p, end, ch))])]
        return [cont("writing", [(oid, _with_chan(p, end, ch))], "pipe full: wrote part, waits")]
    if method == "recv":
        d = 1 - end
        got = channel.read(p.chans[d], pid)
        if got is None:
            if not p.holders[d]:  # every writer is gone: end of file
                if phase is None and p.chans[d].partial is None:
                    return [fail(EOF)]
                return [fail(EOF_IN_MESSAGE)]  # its writer died in the middle of a send
            return []
        ch, payload = got
        if payload is None:
            return [cont("reading", [(oid, _with_chan(p, d, ch))], "reads part of a large message, waits")]
        return [ret(payload, [(oid, _with_chan(p, d, ch))])]
    if method == "poll":
        if ready(p, end):
            return [ret(True)]
        timeout = args[1]
        if timeout is None:
            return []
        return [ret(False, note=N_("times out") if timeout else "", timed=True)]
    if method == "close":
        holders = list(p.holders)
        holders[end] = holders[end] - {pid}
        return [ret(None, [(oid, p._replace(holders=tuple(holders)))])]
    raise ValueError(f"unknown pipe operation {method}")


def ready(p: PipeState, end: int) -> bool:
    """Would ``poll()`` on ``end`` say True: data to read, or every copy of the other end closed?"""
    d = 1 - end
    return p.chans[d].readable() or not p.holders[d]


def give(p: PipeState, end: int, pid) -> PipeState:
    """``pid`` now holds a copy of ``end`` (inherited by fork, or passed to a spawned child)."""
    holders = list(p.holders)
    holders[end] = holders[end] | {pid}
    return p._replace(holders=tuple(holders))


def gone(p: PipeState, pid) -> PipeState:
    """A process that ended closed all its copies."""
    if pid not in p.holders[0] and pid not in p.holders[1]:
        return p
    return p._replace(holders=tuple(h - {pid} for h in p.holders))


def holders(p: PipeState) -> list:
    return [c.partial.writer for c in p.chans if c.partial is not None]


def describe(p: PipeState, name) -> str:
    parts = []
    for d, ch in enumerate(p.chans):
        if not p.duplex and d == 0:
            continue
        text = _("end {d} → end {e}: {n} message(s), {used} of {capacity} bytes").format(
            d=d, e=1 - d, n=len(ch.messages), used=f"{ch.used():,}", capacity=f"{ch.capacity:,}")
        if ch.partial is not None:
            text += _(", {process} blocked mid-send").format(process=name(ch.partial.writer))
        parts.append(text)
    for e in (0, 1):
        who = ", ".join(sorted(name(x) for x in p.holders[e])) or _("nobody (closed)")
        parts.append(_("end {e} open in {who}").format(e=e, who=who))
    return "; ".join(parts)


def short(p: PipeState, name) -> str:
    return "/".join(str(len(ch.messages)) for ch in p.chans)
