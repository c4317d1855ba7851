"""A plugin registry filled in under the main guard; worker processes look their handler up by name.

What it does: HANDLERS starts empty at module level; the main block registers two parsers, starts
one worker per job and prints each worker's exit code and the parsed results.

Real CPython: fork - the children inherit the filled registry: both parse, exit codes 0.
spawn - the children re-import the module as __mp_main__, where the main block does not run, so
the registry is empty: both die with KeyError ('csv' / 'lines'), exit codes 1, no results.

mpsim claim tested: module globals are per process and follow the start method (a forked child
copies the parent's globals at start(), a spawned child rebuilds them by re-import).
"""
# family: per-process interpreter state
# oracle: --forkserver
import multiprocessing

HANDLERS = {}


def parse_csv(text):
    return text.split(",")


def parse_lines(text):
    return text.splitlines()


def worker(kind, text, results):
    handler = HANDLERS[kind]
    results.put((kind, handler(text)))


if __name__ == "__main__":
    HANDLERS["csv"] = parse_csv
    HANDLERS["lines"] = parse_lines
    results = multiprocessing.Queue()
    jobs = [("csv", "a,b,c"), ("lines", "x\ny")]
    procs = [multiprocessing.Process(target=worker, args=(kind, text, results)) for kind, text in jobs]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    ok = 0
    for p in procs:
        print(f"{p.name} exit code {p.exitcode}")
        ok += p.exitcode == 0
    for _ in range(ok):
        kind, parsed = results.get()
        print(f"{kind}: {parsed}")
