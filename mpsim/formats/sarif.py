"""SARIF 2.1.0 from a JSON report (``mpsim check --sarif FILE``), for code-scanning tools.

One run of the tool ``mpsim`` for all the models checked; one rule per kind of finding
(``deadlock``, ``exception``, ``exit``, ``nontermination``, and any later kind); one result per finding:
``ruleId`` its kind, ``message`` its title, explanation and replay command, ``locations`` the
model's source lines its trace passes through (the last step's line first: where the problem
shows), and a ``codeFlow`` with the whole trace, step by step.  A model that could not be checked,
or whose search was cut short, is a notification of the invocation.
"""
from __future__ import annotations

import json
import os
from urllib.parse import quote

from . import methods_label, model_label, replay_of, reports

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://example.invalid/mpsim"

RULES = {
    "deadlock": ("Deadlock", "Unfinished processes that can never move again.",
                 "In some interleaving every unfinished process waits for something that no "
                 "process will ever do: the program hangs."),
    "exception": ("UncaughtException", "An uncaught exception in a process.",
                  "In some interleaving a process dies of an uncaught exception: misuse of a "
                  "multiprocessing primitive, or a failed assert in the program (a lost update)."),
    "exit": ("FailureExit", "The main program exits with a non-zero status.",
             "In some interleaving the program itself reports a failure: it ends with a "
             "non-zero exit status (sys.exit(1)) without an uncaught exception."),
    "nontermination": ("Nontermination", "A reachable state from which the program never ends.",
                       "From some reachable state no run can end: the processes that can move keep "
                       "looping and the others wait."),
}


def _version():
    try:
        from importlib.metadata import version
        return version("mpsim")
    except Exception:  # not installed (a source tree on sys.path)
        return None


def _uri(path: str) -> dict:
    """An artifactLocation: relative paths stay relative to the directory mpsim ran in."""
    if os.path.isabs(path):
        return {"uri": "file://" + quote(path.replace(os.sep, "/"))}
    return {"uri": quote(path.replace(os.sep, "/")), "uriBaseId": "%SRCROOT%"}


def _location(where: str, message: str | None = None) -> dict | None:
    path, _, line = where.rpartition(":")
    if not path or not line.isdigit() or int(line) < 1:
        return None
    loc = {"physicalLocation": {"artifactLocation": _uri(path), "region": {"startLine": int(line)}}}
    if message:
        loc["message"] = {"text": message}
    return loc


def _result(report: dict, v: dict, rule_index: int) -> dict:
    replay = replay_of(report, v)
    label = methods_label(report, v)
    seen, locations = set(), []
    for step in reversed(v["steps"]):
        if step["location"] and step["location"] not in seen:
            seen.add(step["location"])
            loc = _location(step["location"])
            if loc:
                locations.append(loc)
    flow = []
    for n, step in enumerate(v["steps"], 1):
        text = f"{n}. {step['process']}: {step['op']} → {step['result']}"
        loc = _location(step["location"], text) if step["location"] else None
        flow.append({"location": loc or {"message": {"text": text}}, "executionOrder": n})
    result = {
        "ruleId": v["kind"],
        "ruleIndex": rule_index,
        "level": "error",
        "message": {"text": f"{v['title']}\n" + (f"start methods: {label}\n" if label else "")
                    + f"{v['explanation']}\nreplay: {replay}"},
        "locations": locations,
        "codeFlows": [{"threadFlows": [{"locations": flow}]}],
        "partialFingerprints": {"mpsimFinding/v1": f"{report['model']}|{v['kind']}|{v['title']}"},
        "properties": {"model": report["model"], "argv": report.get("argv") or [],
                       "process": v["process"], "error": v["error"], "schedule": v["schedule"],
                       "replay": replay, "startMethods": v.get("start_methods") or []},
    }
    if not locations:
        del result["locations"]
    return result


def _rule(kind: str) -> dict:
    name, short, full = RULES.get(kind, (kind.title().replace("_", ""), f"A {kind} finding.",
                                         f"mpsim found a {kind}."))
    return {"id": kind, "name": name, "shortDescription": {"text": short},
            "fullDescription": {"text": full}, "defaultConfiguration": {"level": "error"},
            "helpUri": INFORMATION_URI}


def sarif_log(data: dict, srcroot: str | None = None) -> dict:
    """The SARIF log (a dict, ready for json.dump) for a JSON report of one or several models.
    ``srcroot``: the directory the models' relative paths start from (where mpsim ran)."""
    kinds, results, notifications = [], [], []
    for report in reports(data):
        if "error" in report:
            err = report["error"]
            note = {"level": "error", "message": {"text": f"{model_label(report)}: {err['message']}"},
                    "descriptor": {"id": err["kind"]}}
            loc = _location(err["line"]) if err.get("line") else None
            if loc:
                note["locations"] = [loc]
            notifications.append(note)
            continue
        if not report["complete"]:
            notifications.append({"level": "warning", "descriptor": {"id": "incomplete"},
                                  "message": {"text": f"{model_label(report)}: the search was cut "
                                                      f"short ({report['stop_reason']}): findings "
                                                      "beyond it may exist"}})
        for v in report["violations"]:
            if v["kind"] not in kinds:
                kinds.append(v["kind"])
            results.append(_result(report, v, kinds.index(v["kind"])))
    driver = {"name": "mpsim", "informationUri": INFORMATION_URI,
              "rules": [_rule(k) for k in kinds]}
    version = _version()
    if version:
        driver["version"] = version
    run = {"tool": {"driver": driver},
           "invocations": [{"executionSuccessful": not any("error" in r for r in reports(data)),
                            "toolExecutionNotifications": notifications}],
           "results": results,
           "columnKind": "unicodeCodePoints"}
    if srcroot:
        root = os.path.abspath(srcroot).replace(os.sep, "/").rstrip("/") + "/"
        run["originalUriBaseIds"] = {"%SRCROOT%": {"uri": "file://" + quote(root)}}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def write(data: dict, path: str, srcroot: str | None = None) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(sarif_log(data, srcroot), f, indent=1, ensure_ascii=False)
        f.write("\n")
