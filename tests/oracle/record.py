#!/usr/bin/env python3
"""Record what real CPython does with the oracle programs (tests/oracle/programs/*.py).

    python tests/oracle/record.py                      # every program
    python tests/oracle/record.py lambda_target stop_flag_global.py
    python tests/oracle/record.py --list               # programs and their recording options

For each program it runs /work/shared/tools/realruns.py (override with --realruns or
$ORACLE_REALRUNS) under `nice -n 10`:

    realruns.py -n 20 --jitter 0.01 [options] --start-method fork|spawn PROGRAM.py

and, for programs marked --forkserver, once more through tests/oracle/forkserver_main.py:

    realruns.py -n 20 --jitter 0.01 [options] tests/oracle/forkserver_main.py -- PROGRAM.py

It parses realruns' report and writes tests/oracle/outcomes/PROGRAM.json: per start method the
distinct outcomes (exit code or "hang", stdout, the exception lines of stderr) with their counts,
the exact command and the date.

Per-program options are one comment line in the program:

    # oracle: --timeout 3 --mask-numbers --forkserver [-n N] [--forced-by V.py] [--args A B ...]

--timeout (seconds before a run counts as a hang; realruns' default is 10), --mask-numbers
(digits in stdout become '#': pids, times), --forkserver (also record under forkserver), -n
(runs per start method), --forced-by (a variant of the program with sleeps that force a rare
order; the tests accept mpsim findings that the variant's real runs show), --args (the program's
own arguments; must come last).

The environment is pinned so that anyone gets the same kind of run: PYTHONUNBUFFERED is removed
(stdout is a pipe, so Python block-buffers it, as for any program whose output is redirected);
realruns sets PYTHONHASHSEED per run.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PROGRAMS = HERE / "programs"
OUTCOMES = HERE / "outcomes"
FORKSERVER_MAIN = HERE / "forkserver_main.py"
REALRUNS = os.environ.get("ORACLE_REALRUNS", "/work/shared/tools/realruns.py")
JITTER = 0.01
RUNS = 20


def programs() -> list[Path]:
    """The oracle programs: every .py file in programs/ except helper modules (leading '_')."""
    return sorted(p for p in PROGRAMS.glob("*.py") if not p.name.startswith("_"))


def options(path: Path) -> dict:
    """The program's '# oracle:' line, parsed."""
    opts = {"timeout": None, "mask_numbers": False, "forkserver": False, "n": RUNS, "args": []}
    for line in path.read_text().splitlines():
        if line.startswith("# oracle:"):
            words = shlex.split(line[len("# oracle:"):])
            i = 0
            while i < len(words):
                w = words[i]
                if w == "--timeout":
                    opts["timeout"] = float(words[i + 1])
                    i += 1
                elif w == "-n":
                    opts["n"] = int(words[i + 1])
                    i += 1
                elif w == "--mask-numbers":
                    opts["mask_numbers"] = True
                elif w == "--forkserver":
                    opts["forkserver"] = True
                elif w == "--forced-by":  # used by the tests, not for recording
                    i += 1
                elif w == "--args":
                    opts["args"] = words[i + 1:]
                    break
                else:
                    raise SystemExit(f"{path.name}: unknown '# oracle:' option {w!r}")
                i += 1
    return opts


def rel(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def commands(path: Path, opts: dict, realruns: str, only: set | None) -> dict[str, list[str]]:
    """{start method: realruns command line} for one program."""
    common = ["-n", str(opts["n"]), "--jitter", str(JITTER)]
    if opts["timeout"] is not None:
        common += ["--timeout", f"{opts['timeout']:g}"]
    if opts["mask_numbers"]:
        common.append("--mask-numbers")
    py = sys.executable
    cmds = {}
    for method in ("fork", "spawn"):
        # options first: realruns' argparse takes the program's arguments only right after it
        cmds[method] = [py, realruns, *common, "--start-method", method, rel(path),
                        *(["--", *opts["args"]] if opts["args"] else [])]
    if opts["forkserver"]:
        cmds["forkserver"] = [py, realruns, *common, rel(FORKSERVER_MAIN), "--",
                              rel(path), *opts["args"]]
    if only:
        cmds = {m: c for m, c in cmds.items() if m in only}
    return cmds


ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
OUTCOME_LINE = re.compile(r"^-- (\d+) run\(s\), exit (\S+), PYTHONHASHSEED=(\d+)$")


def parse_report(text: str) -> list[dict]:
    """realruns' printed report -> [{count, exit, stdout, exceptions, hash_seed}], most frequent
    first. Memory addresses in exception lines ('at 0x7f3b...') become '0x...', and outcomes that
    then agree are merged (their counts added, the first hash seed kept)."""
    outcomes = []
    for line in text.splitlines():
        m = OUTCOME_LINE.match(line)
        if m:
            code = m.group(2)
            outcomes.append({"count": int(m.group(1)),
                             "exit": "hang" if code == "hang" else int(code),
                             "stdout": [], "exceptions": [], "hash_seed": int(m.group(3))})
        elif line.startswith("   raised: ") and outcomes:
            outcomes[-1]["exceptions"].append(line[len("   raised: "):])
        elif line.startswith("   | ") and outcomes:
            outcomes[-1]["stdout"].append(line[len("   | "):])
        elif line.startswith("== ") or not line.strip():
            continue
        else:
            raise ValueError(f"unexpected line in realruns' report: {line!r}")
    merged = {}
    for o in outcomes:
        o["stdout"] = "".join(f"{line}\n" for line in o["stdout"])
        o["exceptions"] = [ADDRESS.sub("0x...", line) for line in o["exceptions"]]
        key = (o["exit"], o["stdout"], tuple(o["exceptions"]))
        if key in merged:
            merged[key]["count"] += o["count"]
        else:
            merged[key] = o
    return sorted(merged.values(), key=lambda o: -o["count"])


def record(path: Path, realruns: str, only: set | None = None, verbose=True) -> dict:
    opts = options(path)
    env = dict(os.environ)
    env.pop("PYTHONUNBUFFERED", None)
    out_file = OUTCOMES / f"{path.stem}.json"
    data = json.loads(out_file.read_text()) if only and out_file.exists() else {}
    data.update({
        "program": path.name,
        "args": opts["args"],
        "mask_numbers": opts["mask_numbers"],
        "python": f"{platform.python_implementation()} {platform.python_version()} "
                  f"({platform.system()} {platform.machine()})",
        "normalised": "memory addresses in exception lines replaced by 0x...",
        "environment": "PYTHONUNBUFFERED unset (stdout is a pipe: block-buffered); "
                       "PYTHONHASHSEED set per run by realruns",
    })
    runs = data.setdefault("runs", {})
    for method, cmd in commands(path, opts, realruns, only).items():
        if verbose:
            print(f"record: {path.name} [{method}]", file=sys.stderr, flush=True)
        proc = subprocess.run(["nice", "-n", "10", *cmd], cwd=ROOT, env=env, text=True,
                              capture_output=True)
        if proc.returncode != 0:
            raise SystemExit(f"realruns failed for {path.name} [{method}]:\n{proc.stderr}")
        outcomes = parse_report(proc.stdout)
        shown = ["python3", *cmd[1:]]
        runs[method] = {
            "command": shlex.join(shown),
            "date": datetime.date.today().isoformat(),
            "runs": sum(o["count"] for o in outcomes),
            "outcomes": outcomes,
        }
    OUTCOMES.mkdir(exist_ok=True)
    out_file.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    return data


def resolve(name: str) -> Path:
    p = PROGRAMS / (name if name.endswith(".py") else f"{name}.py")
    if not p.exists():
        p = Path(name).resolve()
    if not p.exists():
        raise SystemExit(f"no such program: {name}")
    return p


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("programs", nargs="*", help="program names (default: all)")
    ap.add_argument("--realruns", default=REALRUNS, help=f"path of realruns.py (default {REALRUNS})")
    ap.add_argument("--method", action="append", choices=("fork", "spawn", "forkserver"),
                    help="re-record only these start methods (keeps the others in the JSON)")
    ap.add_argument("--missing", action="store_true", help="only programs without an outcome file")
    ap.add_argument("--list", action="store_true", help="list programs and their options")
    a = ap.parse_args(argv)
    paths = [resolve(n) for n in a.programs] if a.programs else programs()
    if a.missing:
        paths = [p for p in paths if not (OUTCOMES / f"{p.stem}.json").exists()]
    if a.list:
        for p in paths:
            print(p.name, options(p), flush=True)
        return 0
    for p in paths:
        data = record(p, a.realruns, set(a.method) if a.method else None)
        for method, r in data["runs"].items():
            kinds = ", ".join(f"{o['count']}x exit {o['exit']}"
                              + (f" {o['exceptions']}" if o["exceptions"] else "")
                              for o in r["outcomes"])
            print(f"{p.name} [{method}]: {kinds}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
