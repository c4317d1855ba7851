"""Two workers race to claim one slot; the main program checks that exactly one got it and exits
with status 1 otherwise (as a script run by CI would report a failure).

The check-then-claim in claim() is not atomic: both workers can see the slot free and both claim
it.  Then main prints "2 claims" and calls sys.exit(1): no exception, a failing exit status.

Usage: python exit_status.py [ok|exception]   ok: the claim holds the lock throughout (never
fails); exception: main raises instead of exiting with 1.
"""
import multiprocessing
import sys


def claim(slot, claims, careful):
    if careful:
        with slot.get_lock():
            if slot.value == 0:
                slot.value = 1
                claims.value += 1
        return
    if slot.value == 0:
        slot.value = 1
        with claims.get_lock():
            claims.value += 1


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    slot = multiprocessing.Value("i", 0)
    claims = multiprocessing.Value("i", 0)
    workers = [multiprocessing.Process(target=claim, args=(slot, claims, mode == "ok"))
               for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"{claims.value} claims")
    if claims.value != 1:
        if mode == "exception":
            raise RuntimeError("the slot was claimed twice")
        sys.exit(1)
