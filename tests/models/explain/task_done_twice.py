"""A consumer marks one item done twice: ValueError: task_done() called too many times."""
import multiprocessing


def consumer(q):
    q.get()
    q.task_done()
    q.task_done()


if __name__ == "__main__":
    q = multiprocessing.JoinableQueue()
    c = multiprocessing.Process(target=consumer, args=(q,))
    c.start()
    q.put(1)
    c.join()
