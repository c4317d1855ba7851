"""Output printed at import time in the forkserver is inherited, unflushed, by every child.

    python docs/probes/forkserver_preload_output.py [N_CHILDREN]

Runs itself again in a subprocess whose stdout is a pipe (block-buffered). That inner run sets
set_forkserver_preload(['this']) (the stdlib module `this` prints the Zen of Python when it is
imported), starts N children (default 3) one after the other, and each child prints one line.
The outer run counts how many copies of the Zen's first line arrived, and the child lines.
(3.11: forkserver.main does not flush stdout after preloading; gh-98552.)
"""
import subprocess
import sys

import multiprocessing as mp

ZEN_FIRST = "Beautiful is better than ugly."


def child(i):
    print(f"child {i} ran")


if __name__ == "__main__":
    if sys.argv[1:2] == ["inner"]:
        mp.set_start_method("forkserver")
        mp.set_forkserver_preload(["this"])
        for i in range(int(sys.argv[2])):
            p = mp.Process(target=child, args=(i,))
            p.start()
            p.join()
        sys.exit(0)
    n = sys.argv[1] if len(sys.argv) > 1 else "3"
    out = subprocess.run([sys.executable, __file__, "inner", n], stdout=subprocess.PIPE,
                         text=True, check=True).stdout
    print(f"{n} children: {out.count(ZEN_FIRST)} copies of the Zen, "
          f"{out.count(' ran')} child lines")
