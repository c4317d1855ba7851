"""Replay a schedule on the real ``multiprocessing`` primitives and compare with the simulator.

``replay(path, schedule)`` runs the model on the same facade as the simulator, over the real
engine (``mpsim/engines/real``): each step the simulator schedules is a turn on CPython's real
objects in real processes (fork or spawn), given by a controller that follows the simulated trace
and compares every result, each process's output, uncaught exception and exit code; a predicted
deadlock must leave the real processes blocked in the predicted operations.  A divergence raises
``DidNotReproduce`` naming the step.  Whatever happens - success, divergence, timeout, Ctrl-C - no
real process, named semaphore or temporary file is left behind.

``plan`` (the simulated run), ``limits`` (what cannot be forced), ``controller`` (turns and
comparisons, with ``compare`` and ``evidence``), ``switchboard`` (control connections),
``processes`` (starting and stopping the real processes), ``text`` and ``command`` (the ``mpsim``
command's part).
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from ..errors import ReplayError
from . import limits
from .plan import simulate

DEFAULT_TIMEOUT = 2.0
DEFAULT_TIME_SCALE = 1.0  # real seconds per virtual second: a sleep(1) takes a real second


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
           complete=True, time_scale=DEFAULT_TIME_SCALE) -> Replay:
    """Follow ``schedule`` on real processes; raise ``DidNotReproduce`` where they differ.

    ``timeout``: how long a real operation may take before it counts as blocked (besides its own
    timeout).  ``complete``: after the schedule's last step, go on with the simulator's first
    possible move until the program ends (False: stop the real processes after the last step).
    ``time_scale``: for a timed schedule, real seconds per virtual second - each ``time.sleep``
    and each timeout really takes its time times the scale, and the model's clock reads real time
    divided by it (0.01: a ``sleep(2)`` takes 20 ms).  An untimed schedule (``mpsim2:untimed:``)
    is not scaled: its sleeps take no real time and its timeouts their own."""
    # The real processes' side loads only here: the command line (``command``) imports this
    # package for every command.
    import shutil
    import tempfile

    from ..engines.real.wire import tempdir_prefix
    from .controller import Controller
    from .processes import RealProcesses
    from .switchboard import Switchboard
    if time_scale < 0:
        raise ValueError("time_scale is real seconds per virtual second: 0 or more")
    t0 = time.monotonic()
    plan = simulate(path, schedule, argv, start_method, complete)
    for step in plan.steps:
        limits.check(plan, step)
    scale = time_scale if plan.timed else 0.0
    board = Switchboard()
    # multiprocessing's temporary files (a manager's socket) go into a directory of this replay's
    # own, removed with whatever a stopped process could not remove itself.
    tempdir = tempfile.mkdtemp(prefix=tempdir_prefix(os.getpid()))
    real = RealProcesses(board, board.config(plan.session.model.path, plan.main_spec(),
                                             plan.default_method, scale, tempdir))
    controller = Controller(plan, board, real, timeout, scale)
    try:
        real.start()
        found = controller.follow()
    finally:
        real.stop()
        board.close()
        shutil.rmtree(tempdir, ignore_errors=True)
    leaks = real.leak_warnings()
    if leaks:
        raise ReplayError(f"the real processes left something behind: {leaks[0]}")
    steps = plan.shown
    result = Replay(path, list(argv), schedule, plan.schedule, plan.start_method, steps, plan.shown_given,
                    plan.outcome, [(b.shown, found.get(b.ident)) for b in plan.blocked],
                    {plan.name(i): c for i, c in plan.exit_codes.items()},
                    [(plan.name(i), line) for s in plan.steps for i, line in s.died.items()],
                    time.monotonic() - t0)
    if len(steps) > result.given:
        result.notes.append(f"the schedule ends at step {result.given}; steps {result.given + 1}-"
                            f"{len(steps)} take the first possible move each")
    result.feeders_blocked = controller.feeders_blocked
    if real.killed:
        result.notes.append("some real processes did not stop when told to and were killed")
    return result


__all__ = ["replay", "Replay", "DEFAULT_TIMEOUT", "DEFAULT_TIME_SCALE"]
