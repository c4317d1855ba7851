"""Interpreter abuse: the main process installs a profiler with sys.setprofile that prints a line
every 50 events.

Plain python prints a few "profile:" lines and exits 0.  A good checker: clean (exit 0), or "not
modelled" naming sys.setprofile (exit 2); the profiler must not see the checker's own calls or
print into its JSON output.

expect: exit 0 clean
expect: exit 2 not-modelled sys.setprofile
"""
import multiprocessing
import sys

EVENTS = [0]


def profiler(frame, event, arg):
    EVENTS[0] += 1
    if EVENTS[0] % 50 == 0:
        print("profile:", EVENTS[0], event, frame.f_code.co_name)


def work(lock):
    with lock:
        print("child")


if __name__ == "__main__":
    sys.setprofile(profiler)  # expect-line
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    with lock:
        print("main")
    p.join()
    sys.setprofile(None)
