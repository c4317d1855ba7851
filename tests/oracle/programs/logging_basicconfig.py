"""logging configured with basicConfig in the main block, used in worker processes.

What it does: the main block configures INFO-level logging to stdout with the process name in the
format; each of two workers logs an INFO and a WARNING line; the parent logs before and after.

Real CPython: fork - the children inherit the configuration: all their lines appear on stdout with
"Process-1"/"Process-2". spawn - the children's logging is unconfigured: their INFO lines are
dropped and their WARNING lines go to stderr through logging's last-resort handler (bare message),
so stdout has only the parent's lines. Exit 0 always.

mpsim claim tested: the logging configuration is per process and follows the start method.
"""
# family: per-process interpreter state
import logging
import multiprocessing
import sys

log = logging.getLogger("jobs")


def worker(n):
    log.info("processing batch %d", n)
    log.warning("batch %d had 1 bad row", n)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, stream=sys.stdout,
                        format="%(processName)s %(levelname)s %(message)s")
    log.info("starting 2 workers")
    procs = [multiprocessing.Process(target=worker, args=(n,)) for n in (1, 2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    log.info("all done")
