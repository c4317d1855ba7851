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


def main():
    fd = int(sys.argv[1])
    from .boot import prepare, runner
    from .process import _enable_faulthandler
    from .wire import Channel, socketpair

    chan = Channel.from_fd(fd)
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
