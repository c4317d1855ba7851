"""A Process whose target is a lambda.

Real CPython: fork - runs: prints "hello from a lambda", "exit code 0". spawn - start() has to
pickle the target and fails in the parent: _pickle.PicklingError: Can't pickle <function <lambda>
at 0x...>: attribute lookup <lambda> on __main__ failed (exit 1).

mpsim claim tested: spawn pickles the target (README: a lambda target fails as it does for real).
"""
# family: start methods
import multiprocessing

if __name__ == "__main__":
    p = multiprocessing.Process(target=lambda: print("hello from a lambda"))
    p.start()
    p.join()
    print(f"exit code {p.exitcode}")
