"""What a search cut short was doing at its deepest: a loop that makes a new state every round.

A loop whose every round changes something the process keeps (a counter, the clock it reads)
never brings a state back, so the search cannot close it into a cycle and runs deeper until its
budget ends - "no problem found in the part explored" would then be all a learner hears about a
program that may never finish (a worker polling a flag its parent changed in its own memory).
``stuck_loop`` looks at the deepest run the search reached: if for its last stretch only some
processes moved, round the same few lines, never coming back to a local state of their own,
while every other live process waited in the same operation throughout, it describes that loop.
It is a hint, not a finding: mpsim cannot tell whether the loop would end some round later.
"""
from __future__ import annotations

from collections import Counter

from .findings import schedule_of
from .i18n import _
from .report import replay_command
from .trace import location, op_text

TAIL = 100  # steps at the end of the deepest run that must all be the loop's
ROUNDS = 3  # ... going round each of its lines at least this often
LINES = 12  # at most this many lines in the loop


def stuck_loop(search, model, argv) -> str | None:
    """A note on the loop the deepest run of ``search`` (cut short) ends in, or None."""
    if not search.worlds:
        return None
    deepest = node = max(range(len(search.worlds)), key=search.depth.__getitem__)
    tail = []  # (state before the move, mover's ident), the last moves first
    want = max(TAIL, search.depth[deepest] // 2)
    while node > 0 and len(tail) < want:
        tail.append((search.parent[node], search.via[node][0]))
        node = search.parent[node]
    if len(tail) < TAIL:
        return None
    rules = search.rules
    session = search.session
    movers = {ident for _, ident in tail}
    lines = Counter()
    keys = set()  # (mover, its local state) before each of its moves
    for state, ident in tail:
        entry = next(e for e in search.worlds[state].procs if e.ident == ident)
        lines[rules.op_of(entry).loc] += 1
        keys.add((ident, entry.key))
    if len(lines) > LINES or min(lines.values()) < ROUNDS or len(keys) < len(tail):
        return None  # not a few lines, not often, or a mover came back to a state of its own
    first = search.worlds[tail[-1][0]]
    last = search.worlds[tail[0][0]]
    waiting = [e for e in last.procs if e.exitcode is None and e.ident not in movers]
    if any(e not in first.procs for e in waiting):
        return None  # someone else's state changed meanwhile: not one loop against still waiters
    choices = search.path(deepest)
    where = ", ".join(location(session, loc) for loc in sorted(lines) if loc[1])
    text = _("The deepest run explored ({depth:,} steps) ends in a loop: for its last {n:,} steps "
             "only {movers} moved, round {where}").format(
        depth=len(choices), n=len(tail), movers=", ".join(sorted(session.name(i) for i in movers)),
        where=where or _("its own code"))
    if waiting:
        text += _(", while {waiters} waited").format(waiters=", ".join(
            _("{process} in {op} at {line}").format(
                process=session.name(e.ident), op=op_text(session, rules.op_of(e), call=True),
                line=location(session, rules.op_of(e).loc))
            for e in waiting))
    return text + _(". Every round reached a state not seen before (something the loop keeps - "
                    "a counter, the clock - changes every round), so the search cannot see it "
                    "repeat: if nothing ever ends that loop, the program never finishes; if it ends "
                    "after more rounds, a bigger budget reaches its end. Watch it: {command}").format(
        command=replay_command(model, argv, schedule_of(search, choices)))
