"""The model program as the controller sees it: its files, for checking, naming and showing.

The controller never runs the model's code (its processes do, ``mpsim/engines/sim``); it reads the
main file once to report a syntax error in the user's terms before anything starts, and reads the
model's other files when a trace or a report shows their lines.
"""
from __future__ import annotations

import os
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
    """Read and compile one model file; errors name it as the user typed it."""
    if os.path.isdir(path):
        raise ModelError(f"{shown}: is a directory, not a Python file")
    try:
        with open(path, encoding="utf-8") as f:
            source = f.read()
    except FileNotFoundError:
        raise ModelError(f"{shown}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(f"{shown}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        compile(source, path, "exec")
    except SyntaxError as exc:
        raise ModelError(f"{shown}:{exc.lineno}: syntax error: {exc.msg}") from None
    except ValueError as exc:  # null bytes
        raise ModelError(f"{shown}: cannot compile ({exc})") from None
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
