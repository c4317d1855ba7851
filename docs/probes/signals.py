"""SIGTERM / SIGKILL delivered to a child: handler, exit code, cleanup, blocked operations.

    python docs/probes/signals.py METHOD HANDLER WHERE [kill]

METHOD  fork | spawn | forkserver
HANDLER what the child installs for SIGTERM before it blocks:
        default (none), ign (SIG_IGN), exit3 (handler calls sys.exit(3)),
        return (handler prints and returns), raise (handler raises RuntimeError('raised in handler'))
WHERE   what the child is doing when the signal arrives:
        sleep (time.sleep(3)), lock (Lock.acquire() on a lock the parent holds),
        queue (Queue.get() on an empty queue), event (Event.wait() on an unset event),
        early (the parent signals right after start(), without waiting for the child to be
        ready; the child would then sleep like 'sleep')
kill    send SIGKILL (Process.kill()) instead of SIGTERM (Process.terminate())

The parent waits until the child has installed its handler, lets it block for 0.3 s (except for
WHERE=early), signals it, joins for 1 s and prints the exit code; if the child is still alive it
then releases the lock, puts an item, sets the event, joins for 5 s more, and kills it as a last
resort.
"""
import atexit
import signal
import sys
import time

import multiprocessing as mp


def say(msg):
    print(msg, flush=True)


def child(handler, where, ready, lock, q, ev):
    if handler == "ign":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    elif handler != "default":
        def on_term(signum, frame):
            say(f"child: handler ran (signal {signum})")
            if handler == "exit3":
                sys.exit(3)
            if handler == "raise":
                raise RuntimeError("raised in handler")
        signal.signal(signal.SIGTERM, on_term)
    atexit.register(say, "child: atexit handler ran")
    ready.set()
    t0 = time.monotonic()
    try:
        if where in ("sleep", "early"):
            result = time.sleep(3)
        elif where == "lock":
            result = lock.acquire()
        elif where == "queue":
            result = q.get()
        elif where == "event":
            result = ev.wait()
        say(f"child: {where} returned {result!r} after {time.monotonic() - t0:.1f} s")
    except BaseException as e:
        say(f"child: {where} raised {type(e).__name__}: {e}")
        raise
    finally:
        say("child: finally block ran")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)  # usage
    method, handler, where = sys.argv[1:4]
    use_kill = sys.argv[4:] == ["kill"]
    mp.set_start_method(method)
    ready, ev, lock, q = mp.Event(), mp.Event(), mp.Lock(), mp.Queue()
    lock.acquire()
    p = mp.Process(target=child, args=(handler, where, ready, lock, q, ev), name="child")
    p.start()
    if where != "early":
        ready.wait()
        time.sleep(0.3)
    p.kill() if use_kill else p.terminate()
    p.join(1.0)
    say(f"parent: 1 s after {'kill' if use_kill else 'terminate'}(): exitcode {p.exitcode}")
    if p.exitcode is None:
        lock.release()
        q.put("item")
        ev.set()
        p.join(5.0)
        say(f"parent: after releasing lock/queue/event: exitcode {p.exitcode}")
        if p.exitcode is None:
            p.kill()
            p.join()
            say(f"parent: after kill(): exitcode {p.exitcode}")
