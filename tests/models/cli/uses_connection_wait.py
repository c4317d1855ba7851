"""Waits on standard input with multiprocessing.connection.wait, which mpsim models only for
Connections and children's sentinels -> exit 2, naming the API and line 14."""
import multiprocessing
import multiprocessing.connection


def work():
    print("working")


if __name__ == "__main__":
    p = multiprocessing.Process(target=work, name="worker")
    p.start()
    multiprocessing.connection.wait([0])  # file descriptor 0: standard input
    p.join()
