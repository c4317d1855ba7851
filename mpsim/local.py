"""The local half of every process, memoised: (local state, result) -> next local state.

A process is a deterministic function of the results its operations return, so running it from
the same local state with the same result always ends in the same place.  Each local state gets a
small integer key (from its fingerprint); each step from it is run once and remembered.  To run a
step that was never run, a live greenlet at that state is taken from the pool or re-created by
replaying that process alone along the shortest result history known to reach it.
"""
from __future__ import annotations

from typing import NamedTuple

from .errors import NondeterministicModel
from .fingerprint import Unmergeable, digest
from .runtime import Op

EXIT_OP_SHOWN = "exit"


class LocalInfo(NamedTuple):
    ident: tuple
    op: Op  # the pending operation (an "exit" op once the code has finished)
    done: tuple | None  # (exitcode, error) once the code has finished; error = (line, loc) | None
    origin: tuple  # ("birth", birth_id) or ("step", previous key, result key)
    fp: bytes


class Segment(NamedTuple):
    """What one local run produced: the new local state and its side effects."""

    key: int
    out: tuple  # ((stream, text), ...)
    effects: tuple  # (("create", oid, state), ...)
    error: tuple | None  # (line, loc) when the process died of an uncaught exception here
    lines: tuple = ()  # whole stdout lines completed here (with any part printed on an earlier step)


class LocalStates:
    def __init__(self, session, pool_limit=20000):
        self.session = session
        self.keys: dict = {}
        self.info: list[LocalInfo] = []
        self.trans: dict = {}
        self.pool: dict = {}
        self.pool_limit = pool_limit
        self.unmergeable = 0
        self.executed = 0  # local runs actually executed (not answered from the memo)
        self.replayed = 0  # local runs executed only to re-create a process

    def birth(self, birth_id) -> Segment:
        memo = ("birth", birth_id)
        seg = self.trans.get(memo)
        if seg is None:
            rt = self.session.new_runtime(birth_id)
            seg = self.trans[memo] = self._run(rt, None, memo)
        return seg

    def advance(self, key: int, result) -> Segment:
        memo = (key, result)
        seg = self.trans.get(memo)
        if seg is None:
            rt = self.pool.pop(key, None) or self._recreate(key)
            seg = self.trans[memo] = self._run(rt, result, ("step", key, result))
        return seg

    def _run(self, rt, value, origin) -> Segment:
        self.executed += 1
        suspended = rt.resume(value)
        error = None
        if isinstance(suspended, Op):
            op, done = suspended, None
        else:
            _, exitcode, error = suspended
            done = (exitcode, error)
            op = Op(rt.ident, "exit", (), EXIT_OP_SHOWN, ("<exit>", 0))
        self.session.learn_names(rt)
        try:
            fp = digest(self.session.fingerprint(rt, done))
        except Unmergeable:
            self.unmergeable += 1
            fp = b"u" + repr(origin).encode()
        key = self.keys.get(fp)
        if key is None:
            key = self.keys[fp] = len(self.info)
            self.info.append(LocalInfo(rt.ident, op, done, origin, fp))
        if done is None and key not in self.pool and len(self.pool) < self.pool_limit:
            self.pool[key] = rt
        else:
            rt.discard()
        return Segment(key, tuple(rt.out), tuple(rt.effects), error, tuple(rt.lines))

    def _recreate(self, key: int):
        chain = []
        k = key
        while True:
            origin = self.info[k].origin
            if origin[0] == "birth":
                break
            chain.append(origin[2])
            k = origin[1]
        rt = self.session.new_runtime(origin[1])
        rt.resume(None)
        for result in reversed(chain):
            self.replayed += 1
            rt.resume(result)
        if not self.info[key].fp.startswith(b"u"):
            try:
                same = digest(self.session.fingerprint(rt, None)) == self.info[key].fp
            except Unmergeable:
                same = False
            if not same:
                raise NondeterministicModel(
                    f"{self.info[key].op.loc[0]}:{self.info[key].op.loc[1]}: re-running "
                    f"{rt.name} with the same results reached a different state; does the model "
                    "use real randomness, time, or object addresses?")
        return rt
