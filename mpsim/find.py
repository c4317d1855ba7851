"""Can this happen?  The shortest run whose output contains a text (``mpsim check --find``).

Over the explored graph of the timed search: breadth-first from the initial state to the first
move on which a process prints a line containing the text, then on by the shortest way to an end
of the program.  None found over a complete search proves that no run prints it; over a search cut
short it proves nothing, and says so.  A line is matched on its own (the text is looked for in
each line a process printed, not across lines).
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from .explore import printed_lines
from .findings import schedule_of, step_json
from .races import to_end
from .session import named_as_searched
from .trace import follow, readable, walk_back


@dataclass
class Answer:
    text: str
    found: bool
    complete: bool  # the search was complete (so "not found" is a proof)
    schedule: str | None = None
    process: str | None = None  # who prints it
    line: str | None = None  # the line that contains it
    steps: list = field(default_factory=list)  # TraceStep: the run, to an end of the program
    printed_at: int | None = None  # the number of the step that prints it (1-based)

    def to_json(self) -> dict:
        return {"text": self.text, "found": self.found, "complete": self.complete,
                "schedule": self.schedule, "process": self.process, "line": self.line,
                "printed_at": self.printed_at, "steps": [step_json(s) for s in self.steps]}


@named_as_searched
def find(search, text: str) -> Answer:
    rules, session = search.rules, search.session
    hit = _first(search, text)
    if hit is None:
        return Answer(text, False, search.complete)
    choices, ident, line = hit
    end = search.index.get(follow(rules, choices)[1])
    at = len(choices) + 1
    choices = choices + (to_end(search, search.worlds[end]) if end is not None else [])
    steps = follow(rules, choices)[0]
    return Answer(text, True, search.complete, schedule_of(search, choices),
                  session.name(ident), line, readable(session, steps), at)


def _first(search, text):
    """(choices up to the printing move, the process, the line) of the shallowest such move."""
    for ident, line in printed_lines(search.first):
        if text in line:
            return [], ident, line
    succ = search.successors()
    back = {0: None}
    queue = deque([0])
    edges = {}
    for k, (s, t, ident, alt) in enumerate(search.edges):
        edges.setdefault((s, t, ident, alt), k)
    while queue:
        s = queue.popleft()
        for t, ident, alt in succ[s]:
            for who, line in search.printed.get(edges[(s, t, ident, alt)], ()):
                if text in line:
                    return walk_back(back, s) + [(ident, alt)], who, line
            if t not in back:
                back[t] = (s, (ident, alt))
                queue.append(t)
    return None
