"""A Process subclass whose __init__ forgets to call super().__init__().

What it does: class Downloader(Process) sets self.url in __init__ and defines run(); the main
block creates one and calls start().

Real CPython: start() fails in the parent: AttributeError: 'Downloader' object has no attribute
'_closed' (exit 1; the traceback adds ". Did you mean: 'close'?"), fork and spawn; nothing runs.

mpsim claim tested: start() of a Process whose base __init__ never ran raises CPython's
AttributeError in the parent.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing


class Downloader(multiprocessing.Process):
    def __init__(self, url):
        self.url = url

    def run(self):
        print(f"downloading {self.url}")


if __name__ == "__main__":
    d = Downloader("https://example.org")
    d.start()
    d.join()
