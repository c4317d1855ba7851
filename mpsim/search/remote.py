"""Running the simulated processes' steps on a Dask cluster (``--dask ADDRESS``).

The search stays where it is: the states, the graph, the findings and every local-state key are
the controller's, so a search with remote workers explores exactly the states, transitions and
findings of one without (``LocalStates.run_many`` asks for a step only where the memo has no
answer, and remembers the answer as if it had run it itself).  What moves to the workers is the
part that runs model code: a step ``(key, result, clock, method)`` - the process at local state
``key`` given ``result`` - and its report.

A worker knows nothing of the check but what it is sent: how to load the model (its path, which
every worker must be able to read, and its arguments), and, with each step, the history of the
state it starts from - the ``LocalInfo`` of every key on the way back to the process's birth,
and the births themselves - as far as that worker has not been sent them already.  It keeps its
own simulated processes (its own zygote, started with the same hash seed) stopped at the states
they reached, by the step that reached them, so a process's next step is usually one message
away; a state it has no process at is re-created from the history, as the controller would.
The steps of one process go to one worker (chosen from the process's ident), so it keeps them.

A worker's answer is what the simulated process sent (``_fetch``): the controller turns it into
local states (``_learn``), and a fingerprint is the same bytes on every machine with the same
Python and the same model files.
"""
from __future__ import annotations

import os
import threading
import uuid
import zlib

from ..errors import MpsimError
from .local import LIVE, LocalStates, _origin

_MIRRORS = {}  # on a worker: check token -> _Mirror
_ONE_AT_A_TIME = threading.Lock()  # a worker's threads share its zygote and its mirrors


CONNECT_TIMEOUT = "5s"  # how long to try to reach the scheduler


class DaskUnavailable(MpsimError):
    """``--dask`` without the ``distributed`` package, or a cluster that cannot be reached."""


class DaskSteps:
    """The controller's side: sends steps to the cluster's workers and gathers their reports."""

    def __init__(self, address, session):
        try:
            from distributed import Client
        except ImportError:
            raise DaskUnavailable("--dask needs the distributed package: pip install 'mpsim[dask]'") from None
        if isinstance(address, Client):
            self.client, self._own = address, False
        else:
            try:
                self.client, self._own = Client(address, timeout=CONNECT_TIMEOUT), True
            except (OSError, TimeoutError) as exc:
                raise DaskUnavailable(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        self.workers = sorted(self.client.scheduler_info()["workers"])
        if not self.workers:
            raise DaskUnavailable("the Dask cluster has no workers")
        self.width = len(self.workers)  # states worked out ahead scale with it (explore.py)
        self.token = uuid.uuid4().hex
        model = session.model
        self.recipe = (os.path.abspath(model.path), tuple(model.argv), session.merging,
                       session.step_limit)
        self.sent = {w: (set(), set()) for w in self.workers}  # worker -> (keys, births) it has
        self.steps = 0  # steps run on the workers

    def worker_of(self, locals_: LocalStates, key) -> str:
        ident = locals_.info[key].ident
        return self.workers[zlib.crc32(repr(ident).encode()) % len(self.workers)]

    def run(self, locals_: LocalStates, steps) -> list:
        """The segment of each step, run on the workers (one task per worker and call)."""
        by_worker = {}
        for n, step in enumerate(steps):
            by_worker.setdefault(self.worker_of(locals_, step[0]), []).append(n)
        futures = []
        for worker, numbers in by_worker.items():
            keys, births = self.sent[worker]
            infos, new_births = {}, {}
            for n in numbers:
                _history(locals_, steps[n][0], keys, births, infos, new_births)
            future = self.client.submit(_run_steps, self.token, self.recipe, new_births, infos,
                                        [steps[n] for n in numbers], workers=[worker],
                                        allow_other_workers=False, pure=False)
            futures.append((numbers, future, infos, new_births, keys, births))
        outcomes = [None] * len(steps)
        for numbers, future, infos, new_births, keys, births in futures:
            try:
                answers = future.result()
            except MpsimError:
                raise
            except Exception as exc:  # noqa: BLE001 - a worker lost, a cluster gone
                raise DaskUnavailable(f"a Dask worker failed: {type(exc).__name__}: {exc}") from None
            keys.update(infos)
            births.update(new_births)
            for n, outcome in zip(numbers, answers):
                outcomes[n] = outcome
        self.steps += len(steps)
        locals_.executed += len(steps)
        return [locals_._learn(locals_.info[step[0]].ident, step, outcome)
                for step, outcome in zip(steps, outcomes)]

    def close(self):
        try:
            self.client.run(_forget, self.token)
        except Exception:  # noqa: BLE001 - a cluster already gone has nothing left to stop
            pass
        if self._own:
            self.client.close()


def _history(locals_, key, keys, births, infos, new_births):
    """Add to ``infos`` / ``new_births`` what a worker that has ``keys`` / ``births`` needs to
    re-create the process at ``key``: every state back to its birth, and a forked child's
    parent's too."""
    todo = [key]
    while todo:
        k = todo.pop()
        while k not in keys and k not in infos:
            info = infos[k] = locals_.info[k]
            if info.origin[0] == "unborn":
                birth_id = info.origin[1]
                if birth_id not in births and birth_id not in new_births:
                    birth = new_births[birth_id] = locals_.session.births[birth_id]
                    if birth.parent_key is not None:
                        todo.append(birth.parent_key)
                break
            k = info.origin[1]


# -- the worker's side ------------------------------------------------------------------------
def _run_steps(token, recipe, births, infos, steps) -> list:
    """On a worker: run ``steps`` of the check ``token`` (its model: ``recipe``), having learned
    ``births`` and ``infos``; what each step's process did (``LocalStates._fetch``)."""
    with _ONE_AT_A_TIME:
        mirror = _MIRRORS.get(token)
        if mirror is None:
            mirror = _MIRRORS[token] = _Mirror(recipe)
        mirror.learn(births, infos)
        return [mirror.step(step) for step in steps]


def _forget(token):
    """On a worker: stop the check's simulated processes."""
    with _ONE_AT_A_TIME:
        mirror = _MIRRORS.pop(token, None)
        if mirror is not None:
            mirror.close()


class _Mirror(LocalStates):
    """A worker's copy of the controller's local states: the keys it was told of (``info`` by
    key, as the controller numbers them), and its own processes stopped at them."""

    def __init__(self, recipe):
        from ..session import Session
        path, argv, merging, step_limit = recipe
        session = Session(path, argv, merging=merging, step_limit=step_limit)
        session.births = {}
        super().__init__(session, merging=merging, step_timeout=step_limit)
        self.info = {}
        self.parked = {}  # origin -> a process that reached it, until its key is known

    def learn(self, births, infos):
        self.session.births.update(births)
        for key, info in infos.items():
            self.info[key] = info
            runner = self.parked.pop(info.origin, None)
            if runner is not None:
                self._keep(key, runner)

    def step(self, step) -> tuple:
        runner = self._start_step(self.info[step[0]], step)
        outcome = self._fetch(runner)
        if outcome[0] == "report" and outcome[1][1] is None:
            self.parked[_origin(step, outcome[1][-1])] = runner
            while len(self.parked) > LIVE:
                self.parked.pop(next(iter(self.parked))).kill()
        elif outcome[0] == "report":
            runner.kill()
        return outcome

    def close(self):
        super().close()
        for runner in self.parked.values():
            runner.kill()
        self.parked.clear()
