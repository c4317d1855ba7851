"""Queue, JoinableQueue and SimpleQueue as pure state machines (docs/semantics.md §7-§9).

A ``Queue`` is a pipe, a read lock, a write lock, a semaphore of free slots and, in each process
that puts, a buffer drained by a feeder thread.  ``put`` only takes a slot and appends to the
putting process's buffer; the feeder writes items into the pipe later - that write is a separate
move of the world, so ``empty()`` right after ``put()`` may be True, and a process cannot exit
until its feeder has written everything (unless it called ``cancel_join_thread``).

The feeder also pickles: an item the program could still change (a list, a dict, an object of its
own) is in the buffer as ``LATER`` until the feeder's move that writes it pickles it first (the
process, stopped at an operation, is told ``("feed", oid)`` and hands back the bytes: ``pickled``),
so a message changed after ``put`` arrives as it was when the feeder got to it - CPython's
well-known surprise.  Such a ``put`` takes two steps (``handed``: the item is in the buffer, the
program has not gone on), so the feeder can also get to it before the program changes it.
Pickling and writing are one move: pickling alone changes nothing another process can see, and
the feeder pickles an item only once it has written the one before.  (Not covered: a feeder that
pickled an item while the pipe was full and writes it after the program changed it.)  Items that
cannot change (numbers, strings, bytes, tuples of them) are pickled by ``put`` itself: the same
bytes whenever the feeder would pickle them.  ``get`` takes
a whole message from the pipe and frees a slot.  A ``SimpleQueue`` has no feeder: ``put`` writes
synchronously and blocks while the pipe is full; its ``close()`` closes the calling process's two
pipe ends only.
"""
from __future__ import annotations

from typing import NamedTuple

from ..i18n import N_, Note, _
from . import channel
from .base import Err, cont, fail, ret
from .declare import ACQUIRE, ONE, READ, RELEASE, WRITE, OpDecl, declare
from .semlock import SEM_VALUE_MAX

FULL = Err("queue.Full")
EMPTY = Err("_queue.Empty")
HANDLE_CLOSED = Err("OSError", "handle is closed")
TOO_MANY_TASKS = Err("ValueError", "task_done() called too many times")


OPS = declare(
    OpDecl("put", RELEASE, "while the queue is full (a SimpleQueue: while its pipe is full)",
           phases=("writing", "handed"), timeout=2),
    OpDecl("get", ACQUIRE, "while nothing has arrived in its pipe", phases=("reading",),
           timeout=1),
    OpDecl("qsize", READ),
    OpDecl("empty", READ),
    OpDecl("full", READ),
    OpDecl("close", WRITE, results=ONE),
    OpDecl("join_thread", ACQUIRE, "until its feeder thread has written everything it was given",
           results=ONE),
    OpDecl("cancel_join_thread", WRITE, results=ONE),
    OpDecl("task_done", RELEASE),
    OpDecl("join", ACQUIRE, "until every item put has been marked done", phases=("sleep",),
           results=ONE),
)


class QueueState(NamedTuple):
    kind: str  # "Queue" | "JoinableQueue" | "SimpleQueue" | "queue.Queue" (a Manager's queue)
    maxsize: int
    slots: int  # free slots (the BoundedSemaphore)
    pipe: channel.Channel
    feeders: tuple = ()  # ((pid, (item, ...)), ...): each process's feeder and its unwritten items
    closing: frozenset = frozenset()  # pids whose queue was closed: the feeder ends after its items
    ended: frozenset = frozenset()  # pids whose feeder has ended (their pipe ends are closed)
    cancelled: frozenset = frozenset()  # pids that called cancel_join_thread()
    unfinished: int = 0  # JoinableQueue: items put and not yet task_done()
    joiners: tuple = ()  # JoinableQueue: ((pid, woken), ...)
    shut: frozenset = frozenset()  # SimpleQueue: pids whose close() closed both of their ends


LATER = "later"  # an item in a feeder's buffer that the feeder has not pickled yet


def new(kind: str, maxsize: int = 0, capacity: int = channel.PIPE_CAPACITY) -> QueueState:
    bound = maxsize if maxsize > 0 else SEM_VALUE_MAX
    if kind == "queue.Queue":  # items live in the manager's memory: no pipe to fill
        capacity = SEM_VALUE_MAX
    return QueueState(kind, maxsize, bound, channel.Channel(capacity))


def _buffer(q, pid):
    return dict(q.feeders).get(pid)


def _set_buffer(q, pid, items):
    d = dict(q.feeders)
    d[pid] = items
    return q._replace(feeders=tuple(sorted(d.items())))


def qsize(q) -> int:
    return (q.maxsize if q.maxsize > 0 else SEM_VALUE_MAX) - q.slots


def step(view, oid, pid, method, args, phase):
    q = view[oid]
    if method == "put":
        if q.kind == "SimpleQueue":
            return _simple_put(q, oid, pid, args[0], phase)
        if phase == "handed":
            return [ret(None, note=N_("returns"))]
        return _put(q, oid, pid, *args)
    if method == "get":
        return _get(q, oid, pid, args[0], args[1], phase)
    if method == "qsize":
        return [ret(qsize(q))]
    if method == "empty":
        if pid in q.ended or pid in q.shut:
            return [fail(HANDLE_CLOSED)]
        return [ret(not q.pipe.readable())]
    if method == "full":
        return [ret(q.slots == 0)]
    if method == "close":
        if q.kind == "SimpleQueue":
            return [ret(None, [(oid, q._replace(shut=q.shut | {pid}))])]
        if _buffer(q, pid) is None:
            return [ret(None)]
        return [ret(None, [(oid, q._replace(closing=q.closing | {pid}))])]
    if method == "join_thread":
        if _buffer(q, pid) is not None and pid not in q.ended and pid not in q.cancelled:
            return []
        return [ret(None)]
    if method == "cancel_join_thread":
        return [ret(None, [(oid, q._replace(cancelled=q.cancelled | {pid}))])]
    if method == "task_done":
        if q.unfinished == 0:
            return [fail(TOO_MANY_TASKS)]
        n = q.unfinished - 1
        joiners = tuple((p, True) for p, _ in q.joiners) if n == 0 else q.joiners
        return [ret(None, [(oid, q._replace(unfinished=n, joiners=joiners))])]
    if method == "join":
        if phase is None:
            if q.unfinished == 0:
                return [ret(None)]
            return [cont("sleep", [(oid, q._replace(joiners=q.joiners + ((pid, False),)))], "sleeps")]
        if not dict(q.joiners)[pid]:
            return []
        return [ret(None, [(oid, q._replace(joiners=tuple(j for j in q.joiners if j[0] != pid)))], "woken")]
    raise ValueError(f"unknown queue operation {method}")


def _put(q, oid, pid, item, block, timeout):
    if q.slots == 0:
        if not block:
            return [fail(FULL)]
        if timeout is not None:
            return [fail(FULL, note=N_("times out"), timed=True)]
        return []
    if q.kind == "queue.Queue":  # the manager's queue.Queue stores the item at once
        q = q._replace(pipe=q.pipe._replace(messages=q.pipe.messages + (item,)), slots=q.slots - 1,
                       unfinished=q.unfinished + 1)
        return [ret(None, [(oid, q)])]
    items = (_buffer(q, pid) or ()) + (item,)
    q = _set_buffer(q, pid, items)._replace(slots=q.slots - 1)
    if q.kind == "JoinableQueue":
        q = q._replace(unfinished=q.unfinished + 1)
    if item == LATER:
        return [cont("handed", [(oid, q)], N_("into the feeder's buffer, not pickled yet"))]
    return [ret(None, [(oid, q)], "into the feeder's buffer")]


def _simple_put(q, oid, pid, payload, phase):
    if pid in q.shut:
        return [fail(HANDLE_CLOSED)]
    done = channel.write(q.pipe, pid, payload) if phase is None else channel.write_more(q.pipe, pid)
    if done is None:
        return []
    pipe, complete = done
    if complete:
        return [ret(None, [(oid, q._replace(pipe=pipe))])]
    return [cont("writing", [(oid, q._replace(pipe=pipe))], "pipe full: wrote part, waits")]


def _get(q, oid, pid, block, timeout, phase):
    if pid in q.shut:
        return [fail(HANDLE_CLOSED)]
    got = channel.read(q.pipe, pid)
    if got is None:
        if phase is None and not block:
            return [fail(EMPTY)]
        if phase is None and timeout is not None:
            return [fail(EMPTY, note=N_("times out"), timed=True)]
        return []
    pipe, payload = got
    if payload is None:
        return [cont("reading", [(oid, q._replace(pipe=pipe))], "reads part of a large item, waits")]
    slots = q.slots + 1 if q.kind != "SimpleQueue" else q.slots
    return [ret(payload, [(oid, q._replace(pipe=pipe, slots=slots))])]


def feeder_moves(q, oid, pid):
    """What ``pid``'s feeder thread can do now: [(new state, note, error text or None)]; a new
    state None: it pickles the item at the head of its buffer (``pickled`` says with what), then
    writes it (these moves again)."""
    items = _buffer(q, pid)
    if items is None or pid in q.ended:
        return []
    p = q.pipe.partial
    if p is not None and p.writer == pid:
        done = channel.write_more(q.pipe, pid)
        if done is None:
            return []
        return [(q._replace(pipe=done[0]), "writes more of an item" if not done[1] else "finishes writing an item", None)]
    if items:
        head, rest = items[0], items[1:]
        if head == LATER:
            writable = q.pipe.partial is None and q.pipe.used() < q.pipe.capacity
            return [(None, "", None)] if writable else []
        q2 = _set_buffer(q, pid, rest)
        if isinstance(head, tuple):  # ("error", traceback): the item could not be pickled
            return [unpicklable(q, pid)]
        done = channel.write(q.pipe, pid, head)
        if done is None:
            return []
        pipe, complete = done
        note = (Note(N_("writes an item ({size} bytes) into the pipe"),
                     size=f"{channel.size_of(head):,}")
                if complete else N_("pipe full: writes part of an item, waits"))
        return [(q2._replace(pipe=pipe), note, None)]
    if pid in q.closing:
        return [(q._replace(ended=q.ended | {pid}), N_("closes its ends of the pipe"), None)]
    return []


def pickled(q, pid, item):
    """``pid``'s feeder has pickled the item at the head of its buffer: ``item`` (bytes, or
    ("error", traceback) for an item that could not be pickled)."""
    items = _buffer(q, pid)
    return _set_buffer(q, pid, (item,) + items[1:])


def unpicklable(q, pid):
    """If the head of ``pid``'s feeder buffer could not be pickled, its feeder drops it: (new
    state, note, the error it prints); else None."""
    items = _buffer(q, pid)
    if not items or not isinstance(items[0], tuple):
        return None
    q = _set_buffer(q, pid, items[1:])
    return q._replace(slots=q.slots + 1), N_("cannot pickle an item: drops it"), items[0][1]


def feeder_pending(q, pid) -> bool:
    """Must ``pid``'s exit wait for its feeder (CPython joins the feeder thread at exit)?"""
    return _buffer(q, pid) is not None and pid not in q.ended and pid not in q.cancelled


def at_exit(q, pid):
    """The process is exiting: its queues are closed, so its feeder ends after its items."""
    if _buffer(q, pid) is None or pid in q.closing:
        return q
    return q._replace(closing=q.closing | {pid})


def gone(q, pid):
    """The process no longer exists: unwritten items of its feeder are lost."""
    if _buffer(q, pid) is None:
        return q
    return q._replace(feeders=tuple(f for f in q.feeders if f[0] != pid))


def holders(q) -> list:
    p = q.pipe.partial
    return [p.writer] if p is not None else []


def describe(q, name) -> str:
    parts = [_("{n} item(s) in the pipe ({used} of {capacity} bytes)").format(
        n=len(q.pipe.messages), used=f"{q.pipe.used():,}", capacity=f"{q.pipe.capacity:,}")]
    if q.pipe.partial is not None:
        p = q.pipe.partial
        parts.append(_("{process} has written {written} of {size} bytes of an item").format(
            process=name(p.writer), written=f"{p.written:,}", size=f"{p.size:,}"))
    for p, items in q.feeders:
        if items:
            parts.append(_("{n} item(s) in {process}'s feeder").format(n=len(items),
                                                                       process=name(p)))
    if q.kind == "JoinableQueue":
        parts.append(_("{n} unfinished task(s)").format(n=q.unfinished))
    return "; ".join(parts)


def short(q, name) -> str:
    return f"{len(q.pipe.messages)}" + (f"+{sum(len(i) for _, i in q.feeders)}b" if any(i for _, i in q.feeders) else "")
