"""Two unnamed waiters and a notify_all: the trace names whom it woke, by variable."""
import multiprocessing


def waiter(cond, ready):
    with cond:
        while not ready.value:
            cond.wait()


if __name__ == "__main__":
    cond = multiprocessing.Condition()
    ready = multiprocessing.Value("i", 0, lock=False)
    first = multiprocessing.Process(target=waiter, args=(cond, ready))
    second = multiprocessing.Process(target=waiter, args=(cond, ready))
    first.start()
    second.start()
    with cond:
        ready.value = 1
        cond.notify_all()
    first.join()
    second.join()
