"""Configuration stored as a function attribute (resize.quality) before starting a worker.

What it does: the main block sets `resize.quality = 85`, then runs resize() in a worker
process for two images.

Real CPython: fork - the attribute is copied with the function: two "resized" lines, exit code 0.
spawn - the re-imported function has no attribute: AttributeError: 'function' object has no
attribute 'quality', exit code 1.

mpsim claim tested: function objects and their attributes are per process.
"""
# family: per-process interpreter state
import multiprocessing


def resize(images):
    for name in images:
        print(f"resized {name} at quality {resize.quality}")


if __name__ == "__main__":
    resize.quality = 85
    p = multiprocessing.Process(target=resize, args=(["cat.png", "dog.png"],))
    p.start()
    p.join()
    print(f"exit code {p.exitcode}")
