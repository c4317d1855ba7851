"""ticket_oversold.py with the order reversed by force: the first to arrive waits longest inside
the check-then-act window (ann 0.4 s, bob 0.2 s, cy 0 s), so cy buys the ticket and the earlier
buyers, ann included, are oversold.

Real CPython: cy buys, ann and bob die with RuntimeError: <name>: ticket oversold ("seats left:
-2", exit 0), fork and spawn.

mpsim claim tested: this variant exists to show that an oversold finding mpsim may report for
ticket_oversold.py happens for real; it should be found here too.
"""
# family: other real-world code
import multiprocessing
import time

WINDOW = {"ann": 0.4, "bob": 0.2, "cy": 0.0}


def buyer(name, seats):
    with seats.get_lock():
        available = seats.value
    if available > 0:
        time.sleep(WINDOW[name])  # forced: stay inside the check-then-act window
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
