"""multiprocessing.Value and Array (docs/semantics.md §11).  Usage: python value.py CASE"""
import multiprocessing
import sys


def increment(v):
    v.value += 1


def increment_locked(v):
    with v.get_lock():
        v.value += 1


def increment_cell(a):
    a[1] += 1


def case_raw_get_lock():
    v = multiprocessing.Value("i", 0, lock=False)
    print("raw value", v.value)
    v.get_lock()


def case_plain_lock_self_deadlock():
    v = multiprocessing.Value("i", 0, lock=multiprocessing.Lock())
    v.value += 1  # fine: each access takes and releases the lock
    print("value", v.value)
    with v.get_lock():
        v.value += 1


def case_lock_not_a_lock():
    multiprocessing.Value("i", 0, lock="x")


def case_overflow():
    v = multiprocessing.Value("i", 2**31)
    print("Value('i', 2**31).value =", v.value)
    v.value = 2**31 + 1
    print("after v.value = 2**31 + 1:", v.value)
    print("Value('b', 200).value =", multiprocessing.Value("b", 200).value)


def case_repr():
    print(multiprocessing.Value("i", 5), multiprocessing.Value("d", 1.5))
    print(multiprocessing.Value("i", 7, lock=False), multiprocessing.RawValue("d", 2))


def case_bad_type():
    v = multiprocessing.Value("i", 0)
    v.value = "a"


def case_array_index():
    a = multiprocessing.Array("i", 3)
    print("a[-1] =", a[-1], "a[:] =", a[:], "len", len(a))
    a[0:2] = [7, 8]
    print("after a[0:2] = [7, 8]:", a[:], "a[0:2] =", a[0:2])
    a[5]


def case_lost_update():
    v = multiprocessing.Value("i", 0)
    p = multiprocessing.Process(target=increment, args=(v,))
    p.start()
    increment(v)
    p.join()
    assert False, f"final {v.value}"


def case_locked_update():
    v = multiprocessing.Value("i", 0)
    p = multiprocessing.Process(target=increment_locked, args=(v,))
    p.start()
    increment_locked(v)
    p.join()
    assert False, f"final {v.value}"


def case_array_lost_update():
    a = multiprocessing.Array("i", 3)
    p = multiprocessing.Process(target=increment_cell, args=(a,))
    p.start()
    increment_cell(a)
    p.join()
    assert False, f"final {a[:]}"


if __name__ == "__main__":
    case = sys.argv[1]
    if case == 'raw_get_lock':
        case_raw_get_lock()
    elif case == 'plain_lock_self_deadlock':
        case_plain_lock_self_deadlock()
    elif case == 'lock_not_a_lock':
        case_lock_not_a_lock()
    elif case == 'overflow':
        case_overflow()
    elif case == 'repr':
        case_repr()
    elif case == 'bad_type':
        case_bad_type()
    elif case == 'array_index':
        case_array_index()
    elif case == 'lost_update':
        case_lost_update()
    elif case == 'locked_update':
        case_locked_update()
    elif case == 'array_lost_update':
        case_array_lost_update()
    else:
        sys.exit(f"unknown case {case!r}")
