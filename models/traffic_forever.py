"""Traffic light without a daemon: the program never ends.

Teaches: what daemon=True was for in traffic.py.  Here the light is an
ordinary (non-daemon) process and main joins it after the cars; the light
loops forever, so main waits forever.

Expected mpsim verdict: never terminates (no deadlock: the light always
has a step to take, and no exception).

Usage: python traffic_forever.py [ncars]      (ncars: number of cars, default 2)
"""
import multiprocessing
import sys
import time

USAGE = "usage: python traffic_forever.py [ncars]   (ncars: positive int, default 2)"


def car(e, car_id):
    print(f"car {car_id} is coming")
    if not e.is_set():
        print(f"car {car_id} is waiting")
        e.wait()

    if e.is_set():
        print(f"car {car_id} pass the cross road")


def traffic_light(e):
    """Switch the light forever: clear() = red, set() = green."""
    while True:
        if e.is_set():
            time.sleep(2)
            print("<<<<<<<<<<<<<<< green to red >>>>>>>>>>>>>>>>>>>")
            e.clear()
        if not e.is_set():
            time.sleep(2)
            print("<<<<<<<<<<<<<<< red to green >>>>>>>>>>>>>>>>>>>")
            e.set()


def parse_args(args):
    if len(args) > 1:
        return None
    if not args:
        return 2
    try:
        ncars = int(args[0])
    except ValueError:
        return None
    return ncars if ncars >= 1 else None


if __name__ == "__main__":
    ncars = parse_args(sys.argv[1:])
    if ncars is None:
        print(USAGE, file=sys.stderr)
        sys.exit(2)

    event = multiprocessing.Event()
    event.clear()  # start with a red light
    cars = [multiprocessing.Process(target=car, args=(event, car_id), name=f"car-{car_id}")
            for car_id in range(ncars)]
    lights = multiprocessing.Process(target=traffic_light, args=(event,), name="light")
    # no "lights.daemon = True" this time
    lights.start()
    for each in cars:
        each.start()
        time.sleep(1)  # one car per second

    for each in cars:
        each.join()
    lights.join()  # the light never stops, so this never returns
