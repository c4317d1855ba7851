"""Control flow that swallows: under spawn, starting a process whose target is a lambda fails to
pickle; main swallows the error with a bare `except:` and carries on with a proper process.

Plain python: the first start() raises (PicklingError / AttributeError "Can't pickle local
object"), main catches it, starts the second process, which takes the lock; exit 0.  A good
checker: clean (exit 0).

expect: exit 0 clean
"""
import multiprocessing


def work(lock):
    with lock:
        print("proper child")


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    lock = multiprocessing.Lock()
    try:
        multiprocessing.Process(target=lambda: None).start()
    except:  # noqa: E722 - the point of this program
        print("could not start the lambda")
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    p.join()
    assert p.exitcode == 0
