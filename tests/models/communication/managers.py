"""Manager proxies: list, dict, Namespace, Value, Array and the server's synchronisation objects
(docs/semantics.md §12).

Usage: python managers.py CASE   (each case_* function below; its docstring says what happens)
"""
import multiprocessing
import sys


def append(l, x):
    l.append(x)


def case_list_append():
    """Two processes append to a manager list: each append is atomic, both items arrive."""
    with multiprocessing.Manager() as m:
        l = m.list()
        ps = [multiprocessing.Process(target=append, args=(l, x)) for x in "ab"]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
        items = l[:]
        print("list", sorted(items))


def case_print_proxy():
    """print(l) and len(l) after two appends: the proxy's __str__ and __len__ run in the server."""
    with multiprocessing.Manager() as m:
        l = m.list()
        ps = [multiprocessing.Process(target=append, args=(l, x)) for x in "ab"]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
        print(len(l), sorted(l), l)


def increment(d):
    d["n"] += 1


def case_dict_lost_update():
    """d["n"] += 1 in two processes is __getitem__ then __setitem__: the total is 1 or 2."""
    with multiprocessing.Manager() as m:
        d = m.dict(n=0)
        ps = [multiprocessing.Process(target=increment, args=(d,)) for _ in range(2)]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
        print("total", d["n"])


def case_copies():
    """Values come back as copies: m.list([[1]])[0].append(2) changes nothing."""
    with multiprocessing.Manager() as m:
        l = m.list([[1]])
        l[0].append(2)
        print("nested", l[0], list(l))
        l += [[3]]
        print("after +=", l, len(l))


def case_key_error():
    """A missing key: KeyError: 'nope', raised again in the caller."""
    with multiprocessing.Manager() as m:
        d = m.dict(a=1)
        print("a", d["a"], d.get("nope"), "a" in d, dict(d.items()))
        d["nope"]


def case_index_error():
    """A missing index: IndexError: list index out of range."""
    with multiprocessing.Manager() as m:
        m.list([1])[5]


def case_pop_empty():
    """pop() from an empty manager list: IndexError: pop from empty list."""
    with multiprocessing.Manager() as m:
        m.list().pop()


def set_attr(ns):
    ns.y = ns.x + 1


def case_namespace():
    """A Namespace: attributes set in a child are seen by the parent; a missing one raises."""
    with multiprocessing.Manager() as m:
        ns = m.Namespace(x=1)
        p = multiprocessing.Process(target=set_attr, args=(ns,))
        p.start()
        p.join()
        print("namespace", ns.x, ns.y)
        ns.z


def add_value(v, a):
    v.value += 10
    a[1] = a[0] + a[2]


def case_value_array():
    """Manager Value and Array proxies."""
    with multiprocessing.Manager() as m:
        v = m.Value("i", 5)
        a = m.Array("i", [1, 2, 3])
        p = multiprocessing.Process(target=add_value, args=(v, a))
        p.start()
        p.join()
        print("value", v.value, "array", len(a), a[0], a[1], a[2])


def case_array_index_error():
    """A manager Array index out of range: IndexError: array index out of range."""
    with multiprocessing.Manager() as m:
        m.Array("i", [1])[3]


def put_twice(q):
    q.put(1)
    q.put(2)


def case_queue():
    """A manager Queue between two processes; get_nowait on the empty queue raises _queue.Empty."""
    with multiprocessing.Manager() as m:
        q = m.Queue()
        p = multiprocessing.Process(target=put_twice, args=(q,))
        p.start()
        print("got", q.get(), q.get())
        p.join()
        q.get_nowait()


def put_then_change(q):
    message = {"n": 1}
    q.put(message)
    message["n"] = 2


def case_queue_put_then_change():
    """A manager Queue's put() sends its pickled argument at once: a change made after it does
    not reach the reader (unlike a multiprocessing.Queue, whose feeder thread pickles later)."""
    with multiprocessing.Manager() as m:
        q = m.Queue()
        p = multiprocessing.Process(target=put_then_change, args=(q,))
        p.start()
        print("got", q.get())
        p.join()


def case_queue_unpicklable():
    """A manager Queue's put() pickles its argument in the caller: the error is raised there."""
    with multiprocessing.Manager() as m:
        m.Queue().put(lambda: 0)


def case_queue_close():
    """A manager Queue is the server's queue.Queue: it has no close()."""
    with multiprocessing.Manager() as m:
        m.Queue().close()


def case_lock_release_unlocked():
    """A manager Lock is the server's threading.Lock: RuntimeError: release unlocked lock."""
    with multiprocessing.Manager() as m:
        lock = m.Lock()
        with lock:
            print("held")
        lock.release()


def wait_event(e):
    e.wait()
    print("event seen")


def case_event():
    """A manager Event set by the parent wakes the child."""
    with multiprocessing.Manager() as m:
        e = m.Event()
        p = multiprocessing.Process(target=wait_event, args=(e,))
        p.start()
        e.set()
        p.join()
        print("is_set", e.is_set())


def case_after_shutdown():
    """A proxy this process never used, called after shutdown(): it finds no server to connect
    to - FileNotFoundError: [Errno 2] No such file or directory."""
    m = multiprocessing.Manager()
    l = m.list([1])
    m.shutdown()
    l.append(2)


def case_after_shutdown_used():
    """A proxy already used (so connected), called after shutdown(): BrokenPipeError."""
    m = multiprocessing.Manager()
    l = m.list([1])
    l.append(2)
    m.shutdown()
    l.append(3)


if __name__ == "__main__":
    if len(sys.argv) != 2 or "case_" + sys.argv[1] not in globals():
        sys.exit(f"usage: python managers.py CASE   (unknown case {sys.argv[1:]})")
    globals()["case_" + sys.argv[1]]()
