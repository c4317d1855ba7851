"""The replay's part of the ``mpsim`` command: ``mpsim replay`` and the options of ``mpsim check
--confirm`` (``cli.confirm`` replays the findings).

Exit codes of ``mpsim replay``: 0 confirmed, 1 the real primitives did something else (or the
schedule cannot be forced on them), 2 usage or model error, 130 interrupted.  Ctrl-C and SIGTERM
stop the replay the orderly way: the real processes are taken down before the command exits.
"""
from __future__ import annotations

import signal
import sys
from contextlib import contextmanager

from ..errors import DidNotReproduce, NotEnforceable
from . import DEFAULT_TIME_SCALE, DEFAULT_TIMEOUT, replay
from .text import replay_report

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
    r.add_argument("--time-scale", type=_scale, default=DEFAULT_TIME_SCALE, metavar="S",
                   help="real seconds per virtual second for a timed schedule: each sleep and "
                        "timeout really takes its time times S, and the model's clock runs 1/S "
                        f"times as fast (default {DEFAULT_TIME_SCALE:g}; 0.01: sleep(2) takes "
                        "20 ms; an untimed schedule is not scaled)")
    check.add_argument("--confirm", action="store_true",
                       help="replay every finding on the real multiprocessing primitives")
    check.add_argument("--time-scale", type=_scale, default=DEFAULT_TIME_SCALE, metavar="S",
                       help="with --confirm: real seconds per virtual second in the replays "
                            f"(default {DEFAULT_TIME_SCALE:g}; see mpsim replay --help)")


def _scale(text: str) -> float:
    import argparse
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be 0 or more: {text!r}")
    return value


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
                       timeout=args.timeout, time_scale=args.time_scale)
    except (DidNotReproduce, NotEnforceable) as exc:
        print(f"did not reproduce on real primitives: {exc}" if isinstance(exc, DidNotReproduce)
              else f"cannot replay on real primitives: {exc}", file=out)
        return 1
    except KeyboardInterrupt:
        print("mpsim: interrupted; the real processes were stopped", file=err)
        return INTERRUPTED
    out.write(replay_report(r, args.start_method))
    return 0
