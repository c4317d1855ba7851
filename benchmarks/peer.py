"""What a peer model checker's run gives the table, and the memory cap every measured run gets."""
import resource
import signal
from dataclasses import dataclass

GIB = 1024 ** 3


@dataclass
class PeerResult:
    """Outcome of one peer run (SPIN's pan, Harmony): counts and verdict, or an error message."""
    states: int | None = None
    seconds: float | None = None      # wall clock of the search command
    verdict: str = ""
    error: str | None = None
    timed_out: bool = False


def memory_cap(gib):
    """A preexec_fn capping the child's address space (RLIMIT_AS) at `gib` GiB; None for no cap.

    The runs share a machine with other work, so no row may take all its
    memory: a run that hits the cap fails (MemoryError, a failed malloc or a
    crash), and the table shows that error.
    """
    if gib is None:
        return None
    limit = int(gib * GIB)

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return cap


def exit_text(code, gib):
    """'exit 2', or 'killed by SIGSEGV (under the 8 GiB memory cap)' for a signal."""
    if code >= 0:
        return f"exit {code}"
    try:
        name = signal.Signals(-code).name
    except ValueError:
        name = f"signal {-code}"
    return f"killed by {name}" + ("" if gib is None else f" (under the {gib:g} GiB memory cap)")
