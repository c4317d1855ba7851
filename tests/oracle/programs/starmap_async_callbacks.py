"""Pool.starmap_async with callback and error_callback: one batch succeeds, one has a task that
divides by zero.

What it does: starmap_async(divide, pairs, callback=on_done, error_callback=on_error) twice; the
callbacks run in the pool's result thread of the main process and append to a list; the main
block waits for both results, then prints what the callbacks saw and successful().

Real CPython: "callback: [5.0, 2.0]", "error_callback: ZeroDivisionError", "ok batch successful:
True", "bad batch successful: False", exit 0 in every run, fork and spawn.

mpsim claim tested: callbacks run in the parent (their effects are visible there); a failing
batch calls error_callback once with the task's exception and never callback.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing


def divide(a, b):
    return a / b


if __name__ == "__main__":
    seen = []
    with multiprocessing.Pool(2) as pool:
        ok = pool.starmap_async(divide, [(10, 2), (8, 4)],
                                callback=lambda r: seen.append(f"callback: {r}"),
                                error_callback=lambda e: seen.append(f"error_callback: {type(e).__name__}"))
        bad = pool.starmap_async(divide, [(1, 1), (1, 0)],
                                 callback=lambda r: seen.append(f"callback: {r}"),
                                 error_callback=lambda e: seen.append(f"error_callback: {type(e).__name__}"))
        ok.wait()
        bad.wait()
        for line in sorted(seen):
            print(line)
        print(f"ok batch successful: {ok.successful()}")
        print(f"bad batch successful: {bad.successful()}")
