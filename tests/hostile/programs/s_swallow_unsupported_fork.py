"""Control flow that swallows: a bare `except:` in a child around os.fork().

Plain python forks (the grandchild leaves at once with os._exit(0)).  A good checker still says
"not modelled" naming os.fork (exit 2), even though the child swallows whatever is raised.

expect: exit 2 not-modelled os.fork
"""
import multiprocessing
import os


def work(lock):
    try:
        pid = os.fork()  # expect-line
        if pid == 0:
            os._exit(0)
        os.waitpid(pid, 0)
    except:  # noqa: E722 - the point of this program
        pass
    with lock:
        print("child carries on")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    p.join()
