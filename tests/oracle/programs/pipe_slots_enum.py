"""A class with __slots__ and an Enum member sent both ways over a Pipe.

What it does: the parent sends two Point objects (a __slots__ class) with a Color enum over a
duplex Pipe; the child moves each point and sends it back; the parent prints them.

Real CPython: prints "Point(2, 3, Color.RED)" and "Point(11, 1, Color.BLUE)", exit 0 under fork
and spawn.

mpsim claim tested: pickling of __slots__ instances and Enum members of the program's own module
through a Connection (Enum identity: `is Color.RED` holds after the round trip).
"""
# family: per-process interpreter state
import enum
import multiprocessing


class Color(enum.Enum):
    RED = 1
    BLUE = 2


class Point:
    __slots__ = ("x", "y", "color")

    def __init__(self, x, y, color):
        self.x, self.y, self.color = x, y, color

    def __repr__(self):
        return f"Point({self.x}, {self.y}, {self.color})"


def mover(conn):
    for _ in range(2):
        p = conn.recv()
        p.x += 1
        p.y += 1
        conn.send(p)
    conn.close()


if __name__ == "__main__":
    here, there = multiprocessing.Pipe()
    child = multiprocessing.Process(target=mover, args=(there,))
    child.start()
    for point in (Point(1, 2, Color.RED), Point(10, 0, Color.BLUE)):
        here.send(point)
        moved = here.recv()
        print(moved, "same colour object:", moved.color is point.color)
    child.join()
