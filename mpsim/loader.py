"""The model program as the controller sees it: its files, for checking, naming and showing.

The controller never runs the model's code (its processes do, ``mpsim/engines/sim``); it reads the
main file once to report a syntax error in the user's terms before anything starts, and reads the
model's other files when a trace or a report shows their lines.
"""
from __future__ import annotations

import os
import tokenize
from dataclasses import dataclass

from .errors import ModelError
from .modelfiles import is_model_file


@dataclass
class SourceFile:
    path: str
    source: str

    def line(self, n: int) -> str:
        lines = self.source.splitlines()
        return lines[n - 1].strip() if 0 < n <= len(lines) else ""


def read_source(path: str, shown: str) -> SourceFile:
    """Read and compile one model file as CPython does (its bytes: a BOM or an encoding
    declaration decides how they read); errors name it as the user typed it."""
    if os.path.isdir(path):
        raise ModelError(f"{shown}: is a directory, not a Python file")
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise ModelError(f"{shown}: no such file") from None
    except OSError as exc:
        raise ModelError(f"{shown}: cannot read ({exc.strerror or exc})") from None
    try:
        compile(data, path, "exec")
    except SyntaxError as exc:  # a bad encoding declaration or undecodable bytes too
        where = f":{exc.lineno}" if exc.lineno else ""
        raise ModelError(f"{shown}{where}: syntax error: {exc.msg}") from None
    except ValueError as exc:  # null bytes
        raise ModelError(f"{shown}: cannot compile ({exc})") from None
    except (RecursionError, MemoryError) as exc:  # an expression too deep for the compiler
        raise ModelError(f"{shown}: cannot compile ({type(exc).__name__}: {exc})") from None
    with tokenize.open(path) as f:
        source = f.read()
    return SourceFile(path, source)


class Model:
    """The model program: its main file and the files beside it that its processes use."""

    def __init__(self, path: str, argv=()):
        self.path = os.path.abspath(path)
        self.display_path = path
        self.argv = list(argv)
        self.directory = os.path.dirname(self.path)
        self.files = {self.path: read_source(self.path, path)}

    def is_model_file(self, filename: str) -> bool:
        return is_model_file(filename, self.directory)

    def note(self, filename: str):
        """Remember a model file an operation happened in (for reports that show sources)."""
        if filename not in self.files and self.is_model_file(filename) and os.path.isfile(filename):
            try:
                self.files[filename] = read_source(filename, self.shown(filename))
            except ModelError:
                pass

    def shown(self, filename: str) -> str:
        """A path the user recognises: relative to the model's own folder as they typed it."""
        if filename == self.path:
            return self.display_path
        if not self.is_model_file(filename):
            return filename
        return os.path.join(os.path.dirname(self.display_path), os.path.relpath(filename, self.directory))
