"""A pool task raises an exception that pickles but does not unpickle.

QuotaExceeded(user, limit) passes one message to Exception.__init__, so unpickling calls
QuotaExceeded(message) - one argument short.  The worker pickles it fine; the parent's
result-handler thread dies unpickling it, and map() waits for ever (CPython 3.11: a hang).
"""
import multiprocessing


class QuotaExceeded(Exception):
    def __init__(self, user, limit):
        super().__init__(f"{user} is over {limit} jobs")


def submit(user):
    if user == "bob":
        raise QuotaExceeded(user, 3)
    return user.upper()


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(submit, ["ann", "bob"]))
