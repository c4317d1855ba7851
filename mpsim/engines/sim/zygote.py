"""The zygote: a clean interpreter, prepared once, that forks a process for every birth.

Started by the controller as ``python -m mpsim.engines.sim.zygote FD`` with
a fixed ``PYTHONHASHSEED`` (so every simulated process, and every run of a schedule, hashes
strings alike) in a session of its own.  Commands on the control socket ``FD``:
``("runner",)`` forks a new process, which waits for its ``boot`` message on a socket of its own,
sent back with the reply ``("runner", pid)``; ``("quit",)`` ends the zygote.  Every process it
forks ends when its control socket closes, so nothing outlives the controller.
"""
from __future__ import annotations

import gc
import os
import resource
import signal
import sys


def default_dispositions():
    """Every signal as a fresh ``python model.py`` started from a shell has it, whatever the
    controller that started this interpreter ignores (an ignored signal is inherited across exec:
    a replay test's process that ignores SIGUSR1 made every simulated process ignore it, and a
    spawned child's first run then changed a disposition and was no longer silent)."""
    for signum in signal.valid_signals():
        if signum in (signal.SIGKILL, signal.SIGSTOP, signal.SIGPIPE):
            continue  # (CPython itself ignores SIGPIPE)
        try:
            if signal.getsignal(signum) is signal.SIG_IGN:
                signal.signal(signum, signal.default_int_handler if signum == signal.SIGINT
                              else signal.SIG_DFL)
        except (OSError, ValueError):
            pass  # a real-time signal Python does not let us set


def main():
    fd = int(sys.argv[1])
    from .boot import prepare, runner
    from .process import _enable_faulthandler
    from .wire import Channel, socketpair

    chan = Channel.from_fd(fd)
    default_dispositions()
    prepare()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # runners are reaped by the kernel
    gc.collect()
    gc.disable()  # model processes collect at their operations (SimEngine.perform)
    gc.freeze()
    while True:
        try:
            message = chan.recv()
        except Exception:  # noqa: BLE001 - the controller is gone
            os._exit(0)
        if message[0] == "quit":
            os._exit(0)
        mine, theirs = socketpair()
        pid = os.fork()
        if pid == 0:
            mine.close()
            chan.close()
            _limit_cpu()
            _enable_faulthandler(theirs.fileno())
            try:
                runner(Channel(theirs))
            finally:
                os._exit(70)
        theirs.close()
        chan.send(("runner", pid), fds=[mine.fileno()])
        mine.close()


def _limit_cpu():
    """A runner spinning in the model's endless local loop cannot outlive its usefulness."""
    limit = int(os.environ.get("MPSIM_RUNNER_CPU", "3600"))
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (limit, limit))
    except (ValueError, OSError):
        pass


if __name__ == "__main__":
    main()
