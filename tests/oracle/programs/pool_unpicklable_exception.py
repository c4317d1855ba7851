"""A Pool task raises an exception class whose __init__ takes two arguments.

What it does: ApiError(status, reason) calls super().__init__ with one message; pool.map() over
three URLs, one of which raises ApiError(404, "not found").

Real CPython: the worker pickles the exception, but the parent's result-handler thread cannot
unpickle it (the exception is rebuilt from its args, one string): that thread dies with
TypeError: ApiError.__init__() missing 1 required positional argument: 'reason', and map() waits
forever: every run hangs, fork and spawn (a long-standing CPython issue).

mpsim claim tested: exceptions travel from pool workers by pickle; a result that cannot be
unpickled hangs the pool rather than raising ApiError in the caller.
"""
# family: other real-world code
# oracle: --timeout 3
import multiprocessing


class ApiError(Exception):
    def __init__(self, status, reason):
        super().__init__(f"{status} {reason}")
        self.status = status
        self.reason = reason


def fetch(url):
    if url.endswith("/3"):
        raise ApiError(404, "not found")
    return len(url)


if __name__ == "__main__":
    urls = [f"https://example.com/{n}" for n in (1, 2, 3)]
    with multiprocessing.Pool(2) as pool:
        print(pool.map(fetch, urls))
