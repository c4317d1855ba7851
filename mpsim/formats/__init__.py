"""Other forms of a check's report, each made from the JSON report alone (``Result.to_json()`` as
the ``mpsim`` command completes it, or the command's several-models object), so they do not
depend on the engine: ``junit`` (JUnit XML) and ``sarif`` (SARIF 2.1.0).  ``SCHEMA_FILE`` is the
JSON Schema of every JSON object the command prints."""
from __future__ import annotations

from ..report import json_methods_label, replay_command
from ..schema import SCHEMA_FILE, load_schema  # noqa: F401  (mpsim.formats.SCHEMA_FILE)


def reports(data: dict) -> list:
    """The per-model objects in a report: its ``reports`` list, or the report itself."""
    return list(data["reports"]) if "reports" in data else [data]


def model_label(report: dict) -> str:
    """The model and its arguments, as a reader would type them after ``mpsim check``."""
    model = report.get("model") or "(no model)"
    argv = report.get("argv") or []
    return model + (" -- " + " ".join(argv) if argv else "")


def replay_of(report: dict, violation: dict) -> str:
    """The command that replays a violation (the one the command put in it, or made anew)."""
    return violation.get("replay") or replay_command(report["model"], report.get("argv") or [],
                                                     violation["schedule"])


def methods_label(report: dict, violation: dict) -> str | None:
    """Which start methods a violation needs, in words (None: every one searched)."""
    return json_methods_label(report, violation.get("start_methods") or [],
                              violation.get("start_method"))


def verdict(report: dict) -> str:
    """error, findings, incomplete or clean."""
    if "error" in report:
        return "error"
    if report["violations"]:
        return "findings"
    return "clean" if report["complete"] else "incomplete"
