"""multiprocessing.Process (docs/semantics.md §13).  Usage: python process.py CASE"""
import multiprocessing
import re
import sys


def nothing():
    pass


def fail():
    raise ValueError("bad")


def exit_with(code):
    sys.exit(code)


def wait_for(event):
    event.wait()


def start_grandchild():
    multiprocessing.Process(target=nothing).start()


def append_to(items, lock):
    items.append("child")
    lock.release()


def poke_sibling(sibling):
    for use in (sibling.join, sibling.is_alive, sibling.start):
        try:
            use()
        except AssertionError as e:
            print("sibling:", e)


def case_sibling():
    multiprocessing.set_start_method("fork")
    event = multiprocessing.Event()
    first = multiprocessing.Process(target=wait_for, args=(event,), name="first")
    first.start()
    second = multiprocessing.Process(target=poke_sibling, args=(first,), name="second")
    second.start()
    second.join()
    event.set()
    first.join()


def case_pass_started():
    event = multiprocessing.Event()
    first = multiprocessing.Process(target=wait_for, args=(event,), daemon=True)
    first.start()
    multiprocessing.Process(target=poke_sibling, args=(first,)).start()


def case_before_start():
    p = multiprocessing.Process(target=nothing)
    print("exitcode", p.exitcode, "pid", p.pid, "is_alive", p.is_alive())
    try:
        p.sentinel
    except ValueError as e:
        print("sentinel:", e)
    try:
        p.terminate()
    except AttributeError as e:
        print("terminate:", e)
    p.join()


def case_start_twice():
    p = multiprocessing.Process(target=nothing)
    p.start()
    p.join()
    p.join()  # again after it finished: fine
    print("exitcode", p.exitcode, "is_alive", p.is_alive())
    p.start()


def case_daemon_after_start():
    p = multiprocessing.Process(target=nothing)
    p.start()
    p.daemon = True


def case_daemon_child():
    p = multiprocessing.Process(target=start_grandchild, daemon=True, name="daemonic")
    p.start()
    p.join()
    print("daemonic child exitcode", p.exitcode)


def case_close_running():
    event = multiprocessing.Event()
    p = multiprocessing.Process(target=wait_for, args=(event,))
    p.start()
    try:
        p.close()
    except ValueError as e:
        print("close:", e)
    event.set()
    p.join()
    p.close()
    p.close()  # closing twice is fine
    for use in (p.join, p.is_alive, p.terminate, p.start, lambda: p.exitcode):
        try:
            use()
        except ValueError as e:
            print("after close:", e)


def case_group():
    multiprocessing.Process(group="x", target=nothing)


def case_join_timeout():
    event = multiprocessing.Event()
    p = multiprocessing.Process(target=wait_for, args=(event,))
    p.start()
    print("join(0.1) returned", p.join(0.1), "exitcode", p.exitcode, "is_alive", p.is_alive())
    event.set()
    p.join()
    print("then exitcode", p.exitcode)


def case_exit_codes():
    children = [multiprocessing.Process(target=nothing, name="returns"),
                multiprocessing.Process(target=fail, name="raises"),
                multiprocessing.Process(target=exit_with, args=(3,), name="exit-3"),
                multiprocessing.Process(target=exit_with, args=("text",), name="exit-text"),
                multiprocessing.Process(target=exit_with, args=(None,), name="exit-none")]
    for p in children:
        p.start()
        p.join()
        print(p.name, p.exitcode)


def case_terminate():
    event = multiprocessing.Event()
    p = multiprocessing.Process(target=wait_for, args=(event,))
    p.start()
    p.terminate()
    p.join()
    print("terminated: exitcode", p.exitcode)
    k = multiprocessing.Process(target=wait_for, args=(event,))
    k.start()
    k.kill()
    k.join()
    print("killed: exitcode", k.exitcode)
    print(re.sub(r" pid=\d+ parent=\d+", "", repr(p)))


def case_copies():
    items = ["main"]
    lock = multiprocessing.Lock()
    lock.acquire()
    p = multiprocessing.Process(target=append_to, args=(items, lock))
    p.start()
    p.join()
    print("list in main:", items, "lock free again:", lock.acquire(False))


def case_daemon_terminated_at_exit():
    event = multiprocessing.Event()
    multiprocessing.Process(target=wait_for, args=(event,), daemon=True, name="daemon").start()


def case_exit_waits_for_children():
    event = multiprocessing.Event()
    multiprocessing.Process(target=wait_for, args=(event,), name="child").start()


if __name__ == "__main__":
    case = sys.argv[1]
    if case == 'sibling':
        case_sibling()
    elif case == 'pass_started':
        case_pass_started()
    elif case == 'before_start':
        case_before_start()
    elif case == 'start_twice':
        case_start_twice()
    elif case == 'daemon_after_start':
        case_daemon_after_start()
    elif case == 'daemon_child':
        case_daemon_child()
    elif case == 'close_running':
        case_close_running()
    elif case == 'group':
        case_group()
    elif case == 'join_timeout':
        case_join_timeout()
    elif case == 'exit_codes':
        case_exit_codes()
    elif case == 'terminate':
        case_terminate()
    elif case == 'copies':
        case_copies()
    elif case == 'daemon_terminated_at_exit':
        case_daemon_terminated_at_exit()
    elif case == 'exit_waits_for_children':
        case_exit_waits_for_children()
    else:
        sys.exit(f"unknown case {case!r}")
