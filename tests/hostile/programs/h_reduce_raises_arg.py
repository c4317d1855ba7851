"""Pickling error: under spawn, a Process argument whose __reduce__ raises.

Plain python: start() pickles the process object and raises ValueError("not for sending") in
main, which dies with exit code 1.  A good checker: an exception finding (ValueError: not for
sending) for the main process.

expect: exit 1 exception ValueError: not for sending
"""
import multiprocessing


class Secret:
    def __reduce__(self):
        raise ValueError("not for sending")


def work(secret):
    print("never")


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    p = multiprocessing.Process(target=work, args=(Secret(),), name="child")
    p.start()
    p.join()
