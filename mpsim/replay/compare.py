"""Comparing what a real process did with what the simulator predicted, step by step.

Each check returns None when they agree, else ``(expected, real)`` in words for ``DidNotReproduce``.
An operation agrees when the real process announces the same object, method, phase and model
line; a result when the kind (returned, raised, continues) and the value agree - for a raise, the
exception's type and message (object addresses aside); for the middle step of a multi-step
operation, what CPython's own code observed there (the recursion depth released, whether the
sleeper was woken, how many sleepers a notify woke).
"""
from __future__ import annotations

import re

from ..trace import location

ANY = object()
_ADDRESS = re.compile(r"0x[0-9a-f]+")


def phase_name(phase):
    """The simulator's phase of a multi-step operation, as the gated objects name it."""
    if phase is None:
        return None
    if isinstance(phase, frozenset):
        return "rendezvous"
    if isinstance(phase, tuple):
        return phase[0]
    return phase


def operation(plan, ident, op, phase, message):
    """Does the announcement ``message`` of process ``ident`` match the simulator's next ``op``?"""
    if op.method == "exit":
        expected = f"its exit [{phase_name(phase)}]"
    else:
        expected = op_words(plan, op.target, op.method, phase_name(phase), op.loc)
    if message[0] == "exit":
        if op.method == "exit" and message[3] == phase_name(phase):
            return None
        return expected, f"its exit [{message[3]}]" + _exit_words(message)
    if message[0] != "at":
        return expected, real_words(message, 0)
    _, target, method, phase_real, loc, _, _ = message
    if (target, method, phase_real, tuple(loc)) != (op.target, op.method, phase_name(phase), tuple(op.loc)):
        return expected, op_words(plan, target, method, phase_real, loc)
    return None


def op_words(plan, target, method, phase, loc) -> str:
    who = f"{plan.name(target)}." if target not in (None, ()) else ""
    where = location(plan.session, tuple(loc))
    return f"{who}{method}()" + (f" [{phase}]" if phase else "") + (f" at {where}" if where else "")


def result(step, reply):
    """Does the real ``reply`` to the operation of ``step`` match the simulator's result?"""
    expected = step.shown.result
    if reply is None or reply[0] not in ("ok", "cont", "err"):
        return expected, real_words(reply, 0)
    if step.kind == "raise":
        err = step.value
        agree = reply[0] == "err" and (reply[1], _plain(reply[2])) == (err.type, _plain(err.message))
    elif step.kind == "return":
        agree = reply[0] == "ok" and _same(_comparable(step.op, reply[1]), _comparable(step.op, step.value))
    else:
        want = _continued(step)
        agree = reply[0] == "cont" and (want is ANY or _same(reply[1], want))
    return None if agree else (expected, real_words(reply, 0))


def _comparable(op, value):
    """What is compared of a result.  A pool worker's task is compared by its job and chunk:
    its pickled function and arguments may differ in bytes when they hold objects that pickle
    with process-specific details (a Manager proxy's address); what the task does shows in the
    results and the output, which are compared."""
    if op is not None and op.method == "next" and isinstance(value, tuple):
        return value[:3]
    return value


def _continued(step):
    """What CPython's code observes at this middle step, in the simulator's terms."""
    v = step.value
    if isinstance(v, frozenset):
        return len(v)  # sleepers a notify (or Event.set) woke
    if isinstance(v, tuple) and v and v[0] == "sleep":
        return v[1]  # Condition.wait released the lock this many times
    if isinstance(v, tuple) and v and v[0] == "reacquire":
        return v[2]  # woken (True) or timed out (False)
    if v == "sleep":
        return None  # Event.wait found the flag clear and sleeps
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
    real = ("".join(t for s, t in real_out if s == "stdout"), "".join(t for s, t in real_out if s == "stderr"))
    for stream, want, got in zip(("stdout", "stderr"), expected, real):
        if want != got:
            return f"{name} to print {want!r} on {stream}", f"{got!r}"
    return None


def died(expected, message):
    """Does the real exit announcement name the same uncaught exception (or none)?"""
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
        return f"goes on ({reply[1]!r})"
    if kind == "err":
        return f"raises {reply[1]}: {reply[2]}" if reply[2] else f"raises {reply[1]}"
    if kind == "exit":
        return f"its exit [{reply[3]}]" + _exit_words(reply)
    if kind == "eof":
        return "the process is gone"
    return repr(reply)


def _exit_words(message) -> str:
    code, died = message[1], message[2]
    return f" (exit code {code}" + (f", dies of {died})" if died else ")")
