"""Two customer processes take apples from the stock kept in a helper package (_shop).

What it does: each customer calls _shop.take("apples", 2) on a stock of 3 and prints what is
left; then the parent prints its own stock.

Real CPython: each process has its own copy of the package, so both customers succeed and each
prints "1 apples left"; the parent still has 3. Exit 0, under fork and spawn. (If the package were
shared, the second customer would die with _shop.inventory.OutOfStock.)

mpsim claim tested: a package directory with __init__.py (and its submodule) is per process.
"""
# family: per-process interpreter state
import multiprocessing

import _shop


def customer(name):
    left = _shop.take("apples", 2)
    print(f"{name}: took 2 apples, {left} apples left")


if __name__ == "__main__":
    customers = [multiprocessing.Process(target=customer, args=(n,)) for n in ("ann", "bob")]
    for c in customers:
        c.start()
    for c in customers:
        c.join()
    print(f"main: shop has {_shop.stock['apples']} apples")
