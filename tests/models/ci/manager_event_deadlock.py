"""A child waits on a Manager's Event that nobody sets: a deadlock, which `mpsim check --confirm`
cannot replay on real processes (replay does not cover a manager's Event yet), so its
confirmation is a refusal."""
import multiprocessing


def waiter(event):
    event.wait()


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        event = manager.Event()
        p = multiprocessing.Process(target=waiter, args=(event,), name="waiter")
        p.start()
        p.join()
