"""A heartbeat that nobody stops: main joins a process that sleeps and beats for ever."""
import multiprocessing as mp
import time


def heartbeat():
    while True:
        time.sleep(1)
        print("beat")


if __name__ == "__main__":
    p = mp.Process(target=heartbeat)
    p.start()
    p.join()
