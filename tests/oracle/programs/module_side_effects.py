"""Module-level code with side effects: it prints a banner and counts loads in an env variable.

What it does: at import the module prints "loading settings (load N)" where N counts the loads
seen through os.environ; two workers print the settings they see.

Real CPython: fork - one banner "loading settings (load 1)", then two worker lines, exit 0.
spawn - each child re-imports the module and prints its own banner "(load 2)" (the count comes
from the environment the child inherited): three banners. forkserver: like spawn.

mpsim claim tested: module-level code runs again in spawned children (output only).
"""
# family: start methods
# oracle: --forkserver
import multiprocessing
import os

LOADS = int(os.environ.get("SETTINGS_LOADS", "0")) + 1
os.environ["SETTINGS_LOADS"] = str(LOADS)
print(f"loading settings (load {LOADS})", flush=True)
SETTINGS = {"threads": 4}


def worker(n):
    print(f"worker {n}: threads={SETTINGS['threads']}", flush=True)


if __name__ == "__main__":
    procs = [multiprocessing.Process(target=worker, args=(n,)) for n in (1, 2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
