"""Typed errors mpsim raises, each with a short message in the user's terms."""
import signal


class MpsimError(Exception):
    """Base class: something mpsim cannot do with this model or input (exit code 2)."""


class ModelError(MpsimError):
    """The model cannot be loaded: missing file, syntax error, bad arguments."""


class ModelUsage(MpsimError):
    """The model ended at start-up with a non-zero status before any operation - its own usage
    message for arguments it does not take, as a rule (exit code 2, kind "usage")."""


class UnsupportedAPI(MpsimError):
    """The model uses a part of multiprocessing (or the OS) that mpsim does not model yet."""


class ScheduleError(MpsimError):
    """A schedule string is malformed or does not fit the model."""


class NondeterministicModel(MpsimError):
    """The model did not repeat itself when re-run with the same choices (real randomness, time,
    object addresses...), so mpsim cannot explore it faithfully."""


class Unsupported(BaseException):
    """Raised inside a simulated process when it touches an unmodelled API.

    A BaseException so that the model's own ``except Exception`` cannot swallow it; the executor
    turns it into ``UnsupportedAPI`` naming the model's line.
    """


class Interrupted(KeyboardInterrupt):
    """Ctrl-C (SIGINT) or SIGTERM reached the ``mpsim`` command (``cli.interruptible``): a search
    stops where it is and reports what it covered.  A KeyboardInterrupt, so that whatever stops
    real processes on Ctrl-C (the replay) does so for SIGTERM too; the command exits with
    ``exit_code`` (128 + the signal: 130 for Ctrl-C, 143 for SIGTERM)."""

    def __init__(self, signum: int, message: str = "interrupted"):
        super().__init__(message)
        self.signum = signum
        self.exit_code = 128 + signum
        name = "Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name
        self.reason = f"interrupted ({name})"  # the search's stop reason


class ReplayError(MpsimError):
    """Replaying a schedule on the real multiprocessing primitives failed."""


class DidNotReproduce(ReplayError):
    """The real primitives did not do what the simulator predicted for a schedule.

    ``step`` is the step number in the trace (as ``mpsim run`` numbers it), ``expected`` what the
    simulator predicted there and ``real`` what the real processes did.
    """

    def __init__(self, step: int, where: str, expected: str, real: str):
        super().__init__(f"step {step} ({where}): expected {expected}, real: {real}")
        self.step = step
        self.where = where
        self.expected = expected
        self.real = real


class NotEnforceable(ReplayError):
    """A schedule makes a choice the replayer cannot force on real processes (the OS decides)."""


class GraphvizMissing(MpsimError):
    """Graphviz's ``dot`` program, which draws SVG and PNG pictures, is not installed."""
