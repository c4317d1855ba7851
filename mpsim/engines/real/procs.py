"""The process table's operations (``primitives/processes.py``) on real processes.

``start`` starts a real child.  Under fork it is a copy of its parent made in the start step, as
in CPython; under spawn it is a fresh interpreter (``boot.spawned``) that receives what CPython's
spawn sends - the Process object pickled with CPython's ``ForkingPickler`` while CPython's
spawning Popen is set, the real primitives it carries reduced by CPython's own reducers (named
semaphores by name, pipe ends and shared memory by descriptors passed to the child) - plus its
simulated identity, environment, ``sys.argv``/``sys.path`` and working directory.  Either way the
child announces its ``begin`` step and runs nothing before its turn.

A parent waits for its children in the kernel (``waitpid``, or ``select`` on a pidfd when there
is a timeout) and signals them for real; a child waits for its own parent on a pidfd.
"""
from __future__ import annotations

import os
import pickle
from contextlib import contextmanager

from ...facade._engine import CHILD
from .cpython import real, real_fork, real_kill, real_pidfd_open, real_waitpid
from .outcome import steps

CHILD_COMMAND = "from mpsim.engines.real.boot import spawned; spawned(%d, %d)"


class Child:
    """A started child, as its parent knows it."""

    def __init__(self, pid: int):
        self.pid = pid
        self.sentinel = real_pidfd_open(pid)
        self.returncode = None

    def poll(self, block=False):
        if self.returncode is None:
            pid, status = real_waitpid(self.pid, 0 if block else os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode


def begin(engine, ident, args, carry):
    """A started child runs its first code: a forked one first runs CPython's after-fork hooks
    on the real objects it inherited (as CPython's ``_bootstrap`` does)."""
    if args and args[0] == "fork":
        real("util")._run_after_forkers()
    return ()


def start(engine, ident, args, carry):
    proc, method, payload = args
    if method == "fork":
        pid = real_fork()
        if pid == 0:
            engine.become_child(proc)
            return CHILD
    else:
        pid = _spawn(engine, proc, payload)
    engine.children[ident] = Child(pid)
    engine.control.send(("child", ident, pid))  # the controller watches it from now on
    return None


def _spawn(engine, proc, payload) -> int:
    """CPython's spawn launch (popen_spawn_posix), with a child that boots the real engine."""
    popen = engine.take_spawning_popen()
    tracker_fd = real("resource_tracker").getfd()
    start_data = pickle.dumps(engine.child_start_data(proc, payload))
    child_r, parent_w = os.pipe()
    exe = real("spawn").get_executable()
    cmd = [exe, *real("util")._args_from_interpreter_flags(), "-c",
           CHILD_COMMAND % (tracker_fd, child_r)]
    try:
        with _hash_seed():
            pid = real("util").spawnv_passfds(exe, cmd, [*popen._fds, tracker_fd, child_r])
    finally:
        os.close(child_r)
    with open(parent_w, "wb") as f:
        f.write(start_data)
    return pid


@contextmanager
def _hash_seed():
    """Spawned children hash strings as every simulated process does (``PYTHONHASHSEED=0``); the
    model's environment is left as it was."""
    before = os.environ.get("PYTHONHASHSEED")
    os.environ["PYTHONHASHSEED"] = "0"
    try:
        yield
    finally:
        if before is None:
            del os.environ["PYTHONHASHSEED"]
        else:
            os.environ["PYTHONHASHSEED"] = before


def join(engine, ident, args, carry):
    (timeout,) = args
    child = engine.children.get(ident)
    if child is None:
        return engine.wait_parent(timeout)
    if timeout is not None and child.poll() is None:
        if not real("connection").wait([child.sentinel], timeout):
            return None
    return child.poll(block=True)


def poll(engine, ident, args, carry):
    child = engine.children.get(ident)
    if child is None:
        return engine.wait_parent(0)
    return child.poll()


def active(engine, target, args, carry):
    return tuple(sorted(i for i, child in engine.children.items() if child.poll() is None))


def terminate(engine, ident, args, carry):
    child = engine.children[ident]
    if child.poll() is None:
        real_kill(child.pid, -args[0])


def sleep(engine, target, args, carry):
    """``time.sleep``: it ends when the real time reaches its end on the scaled clock (the turn
    hands the virtual time after the step); with time scale 0 (an untimed schedule) at once."""
    if engine.config.time_scale:
        engine.sleep_to_turn_clock()


def wait(engine, target, args, carry):
    """``multiprocessing.connection.wait``: one real ``wait`` over the real connections and the
    children's sentinels."""
    specs, timeout = args
    objects = [engine.objects[s[1]][s[2]] if s[0] == "conn" else engine.children[s[1]].sentinel
               for s in specs]
    ready = real("connection").wait(objects, timeout)
    return tuple(i for i, obj in enumerate(objects) if any(obj is r or obj == r for r in ready))


def random(engine, target, args, carry):
    """An unseeded draw among a few values: the value the simulator's step took, handed with
    the turn (CPython's would come from a generator seeded by the OS)."""
    return carry


def spin(engine, target, args, carry):
    """A process running its own code for ever: never announced (the controller sees it run)."""


def maintain(engine, target, args, carry):
    """A pool's worker handler: never announced (the controller's answer interrupts the owner's
    operation, and the facade replaces the workers)."""


ACTIONS = steps("processes", begin=begin, start=start, join=join, poll=poll, active=active,
                terminate=terminate, sleep=sleep, wait=wait, spin=spin, maintain=maintain,
                random=random)
