"""Customers arrive 50 ms apart and buy the last ticket: check the seats, then buy (check-then-act).

What it does: `seats = Value("i", 1)`; each buyer reads seats.value under the lock, and if a
seat is left, takes the lock again to decrement, raising RuntimeError("... oversold") if the
count went below zero. The parent starts three buyers 50 ms apart and prints the seats left.

Real CPython: the window between the check and the purchase is short and the buyers arrive 50 ms
apart: under fork ann bought and bob and cy printed "sold out" in 20/20 runs; under spawn the
start-up time varies enough that bob or cy was oversold in 5/20 runs (RuntimeError: bob: ticket
oversold / cy: ...; exit 0). "ann: ticket oversold" and any oversold run under fork need rarer
timing: ticket_oversold_forced.py (everyone waits inside the window) and
ticket_oversold_reversed.py (the first to arrive waits longest) force those orders and show
them.

mpsim claim tested: a finding that needs rare timing is still a real finding (this program's
'# oracle: --forced-by' line names the forced-order variant that shows it).
"""
# family: other real-world code
# oracle: --forced-by ticket_oversold_forced.py --forced-by ticket_oversold_reversed.py
import multiprocessing
import time


def buyer(name, seats):
    with seats.get_lock():
        available = seats.value
    if available > 0:
        with seats.get_lock():
            seats.value -= 1
            if seats.value < 0:
                raise RuntimeError(f"{name}: ticket oversold")
        print(f"{name}: bought a ticket", flush=True)
    else:
        print(f"{name}: sold out", flush=True)


if __name__ == "__main__":
    seats = multiprocessing.Value("i", 1)
    buyers = []
    for name in ("ann", "bob", "cy"):
        b = multiprocessing.Process(target=buyer, args=(name, seats))
        b.start()
        buyers.append(b)
        time.sleep(0.05)
    for b in buyers:
        b.join()
    print(f"seats left: {seats.value}")
