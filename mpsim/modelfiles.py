"""Which files are the model's own: the ones under its directory, but not a library installed
there (a virtual environment's ``site-packages`` inside the project)."""
from __future__ import annotations

import os


def is_model_file(filename: str, model_dir: str) -> bool:
    if not filename.startswith(model_dir.rstrip(os.sep) + os.sep):
        return False
    parts = filename[len(model_dir):].split(os.sep)
    return "site-packages" not in parts and "dist-packages" not in parts
