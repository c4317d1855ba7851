"""Instances of the program's own dataclasses go to a worker and back through Queues.

What it does: the parent puts three Order objects and a None into `orders`; the worker turns each
into a Receipt (a second dataclass with a method) and puts it into `receipts`; the parent prints
the receipts.

Real CPython: prints three receipt lines in order and "total 23.50", exit 0 under fork and spawn.

mpsim claim tested: pickling instances of classes defined in the program (module __main__ /
__mp_main__) through a Queue, in both directions.
"""
# family: per-process interpreter state
import multiprocessing
from dataclasses import dataclass


@dataclass
class Order:
    item: str
    qty: int
    unit_price: float


@dataclass
class Receipt:
    order: Order
    total: float

    def line(self):
        return f"{self.order.qty} x {self.order.item} = {self.total:.2f}"


def cashier(orders, receipts):
    while True:
        order = orders.get()
        if order is None:
            break
        receipts.put(Receipt(order, order.qty * order.unit_price))


if __name__ == "__main__":
    orders, receipts = multiprocessing.Queue(), multiprocessing.Queue()
    p = multiprocessing.Process(target=cashier, args=(orders, receipts))
    p.start()
    basket = [Order("tea", 2, 3.5), Order("cake", 1, 4.0), Order("jam", 3, 3.5)]
    for o in basket:
        orders.put(o)
    orders.put(None)
    total = 0
    for _ in basket:
        r = receipts.get()
        print(r.line())
        total += r.total
    p.join()
    print(f"total {total:.2f}")
