"""``concurrent.futures.ProcessPoolExecutor`` on the simulated ``multiprocessing``.

A model process that imports ``concurrent.futures.process`` (``from concurrent.futures import
ProcessPoolExecutor`` does) gets this module (``engines/sim/boot.py``).  CPython 3.11's executor
is worker processes reading a call queue and writing results to a pipe, and a management thread
in the parent that feeds the call queue, reads the results into the futures and notices a worker
that died.  Here the workers are the same (``_process_worker``, on the facade's ``Queue`` and
``Pipe``), and what the management thread does runs in the parent when it asks about a future:
``result``, ``exception``, ``done``, ``wait``, ``as_completed``, ``shutdown`` (and the exit of
the interpreter, which in CPython waits for the thread) read the results that have arrived.  A
result is set on its future when the parent next looks, not the moment it arrives: no program
can tell, except by timing.

What differs (README, Known limits): a submitted call goes to the call queue at once (CPython
holds back those beyond ``max_workers + 1`` until a worker is free), so ``cancel()`` of a
submitted future returns False and ``shutdown(cancel_futures=True)`` cancels nothing;
``max_tasks_per_child`` is not modelled.  A call or result that cannot be pickled, an exception
in the call, a worker that dies (``BrokenProcessPool``), an initializer that fails, are as in
CPython.
"""
from __future__ import annotations

import functools
import itertools
import os
import time
import traceback
from concurrent.futures import _base

from . import connection
from ._engine import engine
from .reduction import ForkingPickler

EXTRA_QUEUED_CALLS = 1
_REAL_WAIT, _REAL_AS_COMPLETED = _base.wait, _base.as_completed
_global_shutdown = False
_live = []  # executors not shut down yet: the interpreter's exit waits for their work


class BrokenProcessPool(_base.BrokenExecutor):
    """Raised when a process in a ProcessPoolExecutor terminated abruptly while a future was in
    the running state."""


BrokenProcessPool.__module__ = "concurrent.futures.process"


class _RemoteTraceback(Exception):
    def __init__(self, tb):
        self.tb = tb

    def __str__(self):
        return self.tb


class _ExceptionWithTraceback:
    def __init__(self, exc, tb):
        tb = "".join(traceback.format_exception(type(exc), exc, tb))
        self.exc = exc
        self.exc.__traceback__ = None
        self.tb = '\n"""\n%s"""' % tb

    def __reduce__(self):
        return _rebuild_exc, (self.exc, self.tb)


def _rebuild_exc(exc, tb):
    exc.__cause__ = _RemoteTraceback(tb)
    return exc


def _get_chunks(*iterables, chunksize):
    it = zip(*iterables)
    while True:
        chunk = tuple(itertools.islice(it, chunksize))
        if not chunk:
            return
        yield chunk


def _process_chunk(fn, chunk):
    return [fn(*args) for args in chunk]


def _chain_from_iterable_of_lists(iterable):
    for element in iterable:
        element.reverse()
        while element:
            yield element.pop()


def _sendback_result(result_queue, work_id, result=None, exception=None):
    """CPython's: a result that cannot be pickled goes back as the error of pickling it."""
    try:
        result_queue.put((work_id, result, exception))
    except BaseException as e:
        exc = _ExceptionWithTraceback(e, e.__traceback__)
        result_queue.put((work_id, None, exc))


class _ResultPipe:
    """CPython's result queue (a ``SimpleQueue``: a pipe and a lock for its writers)."""

    def __init__(self, ctx):
        self.reader, self.writer = ctx.Pipe(duplex=False)
        self.wlock = ctx.Lock()

    def put(self, obj):
        data = bytes(ForkingPickler.dumps(obj))
        with self.wlock:
            self.writer.send_bytes(data)


def _process_worker(call_queue, result_queue, initializer, initargs):
    """CPython's worker: run calls from ``call_queue`` until ``None``, results to the pipe."""
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException:
            _base.LOGGER.critical("Exception in initializer:", exc_info=True)
            return  # the parent notices the process ended and marks the pool broken
    while True:
        call_item = call_queue.get(block=True)
        if call_item is None:
            result_queue.put(os.getpid())
            return
        work_id, fn, args, kwargs = call_item
        try:
            r = fn(*args, **kwargs)
        except BaseException as e:
            exc = _ExceptionWithTraceback(e, e.__traceback__)
            _sendback_result(result_queue, work_id, exception=exc)
        else:
            _sendback_result(result_queue, work_id, result=r)
            del r
        del call_item, fn, args, kwargs


class _Future(_base.Future):
    """A future of a ``ProcessPoolExecutor``: asking about it reads the results that arrived."""

    def __init__(self, executor):
        super().__init__()
        self._executor = executor

    def done(self):
        self._executor._poll()
        return super().done()

    def result(self, timeout=None):
        self._executor._until(lambda: super(_Future, self).done(), timeout)
        return super().result(timeout=0)

    def exception(self, timeout=None):
        self._executor._until(lambda: super(_Future, self).done(), timeout)
        return super().exception(timeout=0)


class ProcessPoolExecutor(_base.Executor):
    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(), *,
                 max_tasks_per_child=None):
        if max_workers is None:
            max_workers = os.cpu_count() or 1
        elif max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if mp_context is None:
            import multiprocessing
            mp_context = multiprocessing.get_context()
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        if max_tasks_per_child is not None:
            engine().unsupported("ProcessPoolExecutor(max_tasks_per_child=...)")
        self._max_workers = max_workers
        self._mp_context = mp_context
        self._initializer = initializer
        self._initargs = initargs
        self._call_queue = mp_context.Queue()
        self._result_queue = _ResultPipe(mp_context)
        self._processes = {}  # pid -> Process
        self._pending = {}  # work id -> future not done yet
        self._queue_count = 0  # the next work id
        self._shutdown_thread = False
        self._sentinels_sent = False
        self._broken = False
        self._dynamic = mp_context.get_start_method(allow_none=False) != "fork"
        _register_exit()

    # -- submitting ------------------------------------------------------------------------------
    def submit(self, fn, /, *args, **kwargs):
        if self._broken:
            raise BrokenProcessPool(self._broken)
        if self._shutdown_thread:
            raise RuntimeError("cannot schedule new futures after shutdown")
        if _global_shutdown:
            raise RuntimeError("cannot schedule new futures after interpreter shutdown")
        f = _Future(self)
        work_id = self._queue_count
        self._queue_count += 1
        item = (work_id, fn, args, kwargs)
        try:
            ForkingPickler.dumps(item)
        except BaseException as e:  # CPython: the call queue's feeder sets it on the future
            tb = traceback.format_exception(type(e), e, e.__traceback__)
            e.__cause__ = _RemoteTraceback('\n"""\n{}"""'.format("".join(tb)))
            f.set_exception(e)
            return f
        f.set_running_or_notify_cancel()
        self._pending[work_id] = f
        if self not in _live:
            _live.append(self)
        self._adjust_process_count()
        self._call_queue._put(item, True, None, now=True)  # pickled just above, unchanged since
        return f

    submit.__doc__ = _base.Executor.submit.__doc__

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        """CPython's: the items go to the workers in chunks of ``chunksize``."""
        if chunksize < 1:
            raise ValueError("chunksize must be >= 1.")
        results = super().map(functools.partial(_process_chunk, fn),
                              _get_chunks(*iterables, chunksize=chunksize), timeout=timeout)
        return _chain_from_iterable_of_lists(results)

    def _adjust_process_count(self):
        """CPython 3.11: every worker at once under fork; otherwise one more for each call
        while there are fewer than ``max_workers``."""
        if self._dynamic:
            if len(self._processes) < self._max_workers:
                self._spawn_process()
            return
        while len(self._processes) < self._max_workers:
            self._spawn_process()

    def _spawn_process(self):
        p = self._mp_context.Process(
            target=_process_worker,
            args=(self._call_queue, self._result_queue, self._initializer, self._initargs))
        p.start()
        self._processes[p.pid] = p

    # -- what the management thread does -------------------------------------------------------
    def _collect(self, timeout) -> bool:
        """Wait (at most ``timeout`` s) for a message from the workers or the end of one; handle
        it.  False if nothing came in time."""
        reader = self._result_queue.reader
        sentinels = {p.sentinel: p for p in self._processes.values()}
        ready = connection.wait([reader, *sentinels], timeout)
        if not ready:
            return False
        if reader in ready:
            message = reader.recv()
            if isinstance(message, int):  # a worker that got None has exited
                p = self._processes.pop(message, None)
                if p is not None:
                    p.join()
                return True
            work_id, result, exception = message
            f = self._pending.pop(work_id, None)
            if f is not None:
                if exception is not None:
                    f.set_exception(exception)
                else:
                    f.set_result(result)
            return True
        self._break()
        return True

    def _break(self):
        self._broken = "A child process terminated abruptly, the process pool is not usable anymore"
        bpe = BrokenProcessPool("A process in the process pool was terminated abruptly while "
                                "the future was running or pending.")
        for f in self._pending.values():
            f.set_exception(bpe)
        self._pending.clear()
        for p in self._processes.values():
            p.terminate()
        for p in self._processes.values():
            p.join()
        self._processes.clear()
        if self in _live:
            _live.remove(self)

    def _poll(self):
        """Read every message that has arrived, waiting for none."""
        if self._pending and self._processes:
            while self._collect(0):
                if not (self._pending and self._processes):
                    break

    def _until(self, done, timeout):
        """Read messages until ``done()`` or ``timeout`` s have passed (CPython's
        ``Condition.wait`` on the future while the thread reads)."""
        end = None if timeout is None else time.monotonic() + timeout
        while not done():
            if not self._processes:  # nothing will ever come: wait as a Condition would
                left = None if end is None else max(0.0, end - time.monotonic())
                connection.wait([self._result_queue.reader], left)
                return
            left = None if end is None else end - time.monotonic()
            if left is not None and left <= 0:
                return
            self._collect(left)

    # -- shutting down ---------------------------------------------------------------------------
    def shutdown(self, wait=True, *, cancel_futures=False):
        self._shutdown_thread = True
        if not self._sentinels_sent and self._processes:
            for _ in range(len(self._processes)):
                self._call_queue.put(None)
            self._sentinels_sent = True
        if wait:
            self._drain()

    shutdown.__doc__ = _base.Executor.shutdown.__doc__

    def _drain(self):
        """Read messages until every call has its result and every worker has exited."""
        while self._processes:
            self._collect(None)
        if self in _live:
            _live.remove(self)


def _python_exit():
    """CPython's ``concurrent.futures.process._python_exit``: at the interpreter's exit (before
    multiprocessing's own exit function joins the workers), every executor finishes its work."""
    global _global_shutdown
    _global_shutdown = True
    for executor in list(_live):
        executor.shutdown(wait=True)


_registered = False


def _register_exit():
    global _registered
    if not _registered:
        import atexit
        atexit.register(_python_exit)
        _registered = True


# -- concurrent.futures.wait and as_completed ----------------------------------------------------

def _executor_of(fs):
    """The one executor of the ``_Future``s in ``fs`` (None: none of ours)."""
    executors = {id(f._executor): f._executor for f in fs if isinstance(f, _Future)}
    if len(executors) > 1:
        engine().unsupported("concurrent.futures.wait/as_completed on the futures of several "
                             "ProcessPoolExecutors at once")
    return next(iter(executors.values()), None)


def _finished(f):
    return _base.Future.done(f)


def _unique(fs) -> list:
    """``fs`` without repeats, in order.  CPython makes a set of them; here a list, so that the
    process's state does not depend on where the futures are in memory (a set of objects hashed
    by their address is laid out by it): any order of CPython's is one of these."""
    unique = []
    for f in fs:
        if not any(f is g for g in unique):
            unique.append(f)
    return unique


def wait(fs, timeout=None, return_when=_base.ALL_COMPLETED):
    fs = _unique(fs)
    executor = _executor_of(fs)
    if executor is None:
        return _REAL_WAIT(fs, timeout, return_when)

    def enough():
        done = [f for f in fs if _finished(f)]
        if return_when == _base.FIRST_COMPLETED and done:
            return True
        if return_when == _base.FIRST_EXCEPTION and any(
                not f.cancelled() and f.exception(timeout=0) is not None for f in done):
            return True
        return len(done) == len(fs)
    executor._until(enough, timeout)
    return _base.DoneAndNotDoneFutures({f for f in fs if _finished(f)},
                                       {f for f in fs if not _finished(f)})


wait.__doc__ = _REAL_WAIT.__doc__


def as_completed(fs, timeout=None):
    fs = _unique(fs)
    executor = _executor_of(fs)
    if executor is None:
        yield from _REAL_AS_COMPLETED(fs, timeout)
        return
    end = None if timeout is None else time.monotonic() + timeout
    total = len(fs)
    pending = fs
    while True:
        finished = [f for f in pending if _finished(f)]
        pending = [f for f in pending if not _finished(f)]
        yield from finished
        if not pending:
            return
        left = None if end is None else end - time.monotonic()
        if left is not None and left <= 0:
            raise TimeoutError(f"{len(pending)} (of {total}) futures unfinished")
        executor._until(lambda: any(_finished(f) for f in pending), left)


as_completed.__doc__ = _REAL_AS_COMPLETED.__doc__


def install():
    """In the zygote (``boot.prepare``): ``concurrent.futures.wait``/``as_completed`` know the
    executor's futures, and ``concurrent.futures.ProcessPoolExecutor`` is imported afresh (from
    here) where a library had imported CPython's."""
    import concurrent.futures as package
    for module in (_base, package):
        module.wait = wait
        module.as_completed = as_completed
    for name in ("process", "ProcessPoolExecutor"):
        package.__dict__.pop(name, None)
