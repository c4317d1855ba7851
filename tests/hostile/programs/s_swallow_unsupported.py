"""Control flow that swallows: `except BaseException: pass` around an unsupported API
(threading.Thread).

Plain python starts the thread, which prints.  Whatever mpsim raises to stop at an API it does
not model, the model swallows here and carries on; a good checker must still say "not modelled"
naming threading.Thread (exit 2) - never "clean" for a program it did not really run.

expect: exit 2 not-modelled threading.Thread
"""
import multiprocessing
import threading


def hello():
    print("hello from a thread")


if __name__ == "__main__":
    try:
        t = threading.Thread(target=hello)  # expect-line
        t.start()  # expect-line
        t.join()
    except BaseException:  # noqa: BLE001 - the point of this program
        pass
    with multiprocessing.Lock():
        print("main carries on")
