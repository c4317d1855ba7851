"""A model with a syntax error on line 5 -> exit 2."""
import multiprocessing

if __name__ == "__main__":
    p = multiprocessing.Process(target=print, args=(1,)
    p.start()
