"""Gated multiprocessing.pool: the simulator's Pool on real worker processes and real pipes.

The simulator models a pool as daemonic worker processes taking tasks from, and handing results
back to, a shared pool state (``mpsim/primitives/pool.py``); CPython's three handler threads in
the parent are not threads there.  The replay runs that same model for real: the simulator's
``Pool`` class (``mpsim/facade/pool.py``: chunking, callbacks, result objects and iterators, the
same code) with gated real worker processes, and the shared state as two real pipes - tasks from
the parent to the workers, results back - each operation one turn:

* ``submit`` writes the tasks; ``close`` writes one end-of-work sentinel per worker; a worker's
  ``next`` reads one task (or a sentinel: it exits), ``done`` writes its pickled outcome;
* the parent's ``result``/``chunk``/``ready``/``arrived`` read the results that have come (in
  the order they came) and wait, for real, for the one they need.

So this confirms the model's tasks, results, callbacks, worker processes and exit codes on real
processes; it does not run CPython's own ``Pool`` class, whose handler threads cannot be given
turns.  With ``maxtasksperchild``, the simulator's worker-handler move is a turn too: the
controller tells the parent, waiting at its next operation, to replace the exited workers first
(``Gate.perform``), which it does with the simulator's code, starting real replacements; the
sentinels then go out only when the pool is closed and all work is done (see ``RealShared``).
"""
from __future__ import annotations

import multiprocessing as mp
import pickle
from multiprocessing import process as real_process
from multiprocessing import sharedctypes

from ...facade import pool as simulated
from ..gate import GATE
from .process import real_context
from .real import Real

_SENTINEL = b""  # an empty message: no more tasks


class RealShared(Real):
    """The pool state's operations (``primitives.pool.step``) on real pipes."""

    def __init__(self, processes: int, maxtasks):
        self._mpsim_oid = GATE.new_oid()
        self._processes = processes
        self._maxtasks = maxtasks
        self._tasks_r, self._tasks_w = mp.Pipe(duplex=False)
        self._results_r, self._results_w = mp.Pipe(duplex=False)
        # [closed, outstanding tasks (waiting or being run)], in real shared memory: with
        # maxtasksperchild the end-of-work sentinels go out only once the pool is closed and no
        # work is outstanding (idle workers wait for that, as in CPython), from whichever process
        # makes that true - the parent closing, or the worker handing back the last result.
        self._counts = sharedctypes.RawArray("i", 2)
        self._arrived = {}  # (job, chunk) -> (ok, data), read by the parent
        self._failed = {}  # job -> the first failure to arrive
        self._order = []  # (job, chunk) in arrival order, for jobs whose order is observable
        self._terminated = False

    def __reduce__(self):  # what a worker needs
        return _worker_side, (self._mpsim_oid, self._processes, self._maxtasks, self._tasks_r,
                              self._tasks_w, self._results_w, self._counts)

    def _op(self, method, args=(), shown=""):
        do = self._arrived_jobs if method == "arrived" else getattr(self, "_" + method)
        timeout = args[-1] if method in ("result", "chunk") else None
        return GATE.perform(self._mpsim_oid, method, lambda: do(*args), timeout=timeout)

    # -- the workers' side ----------------------------------------------------------------------
    def _next(self):
        data = self._tasks_r.recv_bytes()
        return None if data == _SENTINEL else pickle.loads(data)

    def _done(self, job, chunk, ordered, ok, data):
        self._results_w.send_bytes(pickle.dumps((job, chunk, ordered, ok, data)))
        self._counts[1] -= 1
        if self._maxtasks is not None and self._counts[0] and not self._counts[1]:
            self._send_sentinels()

    def _send_sentinels(self):
        for _ in range(self._processes):
            self._tasks_w.send_bytes(_SENTINEL)

    # -- the parent's side --------------------------------------------------------------------
    def _submit(self, tasks):
        for task in tasks:
            self._tasks_w.send_bytes(pickle.dumps(task))
        self._counts[1] += len(tasks)

    def _close(self):
        if not self._counts[0]:
            self._counts[0] = 1
            if self._maxtasks is None or not self._counts[1]:
                self._send_sentinels()

    def _terminate(self):
        while self._tasks_r.poll():  # the tasks not taken are dropped (sentinels too: re-sent)
            self._tasks_r.recv_bytes()
        self._counts[0] = 1
        self._terminated = True
        self._send_sentinels()

    def _workers(self, idents):
        """The handler watches these workers: the processes themselves tell the OS's story."""

    def _handled(self):
        """``join()`` with maxtasksperchild: wait until no work is outstanding (every task's
        result is back), or the pool was terminated."""
        if not self._terminated:
            self._wait(lambda: True if not self._counts[1] else None, None)

    def _collect(self):
        while self._results_r.poll():
            job, chunk, ordered, ok, data = pickle.loads(self._results_r.recv_bytes())
            self._arrived[(job, chunk)] = (ok, data)
            if not ok:
                self._failed.setdefault(job, data)
            if ordered:
                self._order.append((job, chunk))

    def _wait(self, find, timeout):
        """Collect results until ``find()`` has its answer; after ``timeout`` seconds (if not
        None) CPython's TimeoutError."""
        self._collect()
        while (got := find()) is None:
            if not self._results_r.poll(timeout):
                raise mp.TimeoutError
            self._collect()
        return got

    def _outcome(self, job, chunks):
        if job in self._failed:
            return False, self._failed[job]
        mine = [(c, d) for (j, c), (ok, d) in sorted(self._arrived.items()) if j == job]
        return (True, tuple(d for _, d in mine)) if len(mine) == chunks else None

    def _result(self, job, chunks, timeout):
        return self._wait(lambda: self._outcome(job, chunks), timeout)

    def _chunk(self, job, chunk, taken, timeout):
        def find():
            c = chunk
            if c is None:
                c = next((c for j, c in self._order if j == job and c not in taken), None)
            got = self._arrived.get((job, c))
            return None if got is None else (c, *got)
        return self._wait(find, timeout)

    def _ready(self, job, chunks):
        self._collect()
        return self._outcome(job, chunks) is not None

    def _arrived_jobs(self):
        self._collect()
        return tuple(dict.fromkeys(j for j, _ in self._order))


def _worker_side(oid, processes, maxtasks, tasks_r, tasks_w, results_w, counts):
    shared = RealShared.__new__(RealShared)
    shared.__dict__.update(_mpsim_oid=oid, _processes=processes, _maxtasks=maxtasks,
                           _tasks_r=tasks_r, _tasks_w=tasks_w, _results_w=results_w, _counts=counts)
    return shared


class Pool(simulated.Pool):
    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None,
                 *, context):
        super().__init__(processes, initializer, initargs, maxtasksperchild, context)

    def _new_shared(self, processes):
        return RealShared(processes, self._maxtasksperchild)

    def _worker_class(self):
        from .context import CONTEXTS

        return CONTEXTS[real_context(self._ctx._method).get_start_method()].Process

    def _watch(self):
        GATE.pools[self._shared._mpsim_oid] = self

    def _forget(self, worker):
        real_process.BaseProcess.join(worker)  # it has exited: reap it, as CPython's handler does
