"""What the replayer cannot force on real processes, checked before any real process starts.

The controller hands out one turn at a time, and a process attempts an operation only in its own
turn, when the simulator says it can complete.  So a release never finds several real waiters -
the one the simulator chose is the only one trying - and a notify(n) wakes exactly the chosen
sleepers, because the others have not yet gone to sleep on the real wake-up semaphore (see
``engines/real/sync.py``).  What stays out of reach:

* A timed ``Condition.wait`` that times out after a ``notify`` chose it ("times out, losing the
  notify").  In CPython that happens only when the timeout expires inside ``notify()``, between
  its count of the sleepers and its release of the wake-up semaphore; once the semaphore is
  released, the real sleeper takes it and is woken.  Forcing it would mean running the sleeper's
  timeout inside the notifier's turn, ahead of its place in the schedule; the replayer does not
  reorder steps, so it refuses with ``NotEnforceable``.
* Timeouts are real: a timed operation the simulator lets time out waits its full timeout
  (times the time scale, for a timed schedule); a sleep of a timed schedule really sleeps so long.
  The model's clock is the simulator's, handed with each turn (``engines/real/engine.py``).
* What the OS does on its own is not gated: scheduling inside a real operation, how long a
  process takes to start or to exit (the controller waits for each), signal delivery.
* How much of a message the kernel takes into a nearly full pipe or socket buffer: it counts in
  pages (a pipe) or reports room late (a socket), not byte by byte as the simulator does, so a
  partial write can end elsewhere; the step where that shows is reported, not forced.
* Where one real call is several simulated steps and cannot be cut (a manager's Event,
  Condition and Barrier, a managed queue's ``join()``): the real engine stops the
  replay naming it (``UnsupportedAPI``).
"""
from __future__ import annotations

from ..errors import NotEnforceable
from ..primitives import condition


def check(plan, step):
    """Raise ``NotEnforceable`` if ``step`` cannot be forced on real processes."""
    op = step.op
    if op is None or step.kind != "continue" or op.method != "wait":
        return
    state = dict(step.before.prims).get(op.target)
    timed_out = isinstance(step.value, tuple) and step.value[:1] == ("reacquire",) and not step.value[2]
    if type(state) is condition.CondState and timed_out and any(
            w[0] == step.ident and w[2] for w in state.waiters):
        raise NotEnforceable(
            f"step {step.number}: {plan.name(step.ident)}'s wait times out after a notify chose it; "
            "on real primitives that needs the timeout to expire inside notify(), which the "
            "replayer does not arrange")
