"""A main module that starts a process at module level, without `if __name__ == "__main__":`.

    python docs/probes/no_main_guard.py [fork|spawn|forkserver]

Uses multiprocessing.get_context(METHOD) (not set_start_method, which a spawned child's
re-import would call a second time). Under spawn/forkserver the child re-imports this module
as __mp_main__ and so reaches the start() call again while it is still bootstrapping.
"""
import sys

import multiprocessing as mp

print(f"module executed as {__name__}", flush=True)
ctx = mp.get_context(sys.argv[1] if len(sys.argv) > 1 else None)
p = ctx.Process(target=print, args=("child target ran",))
p.start()
p.join()
print(f"{__name__}: child exit code {p.exitcode}", flush=True)
