"""Process-level violence: after its child finished, the main process replaces itself with
/bin/true through os.execl (which calls execv inside the os module).

Plain python exits 0 (as `true`).  A good checker says "not modelled" naming os.execl (exit 2):
if the call reached the real os module, mpsim itself would become /bin/true and print nothing.

expect: exit 2 not-modelled os.execl
"""
import multiprocessing
import os


def work(lock):
    with lock:
        print("child done")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    p.join()
    os.execl("/bin/true", "true")  # expect-line
