"""Schedules: a run is its list of choices, and this is their printable, versioned form.

A choice names the process that moves (``0`` for the main process, ``1`` for Process-1, ``1:2``
for its second child) and, when the step could go several ways (which sleepers a notify wakes),
which way: ``1.2``.  Steps are joined by ``/``; a run of the same choice is written ``2*3``.
A choice taken because the time passed while other processes looped (``world.passing``) ends
with ``!``: ``0!``, ``1.2!``.
A schedule of the untimed search (where a timeout may expire before its time) says so:
``mpsim2:untimed:...``; it is followed with untimed rules.  A schedule found under a default
start method the program asked for names it first: ``mpsim2:fork:...``, ``mpsim2:spawn:untimed:...``
(without one, the program never asked: any method follows it alike).

``mpsim1`` schedules (mpsim before its one clock, and before children began in steps of their
own) name other choices: they are refused with a word on what to do.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .errors import ScheduleError
from .startmethods import METHODS

VERSION = "mpsim2"
UNTIMED = "untimed:"

_TOKEN = re.compile(r"^(0|[1-9]\d*(?::[1-9]\d*)*)(?:\.(\d+))?(!)?(?:\*([1-9]\d*))?$")


def token(ident: tuple) -> str:
    return ":".join(map(str, ident)) if ident else "0"


class Schedule(NamedTuple):
    choices: list  # [(ident, alt), ...]
    timed: bool = True
    method: str | None = None  # the default start method it was found under (None: any)


def encode(choices, timed=True, method=None) -> str:
    parts = []
    for ident, alt in choices:
        way = alt if alt >= 0 else -1 - alt
        word = token(ident) + (f".{way}" if way else "") + ("!" if alt < 0 else "")
        if parts and parts[-1][0] == word:
            parts[-1][1] += 1
        else:
            parts.append([word, 1])
    return (VERSION + ":" + (f"{method}:" if method else "") + ("" if timed else UNTIMED)
            + "/".join(w if n == 1 else f"{w}*{n}" for w, n in parts))


def decode(text: str) -> Schedule:
    text = text.strip()
    prefix = VERSION + ":"
    if text.startswith("mpsim1:"):
        raise ScheduleError("this schedule was written by an earlier mpsim (mpsim1), whose steps "
                            "were different: check the model again for a new schedule")
    if not text.startswith(prefix):
        raise ScheduleError(f"a schedule starts with '{prefix}' (got {text[:20]!r})")
    body = text[len(prefix):]
    method = next((m for m in METHODS if body.startswith(m + ":")), None)
    if method is not None:
        body = body[len(method) + 1:]
    timed = not body.startswith(UNTIMED)
    if not timed:
        body = body[len(UNTIMED):]
    choices = []
    for word in body.split("/") if body else []:
        m = _TOKEN.match(word)
        if not m:
            raise ScheduleError(f"schedule step {len(choices) + 1}: cannot read {word!r}")
        ident = () if m.group(1) == "0" else tuple(int(x) for x in m.group(1).split(":"))
        way = int(m.group(2) or 0)
        alt = -1 - way if m.group(3) else way
        choices.extend([(ident, alt)] * int(m.group(4) or 1))
    return Schedule(choices, timed, method)
