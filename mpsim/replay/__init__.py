"""Replay a schedule on the real ``multiprocessing`` primitives and compare with the simulator.

``replay(path, schedule)`` runs the model with the real ``multiprocessing`` (fork or spawn),
gated: before each operation the simulator schedules, a real process waits for its turn from a
controller that follows the simulated trace, performs the real operation and reports the result,
which must be the simulated one; so must each process's output, uncaught exception and exit code,
and a predicted deadlock must leave the real processes blocked in the predicted operations.  A
divergence raises ``DidNotReproduce`` naming the step.  Whatever happens - success, divergence,
timeout, Ctrl-C - no real process, named semaphore or temporary file is left behind.

Controller side: ``plan`` (the simulated run), ``limits`` (what cannot be forced),
``controller`` (turns and comparisons, with ``compare`` and ``evidence``), ``switchboard``
(control connections), ``processes`` (starting and stopping the real processes), ``text`` and
``command`` (the ``mpsim`` command's part).  Process side: ``entry``/``boot`` (start-up, with
``config``), ``gate`` (waiting for turns), ``gated`` (the gated ``multiprocessing`` the model
imports).
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from .. import schedule as schedules
from ..errors import ReplayError, ReplayUnavailable
from . import limits
from .controller import Controller
from .plan import simulate
from .processes import RealProcesses
from .switchboard import Switchboard

DEFAULT_TIMEOUT = 2.0


@dataclass
class Replay:
    """A schedule that the real primitives followed step by step, as the simulator predicted."""

    model: str
    argv: list
    schedule: str  # as given
    followed: str  # the schedule followed: the given one and its completion
    start_method: str
    steps: list  # trace.TraceStep, as ``mpsim run`` shows them
    given: int  # how many of the steps the given schedule covered
    outcome: str  # "finished" | "deadlock" | "continues" (stopped after the last step)
    blocked: list = field(default_factory=list)  # (TraceStep, evidence.ProcState | None)
    exit_codes: dict = field(default_factory=dict)  # process name -> exit code (None: running)
    deaths: list = field(default_factory=list)  # (process name, "Type: message") uncaught
    elapsed_s: float = 0.0
    notes: list = field(default_factory=list)
    feeders_blocked: list = field(default_factory=list)  # deadlock: whose queue feeder blocked too


def replay(path, schedule, argv=(), *, start_method=None, timeout=DEFAULT_TIMEOUT,
           complete=True) -> Replay:
    """Follow ``schedule`` on real processes; raise ``DidNotReproduce`` where they differ.

    ``timeout``: how long a real operation may take before it counts as blocked.  ``complete``:
    after the schedule's last step, go on with the simulator's first possible move until the
    program ends (False: stop the real processes after the last step)."""
    raise ReplayUnavailable()
    t0 = time.monotonic()
    start_method = start_method or schedules.decode(schedule).method  # the one it was found under
    plan = simulate(path, schedule, argv, start_method, complete)
    for step in plan.steps:
        limits.check(plan, step)
    board = Switchboard()
    real = RealProcesses(board, board.config(os.path.abspath(path), [path, *argv], start_method))
    controller = Controller(plan, board, real, timeout)
    try:
        real.start()
        found = controller.follow()
    finally:
        real.stop()
        board.close()
    leaks = real.leak_warnings()
    if leaks:
        raise ReplayError(f"the real processes left something behind: {leaks[0]}")
    steps = [s.shown for s in plan.steps]
    result = Replay(path, list(argv), schedule, plan.schedule, plan.start_method, steps, plan.given,
                    plan.outcome, [(b.shown, found.get(b.ident)) for b in plan.blocked],
                    {plan.name(i): c for i, c in plan.exit_codes.items()},
                    [(plan.name(i), line) for s in plan.steps for i, line in s.died.items()],
                    time.monotonic() - t0)
    if len(steps) > plan.given:
        result.notes.append(f"the schedule ends at step {plan.given}; steps {plan.given + 1}-"
                            f"{len(steps)} take the first possible move each")
    result.feeders_blocked = controller.feeders_blocked
    if real.killed:
        result.notes.append("some real processes did not stop when told to and were killed")
    return result


__all__ = ["replay", "Replay", "DEFAULT_TIMEOUT"]
