"""The parent fills a dict of scores by iterating over it and assigning values from a queue.

What it does: `scores = dict.fromkeys(["ann", "bob", "cy"])`; `for name in scores:
scores[name] = results.get()` (no size change, legal); three workers each put one number.

Real CPython: prints the three names with the numbers in arrival order and "sum 60", exit 0,
fork and spawn.

mpsim claim tested: state matching must distinguish positions of a dict iterator (the dict's
values change but its keys do not).
"""
# family: state a fingerprint might miss
import multiprocessing


def judge(points, results):
    results.put(points)


if __name__ == "__main__":
    results = multiprocessing.Queue()
    judges = [multiprocessing.Process(target=judge, args=(pts, results)) for pts in (10, 20, 30)]
    for j in judges:
        j.start()
    scores = dict.fromkeys(["ann", "bob", "cy"])
    for name in scores:
        scores[name] = results.get()
    for j in judges:
        j.join()
    print(", ".join(f"{k}={v}" for k, v in scores.items()))
    print(f"sum {sum(scores.values())}")
