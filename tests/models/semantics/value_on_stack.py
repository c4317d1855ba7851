"""A value computed inside a called function waits on the caller's stack while the caller makes
its next call.  Usage: python value_on_stack.py [list|locals]

``[read_then_reset(v), read_then_reset(v)]``: the first element is read from v before the first
call's last operation.  Real outcomes: [1, 0] (writer first), [0, 1] (writer between the calls)
and [0, 0]; never [1, 1].
"""
import multiprocessing
import sys


def read_then_reset(v):
    x = v.value
    v.value = 0
    return x


def writer(v):
    v.value = 1


if __name__ == "__main__":
    v = multiprocessing.Value("i", 0)
    p = multiprocessing.Process(target=writer, args=(v,))
    p.start()
    if sys.argv[1] == "list":
        pair = [read_then_reset(v), read_then_reset(v)]
    else:
        first = read_then_reset(v)
        second = read_then_reset(v)
        pair = [first, second]
    p.join()
    assert False, f"pair {pair}"
