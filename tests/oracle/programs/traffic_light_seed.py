"""The seed tutorial's traffic light (section "Event 事件锁" of
/work/shared/seed/multiprocessing-article.md), copied verbatim: ten cars and a daemon light that
toggles an Event every 2 s; cars start one per second.

Real CPython: exit 0 in every run (about 10 s, recorded with --timeout 30): cars 0, 1, 2, 5, 6
and 9 print "is waiting" in every run, and all ten print "pass the cross road". The light's own
lines never appear: it prints without flush into a pipe, and as a daemon it is terminated at exit
with its buffer unwritten. Only the order of the cars' lines varies (each car's lines come out
together when it exits). A car could in principle miss "pass" if the light turned red between
its wait() and is_set(); not seen in 40 runs.

mpsim claim tested: no finding (the light is a daemon, the cars finish); the "outcomes" show the
cars' possible output.
"""
# family: time
# oracle: --timeout 30
import multiprocessing
import time

def car(e, car_id):
    print(f'car {car_id} is coming ')
    if not e.is_set():
        print(f'car {car_id} is waiting')
        e.wait()

    if e.is_set():
        print(f'car {car_id} pass the cross road')


def traffic_light(e):
    """
    红绿灯切换的时候，e.clear 和 e.set 是成队出现的。
    因为红绿本省就是相互同步的一个操作
    """
    while True: # 每5秒切换一次红绿灯
        if e.is_set():
            time.sleep(2)
            print('<<<<<<<<<<<<<<< green to red >>>>>>>>>>>>>>>>>>>')
            e.clear()
        if not e.is_set():
            time.sleep(2)
            print('<<<<<<<<<<<<<<< red to green >>>>>>>>>>>>>>>>>>>')
            e.set()


if __name__ == '__main__':
    event = multiprocessing.Event()
    event.clear()  # 默认设置红灯
    cars = [multiprocessing.Process(target=car, args=(event,car_id)) for car_id in range(10)]
    lights = multiprocessing.Process(target=traffic_light, args=(event,))
    lights.daemon = True  # 设置完这一步，可以在小汽车都开走后，结束整个程序。
    lights.start()
    for each in cars:
        each.start()
        time.sleep(1) # 间隔一秒钟发车

    for each in cars:
        each.join()
    # 当 each.join 执行完毕，此时 traffic_light 还在后台运行
    # 但是由于没有添加 traffic_light.join() 所以此时 mian 结束，带着守护进程 traffic_light一起结束
