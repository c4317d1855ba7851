"""ticket_oversold.py with a rare order forced: every buyer sleeps 0.2 s between its check and
its purchase, so all three see the last seat before anyone buys it.

Real CPython: one buyer gets the ticket and the two others die with RuntimeError: <name>: ticket
oversold (the parent prints "seats left: -2"; exit 0). Under fork always ann buys (bob and cy
oversold, 20/20); under spawn start-up jitter let bob buy in 2/20 runs (ann oversold).

mpsim claim tested: this variant exists to show that the oversold finding mpsim may report for
ticket_oversold.py happens for real; it should be found here too.
"""
# family: other real-world code
import multiprocessing
import time


def buyer(name, seats):
    with seats.get_lock():
        available = seats.value
    if available > 0:
        time.sleep(0.2)  # forced: stay inside the check-then-act window
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
