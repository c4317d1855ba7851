"""A target defined under the main guard: a spawned child re-runs the module as __mp_main__,
where that function was never defined.  Usage: python guarded_target.py"""
import multiprocessing

if __name__ == "__main__":
    def f():
        print("f ran")

    p = multiprocessing.Process(target=f)
    p.start()
    p.join()
    print("exitcode", p.exitcode)
