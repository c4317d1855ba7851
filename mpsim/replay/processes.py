"""The real processes of one replay: started in their own session, always taken down.

The model's main process (``python -c "...boot import main; main()"``, ``mpsim/engines/real/boot``)
runs in a new session (its own process group), so a Ctrl-C at the terminal reaches only the
controller, and everything the model starts - children, grandchildren, a manager's server,
CPython's resource tracker - stays in that group.  ``stop`` ends a replay that is still running:
every process asking for a turn is told to stop and every known process gets ``STOP_SIGNAL``, so
each one runs CPython's exit function - unlinking the named semaphores it created, shutting down
its manager - and exits, so the resource tracker has nothing to warn about.  Only what has not
ended after a grace period is killed (SIGKILL to the group).  The real processes' own stderr
(what CPython writes outside the model: warnings) is collected.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

from ..engines.real.wire import CONFIG_VAR, STOP_SIGNAL
from . import evidence

MAIN = "from mpsim.engines.real.boot import main; main()"

GRACE = 5.0  # seconds for the real processes to end after being told to stop


class RealProcesses:
    def __init__(self, board, cfg):
        self.board = board
        self.cfg = cfg
        self.main = None
        self.stderr = []
        self.killed = False
        self._reader = None

    def start(self):
        env = dict(os.environ, PYTHONHASHSEED="0", **{CONFIG_VAR: self.cfg.encode()})
        self.main = subprocess.Popen([sys.executable, "-c", MAIN], env=env, cwd=self.cfg.cwd,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, start_new_session=True)
        self._reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._reader.start()

    def _read_stderr(self):
        for line in self.main.stderr:
            self.stderr.append(line.decode("utf-8", "replace"))

    # -- watching -------------------------------------------------------------------------------
    def wait_gone(self, ident, timeout: float) -> bool:
        """Wait until the real process ``ident`` has exited (its control connection closed and
        the OS shows it gone), so that its parent's join or poll sees it ended."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid = self.board.pids.get(ident)
            conn = self.board.conns.get(ident)
            if (conn is None or conn.closed) and (pid is None or evidence.gone(pid)):
                return True
            self.board.pump(0.01)
        return False

    def finished(self) -> bool:
        return self.main.poll() is not None and not evidence.group(self.main.pid)

    def wait_finished(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not self.finished():
            if time.monotonic() >= deadline:
                return False
            self.board.pump(0.02)
        return True

    # -- ending ---------------------------------------------------------------------------------
    def stop(self):
        """Take every real process down (if any still runs), and collect their stderr."""
        if self.main is None:
            return
        if not self.finished():
            self.board.stopping = True
            for pid in self.board.pids.values():
                try:
                    if os.getpgid(pid) == self.main.pid:  # still ours, not a reused pid
                        os.kill(pid, STOP_SIGNAL)
                except ProcessLookupError:
                    pass
            if not self.wait_finished(GRACE):
                self.killed = True
                try:
                    os.killpg(self.main.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        self.main.wait()
        self._reader.join(GRACE)
        self.main.stderr.close()

    def leak_warnings(self) -> list:
        return [line.strip() for line in self.stderr if "resource_tracker" in line or "leaked" in line]
