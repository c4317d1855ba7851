"""The exception in flight through a ``finally`` block lives on the frame's value stack: when the
worker waits (in a function its ``finally`` calls), its variables are the same whether ``KeyError``
is pending or not."""
import multiprocessing


def pause(e):
    e.wait()


def worker(e, flag):
    try:
        if flag.value:
            raise KeyError("boom")
    finally:
        pause(e)


if __name__ == "__main__":
    e = multiprocessing.Event()
    flag = multiprocessing.Value("i", 0)
    p = multiprocessing.Process(target=worker, args=(e, flag))
    p.start()
    flag.value = 1
    e.set()
    p.join()
    print("exit code", p.exitcode)
