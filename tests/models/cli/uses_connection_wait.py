"""Waits on a process sentinel with multiprocessing.connection.wait, which mpsim does not model
-> exit 2, naming the API and line 14."""
import multiprocessing
import multiprocessing.connection


def work():
    print("working")


if __name__ == "__main__":
    p = multiprocessing.Process(target=work, name="worker")
    p.start()
    multiprocessing.connection.wait([p.sentinel])
    p.join()
