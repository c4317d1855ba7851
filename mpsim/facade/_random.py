"""The ``random`` module of a model process: where CPython draws from the OS, mpsim chooses.

A real process seeds its ``random`` generator from the OS (a new interpreter, and a forked child,
which CPython reseeds), so an unseeded program draws differently in every run.  mpsim does not
fix one of those runs silently:

* a draw among a few values - ``choice``, ``randint``, ``randrange`` over at most ``SMALL``
  values, ``shuffle`` of at most 4 items, ``sample`` of a few - is a *choice* of the search, like
  which process moves next: every value is explored (and a schedule names the one taken);
* any other draw (``random()``, ``uniform()``, a large range...) comes from a generator seeded
  per process, and the report names it: those values are one run's, not all of them;
* a program that seeds the generator itself (``random.seed(42)``) gets exactly that sequence.
"""
from __future__ import annotations

import itertools
import math
import random

from ._engine import engine

SMALL = 8
_inst = random._inst
_seed = random.Random.seed


def _unseeded(gen) -> bool:
    return not getattr(gen, "_mpsim_seeded", False)


def _pick(n: int, shown: str) -> int:
    from .base import perform
    return perform(None, "random", (n,), shown)


def seed_process(ident):
    """Where CPython seeds the ``random`` module from the OS (a new interpreter, a forked child),
    a model process - simulated or replayed - seeds it from its identity, so that every run of
    it is the same; draws from it are explored or named."""
    _seed(_inst, f"mpsim-process-{ident}")
    _inst._mpsim_seeded = False


def _note(what: str):
    engine().drew(what)


def seed(a=None, version=2):
    _seeding(_inst, a, version)


def _seeding(gen, a, version):
    if a is None:  # CPython seeds from the OS: one value per run, named in the report
        eng = engine()
        eng.drew("random.seed()")
        eng.seeds += 1  # seeds handed out for random.seed() without a value
        a = f"mpsim-{eng.ident}-{eng.seeds}"
        gen._mpsim_seeded = False
    else:
        gen._mpsim_seeded = True
    _seed(gen, a, version)


def _random_seed(self, a=None, version=2):
    _seeding(self, a, version)


def choice(seq):
    n = len(seq)
    if _unseeded(_inst) and 0 < n <= SMALL:
        return seq[_pick(n, f"random.choice({_shown(seq)})")]
    _note("random.choice")
    return _inst.choice(seq)


def randrange(start, stop=None, step=1):
    r = range(start) if stop is None else range(start, stop, step)
    if _unseeded(_inst) and 0 < len(r) <= SMALL:
        return r[_pick(len(r), f"random.randrange({start}{'' if stop is None else f', {stop}'})")]
    _note("random.randrange")
    return _inst.randrange(start, stop, step)


def randint(a, b):
    if _unseeded(_inst) and 0 < b - a + 1 <= SMALL:
        return a + _pick(b - a + 1, f"random.randint({a}, {b})")
    _note("random.randint")
    return _inst.randint(a, b)


def shuffle(x):
    if _unseeded(_inst) and 1 < len(x) <= 4:
        orders = list(itertools.permutations(range(len(x))))
        order = orders[_pick(len(orders), f"random.shuffle({len(x)} items)")]
        x[:] = [x[i] for i in order]
        return
    _note("random.shuffle")
    _inst.shuffle(x)


def sample(population, k, *, counts=None):
    n = len(population)
    if _unseeded(_inst) and counts is None and 0 <= k <= n and math.perm(n, k) <= SMALL:
        picks = list(itertools.permutations(range(n), k))
        chosen = picks[_pick(len(picks), f"random.sample({n} items, {k})")]
        return [population[i] for i in chosen]
    _note("random.sample")
    return _inst.sample(population, k, counts=counts)


def _drawing(name):
    method = getattr(_inst, name)

    def draw(*args, **kwargs):
        if _unseeded(_inst):
            _note(f"random.{name}")
        return method(*args, **kwargs)
    draw.__name__ = name
    return draw


def _shown(seq) -> str:
    text = repr(seq)
    return text if len(text) <= 30 else f"{len(seq)} items"


def install():
    random.Random.seed = _random_seed
    for name, fn in (("seed", seed), ("choice", choice), ("randrange", randrange),
                     ("randint", randint), ("shuffle", shuffle), ("sample", sample)):
        setattr(random, name, fn)
    for name in ("random", "uniform", "triangular", "choices", "gauss", "normalvariate",
                 "lognormvariate", "expovariate", "vonmisesvariate", "gammavariate",
                 "betavariate", "paretovariate", "weibullvariate", "getrandbits", "randbytes"):
        setattr(random, name, _drawing(name))
