"""Render STATUS.md from the results of a corpus run.

    HOSTILE_RESULTS=/tmp/hostile.jsonl python -m pytest -m hostile tests/hostile
    python tests/hostile/status.py /tmp/hostile.jsonl > tests/hostile/STATUS.md

Each failing program gets one line: what mpsim did (hang, crash, traceback in which module, wrong
exit code, no JSON, false finding...).  The causes are also grouped, most common first.
"""
from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

ORDER = ["hang", "mpsim killed", "traceback", "wrong outcome", "time limit overrun",
         "stdout is not", "model code ran outside", "no JSON", "schema", "left", "processes",
         "exit code"]

FAMILIES = {"m": "malformed input", "v": "process-level violence", "i": "interpreter abuse",
            "s": "control flow that swallows", "n": "never reaching an operation",
            "u": "unsupported APIs", "h": "huge or odd values", "o": "odd but legal"}


def rank(problem: str) -> int:
    for i, prefix in enumerate(ORDER):
        if problem.startswith(prefix):
            return i
    return len(ORDER)


def cause(problem: str, expects) -> str:
    """A short family for the grouped summary."""
    if problem.startswith("hang"):
        return "hang (killed after 40 s)"
    if problem.startswith("mpsim killed by"):
        return problem
    if problem.startswith("traceback in"):
        module = problem.split()[2].rstrip(":").rsplit(":", 1)[0]
        return f"internal traceback in {module}"
    if problem.startswith("time limit overrun"):
        return "--time-limit overrun (more than 1 s late, start-up included)"
    if problem.startswith("model code ran outside"):
        return "model code (__del__, atexit) ran in mpsim's own interpreter ('Exception ignored' on its stderr)"
    if problem.startswith("no JSON"):
        return "no JSON on stdout"
    if problem.startswith("stdout is not"):
        return "stdout is not exactly one JSON object (model output mixed in)"
    if problem.startswith("left"):
        return "left something behind"
    if problem.startswith("processes"):
        return "left processes running"
    if problem.startswith("wrong outcome"):
        got = re.match(r"wrong outcome: exit (-?\d+)", problem)
        code = int(got.group(1)) if got else None
        exits = {int(e.split()[1]) for e in expects}
        kinds = {e.split()[2] for e in expects}
        if code == 1 and 1 in exits:
            return "false finding (instead of the expected one)"
        if code == 1 and "not-modelled" in kinds:
            return "false finding where the API is not modelled (blamed on the program)"
        if code == 1:
            return "false finding"
        if code == 0:
            return "false clean verdict"
        if code == 2 and 2 in exits:
            return "exit 2, but naming another API or line than expected"
        if code == 2:
            return "exit 2 (error / not modelled) for a program it should check"
        if code == 3:
            return "gave up at the time limit (exit 3) where an answer was expected"
        return "wrong outcome"
    return problem.split(":")[0]


def main(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            rows[r["name"]] = r  # the last run of a program wins
    rows = [rows[k] for k in sorted(rows)]
    failed = [r for r in rows if r["problems"]]
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    groups = defaultdict(list)
    for r in failed:
        expects = r["expects"]
        for c in dict.fromkeys(cause(p, expects) for p in r["problems"]):
            groups[c].append(r["name"])

    out = []
    out.append("# The hostile corpus against today's mpsim\n")
    out.append(f"{len(rows)} programs: **{len(rows) - len(failed)} pass, {len(failed)} fail** "
               f"(mpsim at {commit}, Python {platform.python_version()}, "
               "`mpsim check --json --time-limit 20`, hard timeout 40 s).\n")
    out.append("Regenerate: `HOSTILE_RESULTS=/tmp/h.jsonl .venv/bin/python -m pytest -m hostile "
               "tests/hostile` (two shards side by side: `HOSTILE_SHARD=0/2` and `1/2`), then "
               "`python tests/hostile/status.py /tmp/h.jsonl > tests/hostile/STATUS.md`. "
               "What each program does and what a good checker answers is in its docstring.\n")
    out.append("| family | programs | pass | fail |\n|---|--:|--:|--:|")
    for prefix, family in FAMILIES.items():
        members = [r for r in rows if r["name"].startswith(prefix + "_")]
        bad = sum(1 for r in members if r["problems"])
        out.append(f"| `{prefix}_*` {family} | {len(members)} | {len(members) - bad} | {bad} |")
    out.append("")
    schema = os.path.join(ROOT, "mpsim", "schema", "mpsim-report-2.schema.json")
    out.append("Notes:\n")
    out.append("- " + ("stdout was validated against `mpsim/schema/mpsim-report-2.schema.json`."
                       if os.path.exists(schema) else
                       "`mpsim/schema/mpsim-report-2.schema.json` did not exist yet, so stdout was "
                       "only checked to be one JSON object; the outcome of an exit-2 run without "
                       "JSON is judged from mpsim's `mpsim: ...` line on stderr."))
    out.append("- The time limit is measured on the whole run, start-up included: mpsim counts its "
               "time limit from the process's start, and the command ends without freeing the "
               "search's objects one by one, so a run stopped at its limit ends within about half "
               "a second of it.")
    slow = [r["name"] for r in failed
            if r["name"] in ("i_recursion_between_ops", "i_huge_memory", "i_gc_disable")]
    if slow:
        out.append(f"- {', '.join(slow)}: the engine's speed, not its robustness. A process's "
                   "fingerprint is taken whole at every operation, so 1,000 nested frames with an "
                   "operation at each level (i_recursion_between_ops: 105 s without a time limit "
                   "on this machine at f1d452f) or 200 MB of live bytearrays (i_huge_memory) take "
                   "long; and since the start methods are searched by default, the 20 s are "
                   "shared by fork, spawn and forkserver (6.7 s each).")
    out.append("")
    out.append("## Failures by cause\n")
    out.append("A program can fail for several causes; it is counted under each.\n")
    out.append("| cause | programs |\n|---|---|")
    for c, names in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        out.append(f"| {c} ({len(names)}) | {', '.join(names)} |")
    out.append("\n## Every program\n")
    out.append("| program | expected | result | what mpsim did |\n|---|---|---|---|")
    for r in rows:
        expected = " or ".join(e.replace("exit ", "") for e in r["expects"])
        if r["problems"]:
            problems = sorted(r["problems"], key=rank)
            reason = "; ".join(problems[:2]) + (f" (+{len(problems) - 2} more)" if len(problems) > 2 else "")
            reason = reason.replace("|", "\\|").replace("\n", " ")
            if len(reason) > 300:
                reason = reason[:297] + "..."
            result = "**fail**"
        else:
            reason, result = "", "pass"
        out.append(f"| `{r['name']}` | {expected} | {result} | {reason} |")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
