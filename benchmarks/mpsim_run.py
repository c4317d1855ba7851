"""Run one `mpsim check --json` as a child process and measure it.

Each run is its own process so that its peak memory is its own: the child
is reaped with os.wait4, whose rusage belongs to that child alone (unlike
RUSAGE_CHILDREN, which is a maximum over every child ever reaped).
"""
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass

RESULT_EXIT_CODES = (0, 1, 3)  # complete & clean, findings, incomplete & clean
REPORT_KEYS = ("complete", "stop_reason", "states", "transitions", "elapsed_s", "violations")


@dataclass
class MpsimResult:
    """One measured mpsim run: the parsed report, or an error message."""
    wall_s: float
    peak_mib: float
    report: dict | None = None
    error: str | None = None


def check_command(model, model_args, max_states=None):
    """The argv that checks `model` (a path relative to the repo root)."""
    options = ["--json"] if max_states is None else ["--json", "--max-states", str(max_states)]
    return [sys.executable, "-m", "mpsim", "check", model, *options, "--", *model_args]


def parse_report(text):
    """Parse mpsim's JSON report, checking the keys the table needs."""
    report = json.loads(text)
    missing = [key for key in REPORT_KEYS if key not in report]
    if missing:
        raise ValueError(f"mpsim report lacks {', '.join(missing)}")
    return report


def verdict(report):
    """Summarise a report: the violation kinds found, and whether it stopped early.

    e.g. "ok", "deadlock", "deadlock, nontermination",
    "ok; incomplete (max_states)".
    """
    kinds = sorted({v["kind"] for v in report["violations"]})
    summary = ", ".join(kinds) if kinds else "ok"
    if not report["complete"]:
        summary += f"; incomplete ({report['stop_reason']})"
    return summary


def states_per_second(report):
    """Exploration rate over mpsim's own search time, or None if it took no time."""
    elapsed = report["elapsed_s"]
    return report["states"] / elapsed if elapsed > 0 else None


def _last_line(data):
    """Last non-blank line of a child's output, for error messages."""
    lines = data.decode(errors="replace").strip().splitlines()
    return lines[-1] if lines else "(no output)"


def _wait(proc, timeout):
    """Wait for proc, killing it after `timeout` s; return (exit code, rusage, timed out).

    The child is first waited for without being reaped (WNOWAIT), so a kill
    racing with its exit can only hit the zombie, never a recycled pid.
    """
    fired = threading.Event()

    def kill():
        fired.set()
        proc.kill()

    killer = threading.Timer(timeout, kill)
    killer.daemon = True
    killer.start()
    try:
        os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
    finally:
        killer.cancel()
    killer.join()
    _, status, rusage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, rusage, fired.is_set()


def _outcome(code, stdout, stderr):
    """Turn a finished run's exit code and output into (report, error)."""
    if code not in RESULT_EXIT_CODES or not stdout.strip():
        return None, f"exit {code}: {_last_line(stderr)}"
    try:
        return parse_report(stdout), None
    except ValueError as exc:  # json.JSONDecodeError is a ValueError
        return None, f"exit {code}, bad JSON: {exc}"


def run(cmd, cwd, timeout):
    """Run cmd in cwd; measure wall time (whole command) and peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        code, rusage, timed_out = _wait(proc, timeout)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    peak_mib = rusage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux
    if timed_out:
        return MpsimResult(wall, peak_mib, error=f"timeout after {timeout:g} s")
    report, error = _outcome(code, stdout, stderr)
    return MpsimResult(wall, peak_mib, report=report, error=error)
