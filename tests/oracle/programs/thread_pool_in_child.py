"""A worker process uses a ThreadPoolExecutor to "download" three pages concurrently.

Real CPython: "downloaded 3 pages, 30 bytes", exit 0, fork and spawn.

mpsim claim tested: threads inside a process (README: not modelled; mpsim should say so with
exit 2, which this suite counts as a failure - real programs do this).
"""
# family: other real-world code
import multiprocessing
from concurrent.futures import ThreadPoolExecutor


def download(url):
    return "x" * 10


def worker(urls, results):
    with ThreadPoolExecutor(max_workers=3) as ex:
        pages = list(ex.map(download, urls))
    results.put(sum(len(p) for p in pages))


if __name__ == "__main__":
    results = multiprocessing.Queue()
    p = multiprocessing.Process(target=worker, args=(["a", "b", "c"], results))
    p.start()
    print(f"downloaded 3 pages, {results.get()} bytes")
    p.join()
