"""A script without `if __name__ == "__main__":` - the first thing many learners write.

What it does: at module level it starts a worker that prints a greeting, joins it and prints the
exit code.

Real CPython: fork - works: "hello from the worker", "worker exit code 0". spawn - the child
re-imports the script, and its module-level start() raises RuntimeError ("An attempt has been
made to start a new process before the current process has finished its bootstrapping phase...")
in the child; the parent prints "worker exit code 1" (exit 0).

mpsim claim tested: under spawn the main module runs again in the child, guard or not.
"""
# family: start methods
import multiprocessing


def greet():
    print("hello from the worker", flush=True)


p = multiprocessing.Process(target=greet)
p.start()
p.join()
print(f"worker exit code {p.exitcode}")
