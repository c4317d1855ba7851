"""Never reaching an operation: a child calls input().

A child's stdin is /dev/null, so input() raises "EOFError: EOF when reading a line" and the child
dies with exit code 1; main finishes.  A good checker: an exception finding (EOFError) for the
child - it must not wait for its own stdin (the test gives it a pipe that stays open and empty).

expect: exit 1 exception EOFError
"""
import multiprocessing


def asker():
    answer = input("your name? ")
    print("hello", answer)


if __name__ == "__main__":
    p = multiprocessing.Process(target=asker, name="asker")
    p.start()
    p.join()
    print("child exit code", p.exitcode)
