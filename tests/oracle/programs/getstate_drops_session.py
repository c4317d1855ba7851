"""An API client whose __getstate__ leaves out its session (not picklable in real code).

What it does: ApiClient.__getstate__ drops `_session`; __setstate__ restores only the rest. The
client is passed as a Process argument, and the worker calls client.get().

Real CPython: fork - the Process arguments are not pickled, the child has the full object: prints
"GET https://api.example.com/users via session-1", exit 0. spawn - the arguments are pickled:
AttributeError: 'ApiClient' object has no attribute '_session' (exit code 1).

mpsim claim tested: under spawn arguments go through the object's own __getstate__/__setstate__;
under fork they are copied whole.
"""
# family: per-process interpreter state
import multiprocessing


class ApiClient:
    def __init__(self, base):
        self.base = base
        self._session = "session-1"

    def __getstate__(self):
        state = self.__dict__.copy()
        del state["_session"]
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)

    def get(self, path):
        return f"GET {self.base}{path} via {self._session}"


def worker(client):
    print(client.get("/users"))


if __name__ == "__main__":
    client = ApiClient("https://api.example.com")
    p = multiprocessing.Process(target=worker, args=(client,))
    p.start()
    p.join()
    print(f"exit code {p.exitcode}")
