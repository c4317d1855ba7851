"""A byte channel: the OS pipe under a Queue or one direction of a Pipe (docs/semantics.md §7, §10).

Messages are a 4-byte header plus the pickle, counted against the pipe's capacity.  A message
that does not fit is written in part: the writer holds the channel (the queue's write lock, or is
simply blocked mid-``send``) until a reader drains enough room.  A reader takes whole messages;
when the head message is only partly written, the reader holds the channel (the read lock) and
drains what is there, until the rest arrives.
"""
from __future__ import annotations

from typing import NamedTuple

HEADER = 4
PIPE_CAPACITY = 65536  # Linux pipe (F_GETPIPE_SZ)
SOCKETPAIR_CAPACITY = 219268  # largest duplex send that completes unread: 219,264 B + header


class Partial(NamedTuple):
    writer: object
    payload: bytes
    size: int
    written: int


class Channel(NamedTuple):
    capacity: int
    messages: tuple = ()  # complete messages: (payload, ...)
    partial: Partial | None = None  # the message being written, after the complete ones
    reader: object = None  # the process draining the partial head message
    got: int = 0  # bytes of the partial message already drained

    def used(self) -> int:
        used = sum(len(m) + HEADER for m in self.messages)
        if self.partial is not None:
            used += self.partial.written - self.got
        return used

    def readable(self) -> bool:
        """Would poll() see data (a complete message or a partly written one)?"""
        return bool(self.messages) or (self.partial is not None and self.partial.written > self.got)


def size_of(payload: bytes) -> int:
    return len(payload) + HEADER


def write(ch: Channel, writer, payload: bytes):
    """Start writing ``payload``: (new channel, done) or None when nothing can be written now."""
    if ch.partial is not None:
        return None
    space = ch.capacity - ch.used()
    size = size_of(payload)
    if size <= space:
        return ch._replace(messages=ch.messages + (payload,)), True
    if space <= 0:
        return None
    return ch._replace(partial=Partial(writer, payload, size, space)), False


def write_more(ch: Channel, writer):
    """Continue the writer's partial message: (new channel, done) or None if there is no room."""
    p = ch.partial
    space = ch.capacity - ch.used()
    if p is None or p.writer != writer or space <= 0:
        return None
    written = min(p.size, p.written + space)
    p = p._replace(written=written)
    if written < p.size:
        return ch._replace(partial=p), False
    if ch.reader is not None:  # the reader already holds this message; it takes it from here
        return ch._replace(partial=p), True
    return ch._replace(messages=ch.messages + (p.payload,), partial=None), True


def read(ch: Channel, reader):
    """Take the head message: (new channel, payload) when complete, (new channel, None) after
    draining part of it, or None when there is nothing to read."""
    if ch.reader is not None and ch.reader != reader:
        return None
    if ch.messages:
        return ch._replace(messages=ch.messages[1:]), ch.messages[0]
    p = ch.partial
    if p is None or p.written <= ch.got:
        return None
    if p.written == p.size:
        return ch._replace(partial=None, reader=None, got=0), p.payload
    return ch._replace(reader=reader, got=p.written), None
