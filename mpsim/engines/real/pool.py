"""A Pool's shared part on real pipes: the simulator's pool model, for real.

The simulator models a pool as daemonic worker processes taking tasks from, and handing results
back to, a shared pool state (``mpsim/primitives/pool.py``); CPython's three handler threads in the
parent are not threads there.  The facade's ``Pool`` (chunking, callbacks, result objects, the
worker loop) runs unchanged on real worker processes; its shared state is two real pipes - tasks
from the parent to the workers, results back - and two counters in real shared memory, each
operation one step:

* ``submit`` writes the tasks; a worker's ``next`` reads one (or the end-of-work sentinel, which it
  writes back for the next worker, and exits); ``done`` writes its outcome;
* the parent's ``result``/``chunk``/``ready``/``arrived`` read the results that have come (in the
  order they came) and wait, for real, for the one they need.

So this confirms the model's tasks, results, callbacks, worker processes and exit codes on real
processes; it does not run CPython's own ``Pool`` class, whose handler threads cannot be given
turns.  With ``maxtasksperchild`` the sentinel goes out only once the pool is closed and no work is
outstanding (idle workers wait for that, as in CPython), from whichever process makes that true -
the parent closing, or the worker handing back the last result; the worker handler's replacements
are the controller's ``maintain`` answer (``facade/pool.py``).
"""
from __future__ import annotations

import pickle

from .cpython import real
from .outcome import steps

_SENTINEL = b""  # an empty message: no more tasks
CLOSED, OUTSTANDING = 0, 1


class RealPool:
    def __init__(self, maxtasks, tasks_r, tasks_w, results_r, results_w, counts):
        self.maxtasks = maxtasks
        self.tasks_r, self.tasks_w = tasks_r, tasks_w
        self.results_r, self.results_w = results_r, results_w
        self.counts = counts  # [closed, tasks outstanding (waiting or being run)]
        self.arrived = {}  # (job, chunk) -> (ok, data), read by the parent
        self.failed = {}  # job -> the first failure to arrive
        self.order = []  # (job, chunk) in arrival order, for jobs whose order is observable
        self.terminated = False
        self.dead = None  # what killed the result handler (a result it could not unpickle)

    def shared(self) -> tuple:
        """What a worker needs (a spawned one receives it pickled, as CPython's objects)."""
        return (self.maxtasks, self.tasks_r, self.tasks_w, None, self.results_w, self.counts)

    def end_of_work(self):
        self.tasks_w.send_bytes(_SENTINEL)

    def collect(self):
        while self.results_r.poll():
            job, chunk, ordered, ok, data, unloadable = pickle.loads(self.results_r.recv_bytes())
            if self.dead is not None or unloadable is not None:
                # CPython's result handler dies of a result it cannot unpickle: no result
                # arrives from then on (primitives/pool.py, "done")
                self.dead = self.dead or unloadable
                continue
            self.arrived[(job, chunk)] = (ok, data)
            if not ok:
                self.failed.setdefault(job, data)
            if ordered:
                self.order.append((job, chunk))

    def wait(self, find, timeout):
        """Collect results until ``find()`` has its answer; after ``timeout`` seconds (if not
        None) the facade's ``multiprocessing.TimeoutError``."""
        self.collect()
        while (got := find()) is None:
            if not self.results_r.poll(timeout):
                from ...facade.context import TimeoutError as Timeout
                raise Timeout
            self.collect()
        return got

    def outcome(self, job, chunks):
        """As ``primitives.pool.outcome``: ready once every chunk is back."""
        mine = [d for (j, c), (ok, d) in sorted(self.arrived.items()) if j == job]
        if len(mine) < chunks:
            return None
        if job in self.failed:
            return False, self.failed[job]
        return True, tuple(mine)


def make_pool(engine, state, **cpython):
    connection = real("connection")
    tasks_r, tasks_w = connection.Pipe(duplex=False)
    results_r, results_w = connection.Pipe(duplex=False)
    return RealPool(state.maxtasks, tasks_r, tasks_w, results_r, results_w,
                    real("sharedctypes").RawArray("i", 2))


def export_pool(engine, oid):
    return engine.objects[oid].shared()


def adopt_pool(engine, oid, data):
    engine.objects[oid] = RealPool(*data)


# -- the workers' side --------------------------------------------------------------------------

def next_task(engine, oid, args, carry):
    pool = engine.objects[oid]
    data = pool.tasks_r.recv_bytes()
    if data == _SENTINEL:
        pool.end_of_work()  # for the next worker
        return None
    return pickle.loads(data)


def done(engine, oid, args, carry):
    pool = engine.objects[oid]
    pool.results_w.send_bytes(pickle.dumps(args))
    pool.counts[OUTSTANDING] -= 1
    if pool.maxtasks is not None and pool.counts[CLOSED] and not pool.counts[OUTSTANDING]:
        pool.end_of_work()


# -- the parent's side --------------------------------------------------------------------------

def submit(engine, oid, args, carry):
    pool = engine.objects[oid]
    for task in args[0]:
        pool.tasks_w.send_bytes(pickle.dumps(task))
    pool.counts[OUTSTANDING] += len(args[0])


def close(engine, oid, args, carry):
    pool = engine.objects[oid]
    if not pool.counts[CLOSED]:
        pool.counts[CLOSED] = 1
        if pool.maxtasks is None or not pool.counts[OUTSTANDING]:
            pool.end_of_work()


def terminate(engine, oid, args, carry):
    pool = engine.objects[oid]
    while pool.tasks_r.poll():  # the tasks not taken are dropped (a sentinel too: sent again)
        pool.tasks_r.recv_bytes()
    pool.counts[CLOSED] = 1
    pool.terminated = True
    pool.end_of_work()


def workers(engine, oid, args, carry):
    """The worker handler watches these workers: the real processes tell their own story."""


def handled(engine, oid, args, carry):
    """``join()`` with maxtasksperchild: wait until no work is outstanding, or the pool was
    terminated."""
    pool = engine.objects[oid]
    if not pool.terminated:
        pool.wait(lambda: True if not pool.counts[OUTSTANDING] else None, None)


def result(engine, oid, args, carry):
    job, chunks, timeout = args
    pool = engine.objects[oid]
    return pool.wait(lambda: pool.outcome(job, chunks), timeout)


def chunk(engine, oid, args, carry):
    job, wanted, taken, timeout = args
    pool = engine.objects[oid]

    def find():
        c = wanted
        if c is None:
            c = next((c for j, c in pool.order if j == job and c not in taken), None)
        got = pool.arrived.get((job, c))
        return None if got is None else (c, *got)
    return pool.wait(find, timeout)


def ready(engine, oid, args, carry):
    pool = engine.objects[oid]
    pool.collect()
    return pool.outcome(*args) is not None


def arrived(engine, oid, args, carry):
    pool = engine.objects[oid]
    pool.collect()
    return tuple(dict.fromkeys(j for j, _ in pool.order))


ACTIONS = steps("pool", submit=submit, next=next_task, done=done, result=result, chunk=chunk,
                ready=ready, arrived=arrived, workers=workers, handled=handled, close=close,
                terminate=terminate)
