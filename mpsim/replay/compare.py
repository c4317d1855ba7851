"""Comparing what a real process did with what the simulator predicted, step by step.

Each check returns None when they agree, else ``(expected, real)`` in words for ``DidNotReproduce``.
A step agrees when the real process announces the same object, operation, phase and model line; a
result when the kind (returned, raised, went on) and the value agree - for a raise, the exception's
type and message (object addresses aside); for a step after which the operation goes on, the next
phase and what CPython's own code observed there (the recursion depth released, whether the
sleeper was woken, how many sleepers a notify woke, what a feeder thread wrote).  Printed text is
compared per stream; tracebacks are left out of it (their frames inside mpsim differ between the
engines), the uncaught exception itself is compared as the process's death.
"""
from __future__ import annotations

import re

from ..primitives.declare import phase_name
from ..trace import location

ANY = object()
_ADDRESS = re.compile(r"0x[0-9a-f]+")
TRACEBACK = "Traceback (most recent call last):"
# A feeder thread's move, by the simulator's note, as the real feeder reports it.
FEEDS = (("writes an item", "writes"), ("pipe full: writes part", "part"), ("writes more", "more"),
         ("finishes writing", "finishes"), ("cannot pickle", "drops"), ("closes its ends", "closes"))


def operation(plan, ident, op, phase, message):
    """Does the announcement ``message`` of process ``ident`` match the simulator's next ``op``?"""
    expected = op_words(plan, op.target, op.method, phase_name(phase), op.loc)
    if message[0] != "at":
        return expected, real_words(message, 0)
    _, target, method, real_phase, loc, _ = message
    if (target, method, real_phase, tuple(loc)) != (op.target, op.method, phase_name(phase), tuple(op.loc)):
        return expected, op_words(plan, target, method, real_phase, loc)
    return None


def op_words(plan, target, method, phase, loc) -> str:
    who = f"{plan.name(target)}." if target not in (None, ()) else ""
    where = location(plan.session, tuple(loc))
    return f"{who}{method}()" + (f" [{phase}]" if phase else "") + (f" at {where}" if where else "")


def result(step, reply, children=()):
    """Does the real ``reply`` to the step match the simulator's result?  ``children``: the
    idents the moving process started (its parent's exit code is not its to know)."""
    expected = step.shown.result
    if reply is None or reply[0] not in ("ok", "cont", "err"):
        return expected, real_words(reply, 0)
    if step.kind == "raise":
        err = step.value
        agree = reply[0] == "err" and (reply[1], _plain(reply[2])) == (err.type, _plain(err.message))
    elif step.kind == "return":
        agree = reply[0] == "ok" and _same_result(step, reply[1], children)
    elif step.feeder:
        agree = reply[0] == "cont" and reply[2] == _feed(step.note)
    else:
        want = _continued(step)
        agree = (reply[0] == "cont" and reply[1] == phase_name(step.value)
                 and (want is ANY or _same(reply[2], want)))
    return None if agree else (expected, real_words(reply, 0))


def _same_result(step, real, children) -> bool:
    """A returned value.  A child's first step returns nothing to compare; a pool worker's task
    is compared by its job and chunk (its pickled function and arguments may hold objects that
    pickle with process-specific details - a manager proxy's address); what the task does shows
    in the results and the output, which are compared.  Polling or joining its own parent, a
    process learns only whether it has ended."""
    op, simulated = step.op, step.value
    if op.method == "begin":
        return True
    if op.method == "next" and isinstance(simulated, tuple):
        return isinstance(real, tuple) and real[:3] == simulated[:3]
    if op.method in ("poll", "join") and op.target != () and op.target not in children:
        return (real is None) == (simulated is None)
    return _same(real, simulated)


def _feed(note: str) -> str:
    return next((word for prefix, word in FEEDS if note.startswith(prefix)), note)


def _continued(step):
    """What CPython's code observes at a step after which the operation goes on."""
    v = step.value
    if isinstance(v, frozenset):
        return len(v)  # sleepers a notify (or Event.set) woke
    if isinstance(v, tuple) and v and v[0] == "sleep":
        return v[1]  # Condition.wait released the lock this many times
    if isinstance(v, tuple) and v and v[0] == "reacquire":
        return v[2]  # woken (True) or timed out (False)
    if v == "sleep":
        return None  # Event.wait found the flag clear, a JoinableQueue.join unfinished tasks
    if v == "reread":
        return not step.note.startswith("times out")
    return ANY


def _plain(text):
    """An error message without object addresses (``<function <lambda> at 0x7f...>``)."""
    return _ADDRESS.sub("0x…", text) if text else text


def _same(real, simulated) -> bool:
    if isinstance(real, (list, tuple)) and isinstance(simulated, (list, tuple)):
        return list(real) == list(simulated)
    return real == simulated


def printed(name, expected: tuple, real_out) -> tuple | None:
    """The text each stream got: the simulator's ``(stdout, stderr)`` against the real messages."""
    real = ("".join(t for s, t in real_out if s == "stdout"),
            "".join(t for s, t in real_out if s == "stderr"))
    for stream, want, got in zip(("stdout", "stderr"), expected, real):
        if _untraced(want) != _untraced(got):
            return f"{name} to print {want!r} on {stream}", f"{got!r}"
    return None


def _untraced(text: str) -> str:
    """``text`` without its tracebacks (from the header to the exception's last line) and with
    addresses masked (an object's address differs between processes: "Exception ignored in
    atexit callback: <function report at 0x...>")."""
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith(TRACEBACK):
            skipping = True
            continue
        if skipping:
            if line.startswith(" "):
                continue
            skipping = False
            continue  # the exception's line ends the traceback
        out.append(_ADDRESS.sub("0x…", line))
    return "".join(out)


def died(expected, message):
    """Does the real end name the same uncaught exception (or none)?"""
    real = message[2]
    if _plain(real) == _plain(expected):
        return None
    return (f"dies of {expected}" if expected else "no uncaught exception",
            f"dies of {real}" if real else "no uncaught exception")


def exit_code(expected, message):
    return None if message[1] == expected else (f"exit code {expected}", f"exit code {message[1]}")


def real_words(reply, timeout) -> str:
    if reply is None:
        return f"blocks (no answer within {timeout:g} s)" if timeout else "blocks"
    kind = reply[0]
    if kind == "ok":
        return "ok" if reply[1] is None else repr(reply[1])
    if kind == "cont":
        return f"goes on to [{reply[1]}] ({reply[2]!r})"
    if kind == "err":
        return f"raises {reply[1]}: {reply[2]}" if reply[2] else f"raises {reply[1]}"
    if kind == "done":
        return "its code ends" + end_words(reply)
    if kind == "at":
        return f"waits at {reply[2]}()" + (f" [{reply[3]}]" if reply[3] else "")
    if kind == "eof":
        return "the process is gone"
    return repr(reply)


def end_words(message) -> str:
    code, error = message[1], message[2]
    return f" (exit code {code}" + (f", dies of {error})" if error else ")")
