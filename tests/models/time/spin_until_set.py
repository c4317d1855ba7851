"""A busy loop with an operation in it (flag.value) waits for a child that sleeps first:
the time passes while main spins, so the program ends."""
import multiprocessing as mp
import time

def setter(flag):
    time.sleep(1)
    flag.value = 1

if __name__ == "__main__":
    flag = mp.Value("i", 0)
    p = mp.Process(target=setter, args=(flag,))
    p.start()
    while not flag.value:
        pass
    p.join()
    print("flag seen")
