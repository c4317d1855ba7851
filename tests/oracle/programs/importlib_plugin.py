"""A plugin loaded with importlib.import_module and configured in the parent, used in a worker.

What it does: the main block loads the plugin `_plugin_upper` by name, calls configure(">> "),
and a worker process loads the plugin by name again and transforms two words.

Real CPython: fork - the child's copy of the module is configured: prints ">> HELLO", ">> WORLD",
exit 0. spawn - the child imports a fresh module: RuntimeError: plugin not configured (exit 1).

mpsim claim tested: modules imported with importlib are per process and follow the start method.
"""
# family: per-process interpreter state
# oracle: --forkserver
import importlib
import multiprocessing

PLUGIN = "_plugin_upper"


def worker(words):
    plugin = importlib.import_module(PLUGIN)
    for w in words:
        print(plugin.transform(w))


if __name__ == "__main__":
    plugin = importlib.import_module(PLUGIN)
    plugin.configure(">> ")
    p = multiprocessing.Process(target=worker, args=(["hello", "world"],))
    p.start()
    p.join()
    print(f"worker exit code {p.exitcode}")
