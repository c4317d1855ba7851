"""How a running check shows its progress on stderr.

On a terminal: one live line drawn with ``rich`` (states, states per second, depth, frontier,
elapsed time), redrawn on each report and erased when the check ends, so the report starts on a
clean screen.  Elsewhere (a pipe, a CI log): the plain line ``mpsim: 1,234 states, ...`` once a
second, as before; with ``--json`` nothing, so stderr stays empty for the program reading stdout.

The engine reports about once a second, the first time after two seconds: a short check shows
nothing at all.  Nothing here runs in a thread of its own - the display is drawn only from the
engine's callback - so it cannot disturb the simulation.
"""
from __future__ import annotations

import os
from contextlib import contextmanager


def is_terminal(stream) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


class LiveDisplay:
    """The one-line ``rich`` display of a check: call ``update(progress)`` with each
    ``mpsim.api.Progress``; ``close()`` erases it."""

    def __init__(self, stream, label, console=None):
        from rich.console import Console
        from rich.live import Live
        self.label = label
        self.console = console or Console(file=stream, highlight=False)
        self.live = Live(console=self.console, auto_refresh=False, transient=True,
                         redirect_stdout=False, redirect_stderr=False)
        self.started = False
        self.previous = None  # the last Progress, for the rate
        self.frame = 0

    def render(self, p):
        from rich.text import Text
        rate = self.rate(p)
        spinner = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"[self.frame % 10]
        text = Text()
        text.append(f"{spinner} mpsim check ", style="bold")
        text.append(self.label, style="cyan")
        fields = ((f"{p.states:,}", " states"), (f"{rate:,.0f}", " states/s"),
                  ("depth ", f"{p.depth:,}"), ("frontier ", f"{p.frontier:,}"))
        for first, second in fields:
            text.append(" · ", style="dim")
            number_first = first[0].isdigit()
            text.append(first, style="bold" if number_first else "dim")
            text.append(second, style="dim" if number_first else "bold")
        text.append(f" · {p.elapsed_s:.1f} s", style="dim")
        return text

    def rate(self, p) -> float:
        before = self.previous
        if before is not None and p.elapsed_s > before.elapsed_s:
            return (p.states - before.states) / (p.elapsed_s - before.elapsed_s)
        return p.states / p.elapsed_s if p.elapsed_s > 0 else 0.0

    def update(self, p):
        if not self.started:
            self.live.start(refresh=False)
            self.started = True
        self.live.update(self.render(p), refresh=True)
        self.previous = p
        self.frame += 1

    def close(self):
        if self.started:
            self.live.stop()
            self.started = False


@contextmanager
def shown(stream, label, *, quiet=False):
    """Keyword arguments for ``mpsim.api.check`` that show its progress on ``stream``: a live
    display on a terminal, plain lines elsewhere, nothing elsewhere if ``quiet`` (``--json``)."""
    if is_terminal(stream):
        display = LiveDisplay(stream, label)
        try:
            yield {"on_progress": display.update}
        finally:
            display.close()
    elif quiet:
        yield {}
    else:
        yield {"progress": lambda line: print(line, file=stream, flush=True)}
