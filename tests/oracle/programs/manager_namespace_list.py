"""A worker appends to a list stored in a Manager Namespace (ns.items.append(...)).

What it does: `ns.items = []`; the worker does `ns.items.append("report.pdf")` (which changes a
copy fetched from the manager); the parent prints ns.items and its first element.

Real CPython: prints "items: []" and dies with IndexError: list index out of range (exit 1),
fork and spawn.

mpsim claim tested: manager proxies return copies (attribute reads of a Namespace, too).
"""
# family: other real-world code
import multiprocessing


def worker(ns):
    ns.items.append("report.pdf")
    print("worker: appended", flush=True)


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        ns = manager.Namespace()
        ns.items = []
        p = multiprocessing.Process(target=worker, args=(ns,))
        p.start()
        p.join()
        print(f"items: {ns.items}")
        print(f"first: {ns.items[0]}")
