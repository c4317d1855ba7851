"""Ctrl-C and SIGTERM stop a search: the command prints what it explored, says the search was
interrupted, exits 130 or 143, shows no traceback and leaves no process behind (issue 14)."""
from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
import uuid

import pytest

from mpsim.errors import Interrupted

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LONG = ["models/philosophers.py", "--", "12", "ordered", "forever"]  # a minute of search or more


def _tagged(tag) -> list:
    """Live processes whose environment carries ``tag`` (the command, its zygote, its runners)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as f:
                if tag.encode() not in f.read():
                    continue
            with open(f"/proc/{entry}/stat", "rb") as f:
                if f.read().rsplit(b")", 1)[1].split()[0] == b"Z":
                    continue
        except OSError:
            continue
        found.append(int(entry))
    return found


def _start(*words):
    mark = uuid.uuid4().hex
    env = dict(os.environ, MPSIM_INTERRUPT_TEST=mark)
    tag = f"MPSIM_INTERRUPT_TEST={mark}"
    # As from a terminal: SIGINT at its default (a test worker may ignore it, and an ignored
    # SIGINT is inherited and, as in a shell's background job, stays ignored: cli.interruptible).
    proc = subprocess.Popen([sys.executable, "-m", "mpsim", "check", *words], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    return proc, tag


def _wait_for_progress(proc) -> bytes:
    """stderr up to the first progress line (the search has explored states by then)."""
    seen = b""
    while b" states, " not in seen:
        ready, _, _ = select.select([proc.stderr], [], [], 120)
        assert ready, "no progress line within 120 s"
        chunk = os.read(proc.stderr.fileno(), 4096)
        assert chunk, f"the check ended before it reported progress: {seen!r}"
        seen += chunk
    return seen


def _wait_for_runners(tag, proc):
    """Until the command has its zygote and a simulated process (the check has begun)."""
    while len(_tagged(tag)) < 3:
        assert proc.poll() is None, "the check ended before it began"
        time.sleep(0.1)


def _finish(proc, tag, signum):
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=120)
    # mpsim has sent SIGKILL to its simulated processes when it exits; the kernel may take a
    # moment to end them (the hostile corpus allows the same 2 s).
    deadline = time.monotonic() + 2.0
    while _tagged(tag) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _tagged(tag), "processes of the interrupted check are still running"
    return out.decode(), err.decode()


def test_ctrl_c_prints_the_partial_report_and_exits_130():
    proc, tag = _start(*LONG)
    early = _wait_for_progress(proc).decode()
    out, err = _finish(proc, tag, signal.SIGINT)
    assert proc.returncode == 130
    assert "INCOMPLETE: interrupted (Ctrl-C)" in out
    assert "problem" in out  # a verdict line: findings so far, or none in the part explored
    assert "Traceback" not in early + err


def test_sigterm_with_json_gives_one_object_and_exits_143():
    proc, tag = _start("--json", *LONG)
    _wait_for_runners(tag, proc)
    out, err = _finish(proc, tag, signal.SIGTERM)
    assert proc.returncode == 143
    data = json.loads(out)
    if "error" in data:  # before the first state was made: nothing to report but the signal
        assert data["error"]["kind"] == "interrupted"
    else:
        assert data["stop_reason"] == "interrupted (SIGTERM)"
        assert data["interrupted"] == "SIGTERM" and data["complete"] is False
    assert "Traceback" not in err


@pytest.mark.parametrize("signum, reason, code", [(signal.SIGINT, "interrupted (Ctrl-C)", 130),
                                                  (signal.SIGTERM, "interrupted (SIGTERM)", 143)])
def test_interrupted_names_the_signal_and_its_exit_code(signum, reason, code):
    stop = Interrupted(signum)
    assert (stop.reason, stop.exit_code) == (reason, code)
    assert isinstance(stop, KeyboardInterrupt)  # what stops real processes on Ctrl-C stops them
