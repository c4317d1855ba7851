"""The replay's part of the ``mpsim`` command: ``mpsim replay`` and ``mpsim check --confirm``.

Exit codes of ``mpsim replay``: 0 confirmed, 1 the real primitives did something else (or the
schedule cannot be forced on them), 2 usage or model error, 130 interrupted.  Ctrl-C and SIGTERM
stop the replay the orderly way: the real processes are taken down before the command exits.
"""
from __future__ import annotations

import signal
import sys
from contextlib import contextmanager

from ..errors import DidNotReproduce, NotEnforceable, UnsupportedAPI
from . import DEFAULT_TIMEOUT, replay
from .text import confirmation, replay_report

INTERRUPTED = 130


def add_arguments(sub, check):
    r = sub.add_parser("replay", help="follow one schedule on the real multiprocessing primitives "
                                      "and compare each step with the simulator")
    r.add_argument("model")
    r.add_argument("--schedule", required=True, help="a schedule printed by 'mpsim check'")
    r.add_argument("--start-method", choices=["spawn", "fork"])
    r.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help="how long a real operation may take before it counts as blocked "
                        f"(default {DEFAULT_TIMEOUT:g})")
    check.add_argument("--confirm", action="store_true",
                       help="replay every finding on the real multiprocessing primitives")


@contextmanager
def _terminable():
    """SIGTERM unwinds like Ctrl-C, so the replay can take its real processes down."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt
    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run(args, model_argv) -> int:
    out, err = sys.stdout, sys.stderr
    try:
        with _terminable():
            r = replay(args.model, args.schedule, model_argv, start_method=args.start_method,
                       timeout=args.timeout)
    except (DidNotReproduce, NotEnforceable) as exc:
        print(f"did not reproduce on real primitives: {exc}" if isinstance(exc, DidNotReproduce)
              else f"cannot replay on real primitives: {exc}", file=out)
        return 1
    except KeyboardInterrupt:
        print("mpsim: interrupted; the real processes were stopped", file=err)
        return INTERRUPTED
    out.write(replay_report(r, args.start_method))
    return 0


def confirm(result, start_method, quiet=False):
    """Replay each finding of a check, printing one line per finding unless ``quiet``.
    Returns the lines as data, or None if interrupted."""
    out, err = (None if quiet else sys.stdout), sys.stderr
    if out is not None and result.violations:
        print("\nreplaying the findings on real primitives:", file=out)
    rows = []
    try:
        with _terminable():
            for i, v in enumerate(result.violations, 1):
                try:
                    r = replay(result.model, v.schedule, result.argv, start_method=start_method,
                               complete=v.kind != "nontermination")
                    row = {"violation": i, "confirmed": True, "message": confirmation(r)}
                except (DidNotReproduce, NotEnforceable, UnsupportedAPI) as exc:
                    word = "did not reproduce" if isinstance(exc, DidNotReproduce) else "cannot replay"
                    row = {"violation": i, "confirmed": False,
                           "message": f"{word} on real primitives: {exc}"}
                if out is not None:
                    print(f"[{i}] {row['message']}", file=out, flush=True)
                rows.append(row)
    except KeyboardInterrupt:
        print("mpsim: interrupted; the real processes were stopped", file=err)
        return None
    return rows
