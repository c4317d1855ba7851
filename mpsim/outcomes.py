"""The possible outcomes of a program: what it prints and the final values of its shared data.

An outcome is what one run leaves behind when the program has ended: its standard output, the
final value of each ``Value``, ``Array`` and manager object, and the processes that died of an
exception.  The table lists each distinct outcome once, with the number of end states (of the
explored graph) that give it and the shortest run that gives it.  Numbers are never merged away.

Output is a partial order, not one interleaving.  mpsim runs a process's code between two of its
operations in one move, so a trace shows one order of the lines, but in CPython the lines of
different processes come out in whatever order their processes reach them - unless something
orders them.  A line ``a`` printed before an operation X of its process comes out before a line
``b`` of another process exactly when X happens before the operation that ``b``'s process did
last before printing ``b`` (a ``start()``, a ``join()`` that returns, a lock handed on, a queue
item received, or only an operation that happened to come first in this run: X's start then
precedes that operation's end).  A process's exit orders its lines before what a process prints
once it has seen the exit (``join()``, ``exitcode``, ``active_children()``, ``wait()`` on its
sentinel) or killed it.  So each run gives each line the set of lines that must come before it;
the outputs of a run are the orders that respect it, and the table merges runs that give the
same partial order.  This is computed over the explored graph by following every path, with the
output so far beside the state (merged states are merged outputs only when equal), so state
merging loses nothing; a limit on that product (``LIMIT``) says when the table is incomplete.

Which order mpsim claims depends on where stdout goes:

* ``terminal`` (the default): stdout is line-buffered, so each line comes out when it is printed.
* ``pipe`` (``--piped``): stdout is a pipe or a file, so CPython block-buffers it: a process's
  lines come out together when it flushes - at ``print(..., flush=True)`` or
  ``sys.stdout.flush()``, at ``Process.start()`` (multiprocessing flushes before it forks or
  spawns), and when the process ends normally; a process killed by a signal (``terminate()``)
  or ended by ``os._exit()`` loses what it had not flushed.  A buffer that fills (8 KiB) also
  flushes in CPython; mpsim does not model that, nor text printed without a newline.

Only the timed search's runs are counted (the one clock: a sleep orders what it waits for).
"""
from __future__ import annotations

from collections import deque
from typing import NamedTuple

from .i18n import _, ngettext
from .primitives import managed, module_for, shared
from .trace import walk_back
from .world import is_process_target

LIMIT = 100_000  # (state, output so far) pairs followed at most


class Outcome(NamedTuple):
    end_states: int
    choices: list  # the shortest run that gives it
    values: tuple  # ((name, value text), ...) of the shared data objects at the end
    died: tuple  # ((process name, error line), ...)
    processes: tuple  # process names, in ident order
    units: tuple  # per process: ((lines, after), ...); after: counts per process (its index)


class Table(NamedTuple):
    stdout: str  # "terminal" | "pipe"
    complete: bool
    note: str | None  # why the table may miss outcomes
    end_states: int
    outcomes: list  # Outcome, most end states first


# -- what each move contributes (recorded by the search) ---------------------------------------------

def edge_record(before, after, ident, step):
    """What the outcomes need of a move (``step`` of process ``ident`` from world ``before`` to
    ``after``), or None for a process's own operation that printed nothing and saw no other
    process end: (own, printed, closes, killed).

    ``printed``: ((ident, lines and FLUSH marks), ...); ``closes``: processes whose exit this
    move saw or whom it killed; ``killed``: processes it killed (their unflushed output is lost).
    """
    printed = tuple((i, tuple(seg.lines)) for i, seg in step.segments if getattr(seg, "lines", ()))
    closes, killed = _ends_seen(before, after, ident, step)
    if not step.feeder and not printed and not closes:
        return None
    return (not step.feeder, printed, closes, killed)


def _ends_seen(before, after, ident, step):
    op = step.op
    if op is None or step.kind != "return" or not is_process_target(op.target):
        return (), ()
    m = op.method
    if m in ("join", "poll") and step.value is not None:
        return (op.target,), ()
    if m == "active":
        return tuple(e.ident for e in before.procs
                     if e.parent == ident and e.exitcode is not None), ()
    if m == "wait" and op.args and step.value:
        specs = op.args[0]
        return tuple(specs[i][1] for i in step.value if specs[i][0] == "proc"), ()
    if m == "terminate":
        alive = {e.ident for e in before.procs if e.exitcode is None}
        gone = {e.ident for e in after.procs if e.exitcode is not None}
        if op.target in alive and op.target in gone:
            return (op.target,), (op.target,)
    return (), ()


# -- the output so far beside a state ------------------------------------------------------------------

class _Item(NamedTuple):
    out: tuple  # ((ident, (unit, ...)), ...); unit = (lines, after) with after ((ident, n), ...)
    closed: tuple  # ((ident, n), ...): the first n units of ident have been closed
    buf: tuple  # ((ident, lines), ...): printed, not flushed yet (pipe)
    died: tuple  # ((ident, error line), ...)


EMPTY = _Item((), (), (), ())


def _advance(item: _Item, mover, rec, raised, piped) -> _Item:
    own, printed, closes, killed = rec if rec is not None else (True, (), (), ())
    if not (printed or closes or killed or raised):  # most moves: at most the mover's own close
        if not own:
            return item
        n = _count(item.out, mover)
        if n == _count(item.closed, mover, None):
            return item
        return item._replace(closed=tuple(sorted({**dict(item.closed), mover: n}.items())))
    out = dict(item.out)
    closed = dict(item.closed)
    if own:
        closed[mover] = len(out.get(mover, ()))
    for ident in closes:
        closed[ident] = len(out.get(ident, ()))
    buf = dict(item.buf)
    for ident in killed:
        buf.pop(ident, None)
    for ident, lines in printed:
        after = tuple(sorted((i, n) for i, n in closed.items() if n and i != ident))
        units = list(out.get(ident, ()))
        pending = list(buf.get(ident, ()))
        for line in lines:
            if not isinstance(line, str):  # a flush
                if piped and pending:
                    units.append((tuple(pending), after))
                    pending = []
            elif piped:
                pending.append(line)
            else:
                units.append(((line,), after))
        out[ident] = tuple(units)
        if pending:
            buf[ident] = tuple(pending)
        else:
            buf.pop(ident, None)
    died = item.died + tuple(raised or ())
    return _Item(tuple(sorted(out.items())), tuple(sorted(closed.items())),
                 tuple(sorted(buf.items())), tuple(sorted(died)))


def _count(pairs, ident, missing=0):
    """What ``pairs`` ((ident, value), ... sorted) say of ``ident``: its number of units (out),
    or the number closed (closed); ``missing`` if it is not there."""
    for i, value in pairs:
        if i == ident:
            return value if isinstance(value, int) else len(value)
    return missing


def table(search, piped=False, limit=LIMIT) -> Table:
    """The outcomes of the runs the search explored."""
    session = search.session
    mode = "pipe" if piped else "terminal"
    if not search.terminal:
        return Table(mode, search.complete, None if search.complete else _cut(search), 0, [])
    edges = [[] for _ in search.worlds]
    for k, (s, t, ident, alt) in enumerate(search.edges):
        edges[s].append((k, t, ident, alt))
    first = search.first
    start = (0, _advance(EMPTY, (), edge_record(None, search.worlds[0], (), first),
                         tuple((i, err[0]) for i, err in first.errors), piped))
    parent = {start: None}
    queue = deque([start])
    found = {}  # key -> [set of end states, first node]
    kept = {}  # (state, the lines so far, unflushed, deaths) -> {item: its constraints}
    dead = set()  # nodes superseded by a less constrained item before they were followed
    known = {}  # item -> (its lines, its constraints) (_subsumed)
    capped = False
    while queue:
        node = queue.popleft()
        if node in dead:
            continue
        s, item = node
        if s in search.terminal:
            key = (item.out, item.died, s)
            found.setdefault(key, node)
            continue
        for k, t, ident, alt in edges[s]:
            new = _advance(item, ident, search.records.get(k), search.raised.get(k), piped)
            nxt = (t, new)
            if nxt in parent or _subsumed(kept, dead, t, new, known):
                continue
            if len(parent) >= limit:
                capped = True
                queue.clear()
                break
            parent[nxt] = (node, (ident, alt))
            queue.append(nxt)
    groups = {}
    for (out, died, s), node in found.items():
        values = final_values(session, search.worlds[s])
        key = (out, died, values)
        g = groups.setdefault(key, [set(), node])
        g[0].add(s)
    outcomes = _merge_refinements([(_outcome(session, key, len(ends), walk_back(parent, node)), ends)
                                   for key, (ends, node) in groups.items()])
    outcomes.sort(key=lambda o: (-o.end_states, len(o.choices)))
    note = None
    if capped:
        note = _("more than {limit} different outputs so far were followed through the explored "
                 "states, so the table may miss outcomes (a loop that prints?)").format(
            limit=f"{limit:,}")
    elif not search.complete:
        note = _cut(search)
    return Table(mode, search.complete and not capped, note, len(search.terminal), outcomes)


def _subsumed(kept, dead, state, item, known) -> bool:
    """Is ``item`` at ``state`` at least as constrained as one kept there with the same lines
    (so every output it leads to is also an output of that one)?  If not, it is kept, and the
    items it is less constrained than are dropped (``dead``: not followed any further)."""
    mine = known.get(item)  # (an item recurs at many states: its lines and constraints once)
    if mine is None:
        lines = (tuple((ident, tuple(u[0] for u in units)) for ident, units in item.out),
                 item.buf, item.died)
        constraints = {(ident, i, q): n for ident, units in item.out
                       for i, (_, after) in enumerate(units) for q, n in after}
        constraints.update(((ident, "closed"), n) for ident, n in item.closed)
        mine = known[item] = (lines, constraints)
    lines, mine = mine
    others = kept.setdefault((state, lines), {})
    for other in others.values():
        if all(mine.get(key, 0) >= n for key, n in other.items()):
            return True
    for old, other in list(others.items()):
        if all(other.get(key, 0) >= n for key, n in mine.items()):
            del others[old]
            dead.add((state, old))
    others[item] = mine
    return False


def _cut(search) -> str:
    from .report import stop_reason_text
    return _("the search was cut short at the {reason}: runs beyond it may end otherwise").format(
        reason=stop_reason_text(search.stop_reason))


def _merge_refinements(pairs) -> list:
    """Drop each outcome whose outputs are all outputs of another one with the same lines,
    values and deaths (its order refines the other's), adding its end states to that one's."""
    def ground(o):
        return (o.values, o.died, o.processes, tuple(tuple(u[0] for u in seq) for seq in o.units))

    closures = [_closure(o) for o, _ in pairs]
    keep = list(range(len(pairs)))
    ends = [set(e) for _, e in pairs]
    for x in range(len(pairs)):
        for y in keep:
            if y != x and ground(pairs[x][0]) == ground(pairs[y][0]) and all(
                    all(a >= b for a, b in zip(cx, cy))
                    for cx, cy in zip(closures[x], closures[y])):
                ends[y] |= ends[x]
                keep.remove(x)
                break
    return [pairs[k][0]._replace(end_states=len(ends[k])) for k in keep]


def _closure(o: Outcome) -> list:
    """For each unit (in process order), how many units of each process come before it."""
    order, below = _ordered(o)
    out = []
    for p, seq in enumerate(o.units):
        for i in range(len(seq)):
            counts = [0] * len(o.units)
            for q, j in below[(p, i)]:
                counts[q] = max(counts[q], j + 1)
            out.append(counts)
    return out


def _outcome(session, key, ends, choices) -> Outcome:
    out, died, values = key
    idents = sorted(ident for ident, _ in out)
    index = {ident: i for i, ident in enumerate(idents)}
    units = []
    for ident, seq in out:
        converted = []
        for lines, after in seq:
            vector = [0] * len(idents)
            for other, n in after:
                if other in index:
                    vector[index[other]] = n
            converted.append((lines, tuple(vector)))
        units.append(tuple(converted))
    return Outcome(ends, choices, values, tuple((session.name(i), e) for i, e in died),
                   tuple(session.name(i) for i in idents), tuple(units))


def final_values(session, world) -> tuple:
    """((name, value), ...) of the shared data objects (Value, Array, manager objects)."""
    return tuple((session.name(oid), module_for(state).describe(state, session.name))
                 for oid, state in world.prims
                 if type(state) in (shared.SharedState, managed.ManagedState))


# -- the partial order, laid out ----------------------------------------------------------------------

class Block(NamedTuple):
    """A stretch of the output: ``"one"`` unit, or units in ``"any"`` order (each process's in
    its order), or units in a ``"partial"`` order (``after``: the units each must follow)."""

    kind: str
    units: list  # (process index, unit index)
    after: dict  # (p, i) -> [(q, j), ...] inside the block (partial)


def _ordered(outcome: Outcome) -> tuple:
    """(a linear order of the units, for each unit every unit that must come before it)."""
    direct = {}
    for p, seq in enumerate(outcome.units):
        for i, (_, after) in enumerate(seq):
            direct[(p, i)] = ({(p, i - 1)} if i else set()) | {(q, n - 1) for q, n in enumerate(after)
                                                                 if n}
    below = {}
    order = []
    while len(order) < len(direct):
        ready = [n for n in direct if n not in below and direct[n] <= below.keys()]
        nxt = min(ready, key=lambda n: (n[1], n[0]))
        below[nxt] = set().union(*({m} | below[m] for m in direct[nxt]))
        order.append(nxt)
    return order, below


def layout(outcome: Outcome) -> tuple:
    """(a linear order of the units, the blocks it splits into)."""
    order, below = _ordered(outcome)
    blocks = []
    start = 0
    for cut in range(1, len(order) + 1):
        head = set(order[:cut])
        if all(head <= below[n] for n in order[cut:]):
            part = order[start:cut]
            inside = set(part)
            after = {n: [m for m in below[n] & inside if m[0] != n[0]] for n in part}
            after = {n: sorted(m for m in a if not any(m in below[x] for x in a))
                     for n, a in after.items()}
            kind = "one" if len(part) == 1 else "partial" if any(after.values()) else "any"
            if kind == "any":
                part = sorted(part)
            blocks.append(Block(kind, part, after if kind == "partial" else {}))
            start = cut
    return order, blocks


def text_of(outcome: Outcome) -> str:
    """One stdout text this outcome allows (the layout's order)."""
    order = layout(outcome)[0]
    return "".join(line + "\n" for p, i in order for line in outcome.units[p][i][0])


# -- JSON and text ------------------------------------------------------------------------------------

def to_json(tab: Table, encode) -> dict:
    """``encode``: choices -> schedule string."""
    return {"stdout": tab.stdout, "complete": tab.complete, "note": tab.note,
            "end_states": tab.end_states,
            "list": [{"end_states": o.end_states, "schedule": encode(o.choices),
                      "values": [{"name": n, "value": v} for n, v in o.values],
                      "died": [{"process": p, "error": e} for p, e in o.died],
                      "processes": list(o.processes),
                      "output": [{"process": p, "lines": list(lines), "after": list(after)}
                                 for p, seq in enumerate(o.units) for lines, after in seq],
                      "stdout": text_of(o)}
                     for o in tab.outcomes]}


SHOWN = 12  # outcomes the text report shows


def text_lines(data: dict, replay) -> list:
    """The outcomes table of the text report, from the JSON form; ``replay``: schedule ->
    command."""
    items = data["list"]
    if not items:
        return []
    n = data["end_states"]
    where = _("as a terminal shows it") if data["stdout"] == "terminal" else \
        _("as a pipe or a file receives it (each process's output comes in blocks, when it "
          "flushes)")
    ends = ngettext("{n} end state", "{n} end states", n).format(n=f"{n:,}")
    head = (_("possible outcomes: {count} (output {where}; final values of the shared data; from "
              "{ends} of the complete search):") if data["complete"] else
            _("possible outcomes: {count} (output {where}; final values of the shared data; from "
              "{ends} of the explored part):")).format(count=len(items), where=where, ends=ends)
    lines = [head]
    for k, item in enumerate(items[:SHOWN]):
        label = chr(ord("A") + k) if k < 26 else str(k + 1)
        facts = [ngettext("{n} end state", "{n} end states", item["end_states"]).format(
            n=item["end_states"])]
        if item["values"]:
            facts.append(_("final values: {values}").format(values=", ".join(
                f"{v['name']} = {v['value']}" for v in item["values"])))
        for d in item["died"]:
            facts.append(_("{process} dies: {error}").format(process=d["process"], error=d["error"]))
        lines.append(f"  [{label}] " + _("; ").join(facts))
        lines.extend("      " + line for line in output_lines(item))
        lines.append("      " + _("e.g. {command}").format(command=replay(item["schedule"])))
    if len(items) > SHOWN:
        lines.append("  " + _("... and {count} more (--json lists them all)").format(
            count=len(items) - SHOWN))
    if data["note"]:
        lines.append("  " + _("(not every outcome may be listed: {note})").format(note=data["note"]))
    return lines


def from_json(item: dict) -> Outcome:
    procs = tuple(item["processes"])
    units = [[] for _ in procs]
    for u in item["output"]:
        units[u["process"]].append((tuple(u["lines"]), tuple(u["after"])))
    return Outcome(item["end_states"], [], (), (), procs, tuple(tuple(u) for u in units))


def output_lines(item: dict) -> list:
    """The output of one outcome as a partial order, in words."""
    o = from_json(item)
    if not any(o.units):
        return [_("(prints nothing)")]
    blocks = layout(o)[1]
    width = max(len(p) for p in o.processes)
    lines = []
    for b in blocks:
        if b.kind == "one":
            p, i = b.units[0]
            lines.extend(_quoted(o.units[p][i][0]))
            continue
        count = sum(len(o.units[p][i][0]) for p, i in b.units)
        if b.kind == "any":
            lines.append(_("these {count} lines in any order (each process's own in their "
                           "order):").format(count=count))
        else:
            lines.append(_("these {count} lines in an order where each comes after those "
                           "named:").format(count=count))
        for p, i in b.units:
            body = _quoted(o.units[p][i][0])
            tag = f"{o.processes[p]:<{width}}"
            after = b.after.get((p, i)) if b.kind == "partial" else None
            suffix = ("   " + _("(after {lines})").format(lines=", ".join(
                repr(o.units[q][j][0][-1]) for q, j in after)) if after else "")
            lines.append(f"  {tag}  {body[0]}{suffix if len(body) == 1 else ''}")
            lines.extend(f"  {'':<{width}}  {text}" for text in body[1:-1])
            if len(body) > 1:
                lines.append(f"  {'':<{width}}  {body[-1]}{suffix}")
    return lines


def _quoted(lines) -> list:
    return [line if line.strip() == line and line else repr(line) for line in lines]


# -- how a real stdout compares -------------------------------------------------------------------------

def allows(item: dict, text: str) -> bool:
    """Can this outcome's output be exactly ``text``?  (A search over the orders it allows.)"""
    o = from_json(item)
    want = text.splitlines()
    seen = set()
    stack = [tuple(0 for _ in o.units)]
    while stack:
        pos = stack.pop()
        at = sum(len(o.units[p][i][0]) for p in range(len(pos)) for i in range(pos[p]))
        if all(pos[p] == len(o.units[p]) for p in range(len(pos))):
            if at == len(want):
                return True
            continue
        for p, i in enumerate(pos):
            if i == len(o.units[p]):
                continue
            lines, after = o.units[p][i]
            if any(pos[q] < n for q, n in enumerate(after)):
                continue
            if tuple(want[at:at + len(lines)]) != lines:
                continue
            nxt = pos[:p] + (i + 1,) + pos[p + 1:]
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False
