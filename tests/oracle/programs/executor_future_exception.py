"""ProcessPoolExecutor: a submitted task raises; the caller inspects future.exception() and
catches the exception from future.result().

What it does: submits validate("ok") and validate("") (which raises ValueError("empty input"));
prints each future's exception(); then calls result() of the failing one inside try/except.

Real CPython: "ok: None", "empty: ValueError('empty input')", "caught: empty input", exit 0 in
every run, fork and spawn.

mpsim claim tested: a task's exception is carried to its future (re-raised by result()), not
reported as an uncaught exception.
"""
# family: other real-world code
# oracle: -n 40
from concurrent.futures import ProcessPoolExecutor


def validate(text):
    if not text:
        raise ValueError("empty input")
    return text.upper()


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        good, bad = ex.submit(validate, "ok"), ex.submit(validate, "")
        print(f"ok: {good.exception()!r}")
        print(f"empty: {bad.exception()!r}")
        try:
            bad.result()
        except ValueError as exc:
            print(f"caught: {exc}")
