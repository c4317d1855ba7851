"""Simulated multiprocessing.pool: Pool and its AsyncResult, MapResult and imap iterators.

The workers are ordinary simulated processes (daemonic children named ``SpawnPoolWorker-N`` or
``ForkPoolWorker-N``) running ``_worker``: take a task from the pool, run it, hand back the pickled
outcome.  CPython's three handler threads in the parent are not simulated as threads: tasks go to
the shared pool state at once, results are read from it, and callbacks run in the parent, in the
order results arrived, before ``get``/``wait``/``ready``/``join`` return - after the result arrived
and before the parent can observe it, as in CPython.

With ``maxtasksperchild`` a worker returns after that many tasks, and CPython's worker-handler
thread, at any moment and whatever the parent is doing, joins exited workers and starts
replacements.  Here that thread is a move of the world (``pool.handler_move``) that interrupts the
parent's pending operation with a ``Maintain`` result; ``facade.base.perform`` then calls
``Pool._maintain`` in the parent and performs the operation again.  The replacements are so made
by the parent's own code with its own state - its process counter (``ForkPoolWorker-5``), its
``_pool`` list and, under fork, its memory at that moment - exactly as the thread would, with no
machinery for births besides ``Process.start``.  An operation that has begun its steps
(``Condition.wait`` asleep, say) is not interrupted: the replacement waits until it ends.
"""
from __future__ import annotations

import traceback

from ..primitives import pool as pool_state
from ._engine import engine
from .base import Handle
from .process import MEMORY

RUN, CLOSE, TERMINATE = "RUN", "CLOSE", "TERMINATE"


class _Shared(Handle):
    """The tasks and results shared by the parent and its workers."""

    def __init__(self, maxtasks):
        self._bind(pool_state.new(engine().ident, maxtasks))


def _worker(shared, initializer, initargs, maxtasks):
    """A pool worker: runs tasks until the pool has no more, or until it has run ``maxtasks``."""
    if initializer is not None:
        initializer(*initargs)
    completed = 0
    while maxtasks is None or completed < maxtasks:
        task = shared._op("next", (), "{}: next task")
        if task is None:
            return
        shared._op("done", _run(shared, task), "{}: result back")
        task = None  # a worker waiting for its next task is the same whatever it ran before
        if maxtasks is not None:
            completed += 1  # (counted only when it matters, for the same reason)


def _run(shared, task):
    """Run one task: (job, chunk, ordered, ok, pickled value or error)."""
    job, chunk, ordered, payload = task
    kind, func, items = shared._loads(payload)
    try:
        if kind == "apply":
            args, kwds = items
            value = func(*args, **kwds)
        elif kind == "map":
            value = [func(x) for x in items]
        else:
            value = [func(*x) for x in items]
        ok = True
    except Exception as exc:  # noqa: BLE001 - the task's error goes back to the caller
        ok, value = False, exc
    try:
        data = shared._dumps(value)
    except Exception as exc:  # noqa: BLE001
        from multiprocessing.pool import MaybeEncodingError
        ok, data = False, shared._dumps(MaybeEncodingError(exc, value))
    return job, chunk, ordered, ok, data, _unloadable(shared, data)


def _unloadable(shared, data) -> str | None:
    """The error the owner's result-handler thread will die of when it unpickles this result
    (an exception class whose ``__init__`` does not take its own ``args``...), or None.  The
    worker has the owner's classes (a copy by fork, the same modules by spawn), so it can tell."""
    try:
        shared._loads(data)
    except Exception as exc:  # noqa: BLE001 - what the handler thread would raise
        return "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return None


class ApplyResult:
    _chunks = 1

    def __init__(self, pool, job, callback=None, error_callback=None):
        self._pool = pool
        self._job = job
        self._callback = callback
        self._error_callback = error_callback
        self._local = None  # (ok, value) decided in this process (a task that could not be sent)
        self._value = None  # (ok, value) once known here

    def __repr__(self):
        return f"<multiprocessing.pool.{type(self).__name__} object at 0x7f02{self._job:08x}>"

    def _outcome(self, timeout=None, block=True):
        if self._value is None and self._local is not None:
            self._value = self._local
        if self._value is None:
            if not block:
                if not self._pool._shared._op("ready", (self._job, self._chunks), "{}: ready()"):
                    return None
            got = self._pool._shared._op("result", (self._job, self._chunks, timeout), "{}: result")
            self._value = self._decode(got)
        self._pool._run_callbacks()
        return self._value

    def _decode(self, got):
        ok, data = got
        shared = self._pool._shared
        if not ok:
            return False, shared._loads(data)
        return True, shared._loads(data[0])

    def ready(self):
        return self._outcome(block=False) is not None

    def successful(self):
        if not self.ready():
            raise ValueError(f"{self!r} not ready")
        return self._value[0]

    def wait(self, timeout=None):
        try:
            self._outcome(timeout)
        except _timeout_error():
            pass

    def get(self, timeout=None):
        ok, value = self._outcome(timeout)
        if ok:
            return value
        raise value


class MapResult(ApplyResult):
    def __init__(self, pool, job, chunks, callback=None, error_callback=None):
        super().__init__(pool, job, callback, error_callback)
        self._chunks = chunks
        if chunks == 0:
            self._local = (True, [])

    def _decode(self, got):
        ok, data = got
        shared = self._pool._shared
        if not ok:
            return False, shared._loads(data)
        return True, [x for chunk in data for x in shared._loads(chunk)]


def _timeout_error():
    import multiprocessing
    return multiprocessing.TimeoutError


class Pool:
    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None,
                 context=None):
        from .context import default

        self._state = RUN
        self._ctx = context or default.get_context()
        if processes is None:
            processes = self._ctx.cpu_count()
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        if maxtasksperchild is not None:
            if not isinstance(maxtasksperchild, int) or maxtasksperchild <= 0:
                raise ValueError("maxtasksperchild must be a positive int or None")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._processes = processes
        self._initializer = initializer
        self._initargs = initargs
        self._maxtasksperchild = maxtasksperchild
        self._shared = self._new_shared(processes)
        self._jobs = 0
        self._results = {}  # job -> ApplyResult with callbacks still to run
        self._called = set()
        self._process_class = self._worker_class()
        self._pool = []
        self._repopulate()
        if maxtasksperchild is not None:
            self._watch()
            self._register_workers()

    def _repopulate(self):
        """Start workers until there are ``processes`` of them (CPython's _repopulate_pool_static)."""
        for _ in range(self._processes - len(self._pool)):
            w = self._process_class(target=_worker, args=(self._shared, self._initializer,
                                                          self._initargs, self._maxtasksperchild))
            w.name = w.name.replace("Process", "PoolWorker")
            w.daemon = True
            w.start()
            self._pool.append(w)

    def _new_shared(self, processes):
        return _Shared(self._maxtasksperchild)

    def _worker_class(self):
        return self._ctx.Process

    def _watch(self):
        """Let the world's worker-handler moves reach this pool (``_maintain``)."""
        MEMORY.pools[self._shared._mpsim_oid] = self

    def _forget(self, worker):
        """Drop an exited worker as CPython's handler joining it does."""
        MEMORY.children.pop(worker._identity, None)

    def _register_workers(self):
        """Tell the pool state which workers its worker handler now watches."""
        idents = tuple(w._identity for w in self._pool)
        self._shared._op("workers", (idents,), "{}: worker handler watches")

    def _maintain(self, exited):
        """CPython's _maintain_pool, run when the world interrupts this process for it (see the module
        docstring): forget the ``exited`` workers as joining them would, start replacements."""
        for w in [w for w in self._pool if w._identity in exited]:
            self._pool.remove(w)
            self._forget(w)
        self._repopulate()
        self._register_workers()

    def __reduce__(self):
        raise NotImplementedError("pool objects cannot be passed between processes or pickled")

    def _mpsim_parts(self):
        return [("", self._shared)]

    def _mpsim_canon(self):
        return sorted(self.__dict__.items())

    def __repr__(self):
        return f"<multiprocessing.pool.Pool state={self._state} pool_size={len(self._pool)}>"

    def _check_running(self):
        if self._state != RUN:
            raise ValueError("Pool not running")

    def _submit(self, result, kind, func, chunks, ordered=False):
        ordered = ordered or bool(result._callback or result._error_callback)
        try:
            tasks = tuple((result._job, i, ordered, self._shared._dumps((kind, func, items)))
                          for i, items in enumerate(chunks))
        except Exception as exc:  # noqa: BLE001 - CPython's task handler sets it as the result
            result._local = (False, exc)
            tasks = ()
        if tasks:
            self._shared._op("submit", (tasks,), "{}: submit")
        elif result._local == (True, []):  # an empty map is ready at once, without callbacks
            return result
        if result._callback or result._error_callback:
            self._results[result._job] = result
        return result

    def _next_job(self):
        self._jobs += 1
        return self._jobs

    def _run_callbacks(self):
        """Run, in arrival order, the callbacks of results that have arrived (CPython's result
        handler thread does this as each result comes in)."""
        if not self._results:
            return
        local = [job for job, result in self._results.items() if result._local is not None]
        arrived = () if len(local) == len(self._results) else \
            self._shared._op("arrived", (), "{}: results arrived")
        for job in local + list(arrived):
            result = self._results.get(job)
            if result is None or job in self._called:
                continue
            if result._value is None and result._local is not None:
                result._value = result._local
            got = self._shared._op("result", (job, result._chunks, 0), "{}: result") \
                if result._value is None else None
            if result._value is None:
                result._value = result._decode(got)
            self._called.add(job)
            del self._results[job]
            ok, value = result._value
            if ok and result._callback:
                result._callback(value)
            elif not ok and result._error_callback:
                result._error_callback(value)

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        result = ApplyResult(self, self._next_job(), callback, error_callback)
        return self._submit(result, "apply", func, [(tuple(args), dict(kwds))])

    def apply(self, func, args=(), kwds={}):
        return self.apply_async(func, args, kwds).get()

    def _chunked(self, iterable, chunksize):
        items = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(items), len(self._pool) * 4)
            if extra:
                chunksize += 1
        if not items:
            return []
        return [items[i:i + chunksize] for i in range(0, len(items), chunksize)]

    def _map_async(self, func, iterable, kind, chunksize, callback, error_callback):
        self._check_running()
        chunks = self._chunked(iterable, chunksize)
        result = MapResult(self, self._next_job(), len(chunks), callback, error_callback)
        return self._submit(result, kind, func, chunks)

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, "map", chunksize, callback, error_callback)

    def map(self, func, iterable, chunksize=None):
        return self.map_async(func, iterable, chunksize).get()

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, "starmap", chunksize, callback, error_callback)

    def starmap(self, func, iterable, chunksize=None):
        return self.starmap_async(func, iterable, chunksize).get()

    def imap(self, func, iterable, chunksize=1):
        return self._imap(func, iterable, chunksize, ordered=True)

    def imap_unordered(self, func, iterable, chunksize=1):
        return self._imap(func, iterable, chunksize, ordered=False)

    def _imap(self, func, iterable, chunksize, ordered):
        self._check_running()
        if chunksize < 1:
            raise ValueError(f"Chunksize must be 1+, not {chunksize:n}")
        chunks = self._chunked(iterable, chunksize)
        result = MapResult(self, self._next_job(), len(chunks))
        self._submit(result, "map", func, chunks, ordered=not ordered)
        results = IMapIterator(self, result, len(chunks), ordered, chunksize == 1)
        if chunksize == 1:
            return results
        return (item for chunk in results for item in chunk)  # as CPython: a generator

    def close(self):
        if self._state == RUN:
            self._state = CLOSE
            self._shared._op("close", (), "{}: close()")

    def terminate(self):
        self._state = TERMINATE
        self._shared._op("terminate", (), "{}: terminate()")
        for w in self._pool:
            w.terminate()
        for w in self._pool:
            w.join()

    def join(self):
        if self._state == RUN:
            raise ValueError("Pool is still running")
        self._run_callbacks()
        if self._maxtasksperchild is not None:  # the worker list changes until the handler stops
            self._shared._op("handled", (), "{}: join() waits for the worker handler")
        for w in self._pool:
            w.join()
        self._run_callbacks()  # CPython's join() also waits for the result handler's callbacks

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, *exc):
        self.terminate()


class IMapIterator:
    """What imap()/imap_unordered() return with chunksize 1 (larger chunks: a generator over it):
    one result per next(); a failed task raises its error at its place, and the iteration goes
    on after it, as in CPython."""

    def __init__(self, pool, result, chunks, ordered, single):
        self._pool = pool
        self._result = result
        self._chunks = chunks
        self._ordered = ordered
        self._single = single  # chunksize 1: return the item, not the chunk's list
        self._index = 0
        self._taken = ()

    def __repr__(self):
        kind = "IMapIterator" if self._ordered else "IMapUnorderedIterator"
        return f"<multiprocessing.pool.{kind} object at 0x7f02{self._result._job:08x}>"

    def __iter__(self):
        return self

    def next(self, timeout=None):
        if self._index >= self._chunks:
            raise StopIteration
        result = self._result
        if result._local is not None:  # the tasks could not be sent: each next() raises it
            self._index += 1
            raise result._local[1]
        chunk, ok, data = self._pool._shared._op(
            "chunk", (result._job, self._index if self._ordered else None, self._taken, timeout),
            "{}: next result")
        self._index += 1
        self._taken += (chunk,)
        value = self._pool._shared._loads(data)
        if not ok:
            raise value
        return value[0] if self._single else value

    __next__ = next
