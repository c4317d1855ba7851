"""Schedules: a run is its list of choices, and this is their printable, versioned form.

A choice names the process that moves (``0`` for the main process, ``1`` for Process-1, ``1:2``
for its second child) and, when the step could go several ways (which sleepers a notify wakes),
which way: ``1.2``.  Steps are joined by ``/``; a run of the same choice is written ``2*3``.
"""
from __future__ import annotations

import re

from .errors import ScheduleError

VERSION = "mpsim1"
_TOKEN = re.compile(r"^(0|[1-9]\d*(?::[1-9]\d*)*)(?:\.(\d+))?(?:\*([1-9]\d*))?$")


def token(ident: tuple) -> str:
    return ":".join(map(str, ident)) if ident else "0"


def encode(choices) -> str:
    parts = []
    for ident, alt in choices:
        word = token(ident) + (f".{alt}" if alt else "")
        if parts and parts[-1][0] == word:
            parts[-1][1] += 1
        else:
            parts.append([word, 1])
    return VERSION + ":" + "/".join(w if n == 1 else f"{w}*{n}" for w, n in parts)


def decode(text: str) -> list:
    text = text.strip()
    prefix = VERSION + ":"
    if not text.startswith(prefix):
        raise ScheduleError(f"a schedule starts with '{prefix}' (got {text[:20]!r})")
    body = text[len(prefix):]
    choices = []
    for word in body.split("/") if body else []:
        m = _TOKEN.match(word)
        if not m:
            raise ScheduleError(f"schedule step {len(choices) + 1}: cannot read {word!r}")
        ident = () if m.group(1) == "0" else tuple(int(x) for x in m.group(1).split(":"))
        choices.extend([(ident, int(m.group(2) or 0))] * int(m.group(3) or 1))
    return choices
