"""Traffic light with an Event (the tutorial's example).

Teaches: multiprocessing.Event as a signal between processes, and daemon
processes.  The light process toggles the event forever (red = clear,
green = set); each car waits for green and then crosses.  The light is a
daemon, so when main has joined all the cars and exits, the light is
terminated with it.

Time: a car starts every second and the light switches every 2 s, so car 4
arrives just as the light turns red (at 4 s): it can see green, and then red
when it looks again.

Expected mpsim verdict: no deadlock, no exception; the program terminates
(the daemon light is killed at exit).  Information: car 4 (and car 8) may
leave without printing "pass", and car 2 (and 6) may pass without waiting.

Usage: python traffic.py [ncars]      (ncars: number of cars, default 10)
"""
import multiprocessing
import sys
import time

USAGE = "usage: python traffic.py [ncars]   (ncars: positive int, default 10)"


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
        return 10
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
    lights.daemon = True  # the light dies with main once all cars have gone
    lights.start()
    for each in cars:
        each.start()
        time.sleep(1)  # one car per second

    for each in cars:
        each.join()
    # main ends here; the daemon light is terminated at exit
