"""Starts a thread inside the main process, which mpsim does not model -> exit 2, naming it and
line 13 (where the thread is started)."""
import threading


def hello():
    print("hello from a thread")


if __name__ == "__main__":
    t = threading.Thread(target=hello)
    print("starting a thread")
    t.start()
    t.join()
