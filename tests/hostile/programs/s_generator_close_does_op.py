"""Control flow that swallows: a generator that performs an operation when it is closed
(`except GeneratorExit:` puts a message into a queue, then re-raises).

The child takes one item from the generator and drops it; CPython closes the generator at once
(reference counting), which puts "closed" into the queue - inside the child, before it exits.
Plain python: main receives 1 then "closed"; exit 0.  A good checker: clean (exit 0) - the close
must happen in the child, at the right moment, not whenever the checker's memory is collected.

expect: exit 0 clean
"""
import multiprocessing


def numbers(q, out):
    try:
        while True:
            yield q.get()
    except GeneratorExit:
        out.put("closed")
        raise


def worker(q, out):
    g = numbers(q, out)
    out.put(next(g))
    del g


if __name__ == "__main__":
    q, out = multiprocessing.Queue(), multiprocessing.Queue()
    p = multiprocessing.Process(target=worker, args=(q, out), name="worker")
    p.start()
    q.put(1)
    assert out.get() == 1
    assert out.get() == "closed"
    p.join()
    assert p.exitcode == 0
