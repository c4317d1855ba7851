"""Control flow that swallows: the main process retries every operation inside
`except BaseException: pass`, in a loop.

Plain python: no operation fails, so every loop ends at its first try; exit 0.  A good checker:
clean (exit 0) - and it must not hang when it abandons the main process in the middle of such a
loop.

expect: exit 0 clean
"""
import multiprocessing


def work(lock, event):
    with lock:
        event.set()


if __name__ == "__main__":
    lock, event = multiprocessing.Lock(), multiprocessing.Event()
    p = multiprocessing.Process(target=work, args=(lock, event))
    p.start()
    while True:
        try:
            lock.acquire()
            lock.release()
            break
        except BaseException:  # noqa: BLE001 - the point of this program
            pass
    while True:
        try:
            event.wait()
            break
        except BaseException:  # noqa: BLE001
            pass
    while True:
        try:
            p.join()
            break
        except BaseException:  # noqa: BLE001
            pass
