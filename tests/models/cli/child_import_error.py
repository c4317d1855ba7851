"""The module's top level raises in a spawned child (__name__ == "__mp_main__") -> an exception
finding for the child, not a crash of mpsim."""
import multiprocessing

if __name__ == "__mp_main__":
    raise RuntimeError("cannot import in the child")


def work():
    print("never runs")


if __name__ == "__main__":
    p = multiprocessing.Process(target=work, name="child")
    p.start()
    p.join()
    print("child exit code", p.exitcode)
