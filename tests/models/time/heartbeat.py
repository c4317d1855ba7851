"""A daemon heartbeat that sleeps in a loop while main sleeps 3.5 s and ends (6 lines of
work).  On the one clock: a few states, and the loop is a cycle."""
import multiprocessing as mp
import time

def heartbeat():
    while True:
        time.sleep(1)

if __name__ == "__main__":
    p = mp.Process(target=heartbeat, daemon=True)
    p.start()
    time.sleep(3.5)
    print("main done")
