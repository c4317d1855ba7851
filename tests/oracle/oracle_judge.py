"""Compare what mpsim says about an oracle program with what real CPython did (outcomes/*.json).

Used by test_oracle.py and conftest.py; no pytest in here, so the rules can be read (and
reused) on their own:

* every real outcome that is a failure (a non-zero exit, a hang, or an exception line on stderr)
  must be explained by an mpsim finding: an ``exception`` finding with the same ``Type: message``
  line, a ``deadlock``/``nontermination`` finding for a hang, and some finding in MainProcess for
  a non-zero exit without a traceback (``sys.exit(1)``);
* every mpsim finding must appear among the real outcomes - of this program, or of its
  forced-order variant named on its ``# oracle: --forced-by VARIANT.py`` line: an exception needs
  the same exception line, a deadlock or a non-termination a real hang, an ``exit`` finding (the
  main program ends with a non-zero status of its own, ``sys.exit(1)``) a real run with that exit
  status, and a ``race`` (a lost update) real runs whose results differ (``varying_results``: the
  lines of stdout taken in any order, the exit status and the exception lines; a forced-order
  variant can show the result the program's own runs never reached);
* a program whose real runs all succeed must get exit code 0 from mpsim;
* mpsim refusing the program (exit 2: usage error, unsupported API) is a failure, shown with the
  error's kind and message from its JSON report;
* every real stdout must be one mpsim calls possible: mpsim checks the program with ``--piped``
  (the real runs' stdout is a pipe: each process's lines come out in blocks when it flushes) and
  lists each outcome's output as a partial order of such blocks (``mpsim_outcomes``); a real
  stdout is possible when it is an order of some outcome's blocks that the partial order allows.
"""
from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PROGRAMS = HERE / "programs"
OUTCOMES = HERE / "outcomes"
TIME_LIMIT = 60  # mpsim's own --time-limit
WALL_LIMIT = 150  # the subprocess is killed after this (an mpsim step that never returns)

ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
PY_PATH = re.compile(r"(?:/?[\w.+-]+/)+([\w.+-]+\.py)\b")
SUGGESTION = re.compile(r"\. Did you mean: .*\?$")  # added by CPython's traceback printer
FAILURE_KINDS_FOR_HANG = {"deadlock", "nontermination"}
FAMILIES = ["per-process interpreter state", "state a fingerprint might miss", "time",
            "start methods", "nondeterminism that is not scheduling", "output order",
            "races without asserts", "other real-world code"]


def program_paths() -> list[Path]:
    return sorted(p for p in PROGRAMS.glob("*.py") if not p.name.startswith("_"))


def oracle_options(path: Path) -> list[str]:
    words = []
    for line in path.read_text().splitlines():
        if line.startswith("# oracle:"):
            words += shlex.split(line[len("# oracle:"):])
    return words


def program_args(path: Path) -> list[str]:
    words = oracle_options(path)
    return words[words.index("--args") + 1:] if "--args" in words else []


def forced_by(path: Path) -> list[Path]:
    """Forced-order variants that show a rare finding of this program is real."""
    words = oracle_options(path)
    return [PROGRAMS / words[i + 1] for i, w in enumerate(words) if w == "--forced-by"]


def family(path: Path) -> str:
    for line in path.read_text().splitlines():
        if line.startswith("# family:"):
            return line[len("# family:"):].strip()
    return "other"


def load_outcomes(path: Path) -> dict | None:
    f = OUTCOMES / f"{path.stem}.json"
    return json.loads(f.read_text()) if f.exists() else None


def norm_line(line: str) -> str:
    """An exception line with memory addresses, directories and the name suggestion CPython's
    traceback printer adds to an AttributeError or NameError (". Did you mean: 'close'?", not
    part of the exception's message) taken out."""
    return SUGGESTION.sub("", PY_PATH.sub(r"\1", ADDRESS.sub("0x...", line)).strip())


def mask(text: str) -> str:
    return re.sub(r"\d+", "#", text)


def is_failure(outcome: dict) -> bool:
    return outcome["exit"] != 0 or bool(outcome["exceptions"])


# ---------------------------------------------------------------------------------------------
# mpsim


@dataclass
class MpsimRun:
    command: list[str]
    returncode: int | None  # None: killed after WALL_LIMIT
    data: dict | None
    stderr: str
    elapsed: float = 0.0
    stray: str = ""  # stdout text outside the JSON object

    @property
    def findings(self) -> list[dict]:
        return (self.data or {}).get("violations", [])

    @property
    def error(self) -> str | None:
        """mpsim's refusal (an error report: ``{"error": {"kind", "message"}}``) as "kind: message"."""
        err = (self.data or {}).get("error")
        return f"{err.get('kind')}: {err.get('message')}" if isinstance(err, dict) else None


def mpsim_command(path: Path, method: str) -> list[str]:
    base = [sys.executable, "-m", "mpsim", "check", "--json", "--piped", "--time-limit", str(TIME_LIMIT)]
    args = program_args(path)
    return base + ["--start-method", method, str(path.relative_to(ROOT))] + (["--", *args] if args else [])


def run_mpsim(path: Path, method: str) -> MpsimRun:
    import time
    cmd = mpsim_command(path, method)
    t0 = time.monotonic()
    try:
        proc = subprocess.run(["nice", "-n", "10", *cmd], cwd=ROOT, capture_output=True, text=True,
                              timeout=WALL_LIMIT, stdin=subprocess.DEVNULL,
                              start_new_session=True)
    except subprocess.TimeoutExpired as exc:
        err = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        return MpsimRun(cmd, None, None, err, time.monotonic() - t0)
    data, stray = parse_json_report(proc.stdout)
    return MpsimRun(cmd, proc.returncode, data, proc.stderr, time.monotonic() - t0, stray)


def parse_json_report(stdout: str) -> tuple[dict | None, str]:
    """mpsim's JSON object, and whatever else was on its stdout (program output that leaked)."""
    try:
        return json.loads(stdout), ""
    except json.JSONDecodeError:
        pass
    start = stdout.find("{\n")
    while start != -1:
        try:
            data, end = json.JSONDecoder().raw_decode(stdout, start)
            if isinstance(data, dict) and ("violations" in data or "error" in data):
                return data, (stdout[:start] + stdout[end:]).strip()
        except json.JSONDecodeError:
            pass
        start = stdout.find("{\n", start + 1)
    return None, stdout.strip()


def mpsim_outcomes(data: dict | None) -> list[list[dict]] | None:
    """Each outcome's output as mpsim lists it (``outcomes.list[].output``): blocks of lines, each
    with its process and, per process, how many of that process's blocks come out before it.
    None when mpsim's JSON has no outcomes (it gave no report, or the search was cut short before
    any run ended)."""
    if not data or not isinstance(data.get("outcomes"), dict):
        return None
    return [item["output"] for item in data["outcomes"]["list"]]


def allows(output: list[dict], text: str, masked: bool) -> bool:
    """Is ``text`` an order of ``output``'s blocks that its partial order allows?  (A search over
    how many blocks of each process have come out; each block must match the text where it is.)"""
    lines = _stdout_key(text, masked)
    blocks = {}
    for unit in output:
        blocks.setdefault(unit["process"], []).append(
            (_stdout_key("".join(f"{line}\n" for line in unit["lines"]), masked), unit["after"]))
    procs = sorted(blocks)
    start = tuple(0 for _ in procs)
    todo, seen = [(start, 0)], {(start, 0)}
    while todo:
        done, at = todo.pop()
        if at == len(lines) and all(d == len(blocks[p]) for d, p in zip(done, procs)):
            return True
        for k, p in enumerate(procs):
            if done[k] == len(blocks[p]):
                continue
            block, after = blocks[p][done[k]]
            if any(done[procs.index(q)] < n for q, n in enumerate(after) if q != p and q in blocks and n):
                continue
            if lines[at:at + len(block)] != block:
                continue
            nxt = (done[:k] + (done[k] + 1,) + done[k + 1:], at + len(block))
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def _stdout_key(text: str, masked: bool) -> tuple:
    return tuple((mask(text) if masked else text).splitlines())


# ---------------------------------------------------------------------------------------------
# the rules


@dataclass
class Verdict:
    ok: bool
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def reason(self) -> str:
        return "; ".join(self.problems) if self.problems else "ok"


def _count(outcomes, pred):
    return sum(o["count"] for o in outcomes if pred(o))


EXC_LINE = re.compile(r"^[A-Za-z_][\w.]*(:|$)")


def _finding_line(f: dict) -> str:
    """The finding's 'Type: message' line. For a message of several lines this is its first line,
    which is what realruns keeps of a real traceback (the line that starts with the type)."""
    lines = [line for line in (f.get("error") or "").strip().splitlines() if line.strip()]
    if not lines:
        return ""
    typed = [line for line in lines if EXC_LINE.match(line)]
    return norm_line(typed[0] if typed else lines[0])


def _short(text: str, n: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 3] + "..."


def judge(real: dict, run: MpsimRun, extra_real: list[dict] = ()) -> Verdict:
    """real: one start method's recording ({"runs": N, "outcomes": [...]}); extra_real: the same
    start method's recordings of forced-order variants (they can only excuse mpsim findings)."""
    outcomes = real["outcomes"]
    total = real["runs"]
    problems, notes = [], []
    if run.returncode is None:
        return Verdict(False, [f"mpsim did not finish within {WALL_LIMIT} s (killed)"
                               + _real_summary(outcomes, total)])
    if run.error is not None or run.returncode == 2:
        msg = run.error or (run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "(no message)")
        return Verdict(False, [f"mpsim exit {run.returncode}: {_short(msg, 240)}"
                               + _real_summary(outcomes, total)])
    if run.data is None or run.returncode not in (0, 1, 3):
        tail = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "(no stderr)"
        crashed = "Traceback (most recent call last)" in run.stderr
        return Verdict(False, [f"mpsim {'crashed' if crashed else 'gave no JSON report'} (exit "
                               f"{run.returncode}); its stderr ends: {_short(tail, 140)}"
                               + _real_summary(outcomes, total)])

    if run.stray:
        problems.append(f"mpsim --json stdout is not only JSON (program output leaked: "
                        f"{_short(run.stray, 60)!r})")
    findings = run.findings
    exc_lines = {_finding_line(f) for f in findings if f.get("kind") == "exception"}
    has_hang_finding = any(f.get("kind") in FAILURE_KINDS_FOR_HANG for f in findings)
    main_findings = [f for f in findings if f.get("process") == "MainProcess"]

    # 1. every real failure explained
    missing_exc, hang_runs, silent_exit = {}, 0, {}
    for o in outcomes:
        if not is_failure(o):
            continue
        if o["exit"] == "hang":
            if not has_hang_finding:
                hang_runs += o["count"]
        for line in o["exceptions"]:
            if norm_line(line) not in exc_lines:
                missing_exc[norm_line(line)] = missing_exc.get(norm_line(line), 0) + o["count"]
        if o["exit"] not in (0, "hang") and not o["exceptions"] and not main_findings:
            silent_exit[o["exit"]] = silent_exit.get(o["exit"], 0) + o["count"]
    if hang_runs:
        problems.append(f"real: hangs in {hang_runs}/{total} runs; mpsim: no deadlock/nontermination")
    for line, n in missing_exc.items():
        problems.append(f"real: {_short(line, 90)} in {n}/{total} runs; mpsim: no such exception finding")
    for code, n in silent_exit.items():
        problems.append(f"real: main exits {code} (no traceback) in {n}/{total} runs; mpsim: no finding in MainProcess")

    # 2. every mpsim finding real
    all_real = list(outcomes) + [o for r in extra_real for o in r["outcomes"]]
    real_lines = {norm_line(line) for o in all_real for line in o["exceptions"]}
    real_hang = any(o["exit"] == "hang" for o in all_real)
    real_exits = {o["exit"] for o in all_real}
    varying = varying_results(outcomes, [r["outcomes"] for r in extra_real])
    for f in findings:
        kind = f.get("kind")
        if f.get("timing", "any") != "any":
            # a claim about unusual timing (untimed-only: a timeout expiring while others could
            # still move, as under heavy load; unusual: a process moving in a moment real runs
            # rarely give it): the recorded runs' jitter (milliseconds) cannot show it
            notes.append(f"mpsim ({f['timing']}, not judged): {_short(f.get('title', ''), 90)}")
            continue
        if kind == "exception":
            line = _finding_line(f)
            if line not in real_lines:
                problems.append(f"mpsim: exception {_short(line, 90)} in {f.get('process')}; "
                                f"real: never in {total} runs")
        elif kind in FAILURE_KINDS_FOR_HANG:
            if not real_hang:
                problems.append(f"mpsim: {kind} ({_short(f.get('title', ''), 90)}); real: never hangs "
                                f"in {total} runs")
        elif kind == "exit":
            code = exit_status(f)
            seen = code in real_exits if code is not None else bool(real_exits - {0, "hang"})
            if not seen:
                shown = ", ".join(str(c) for c in sorted(real_exits, key=str))
                problems.append(f"mpsim: {_short(f.get('title', ''), 90)}; real: exit {shown} in "
                                f"{total} runs")
        elif kind == "race":
            if not varying:
                problems.append(f"mpsim: {_short(f.get('title', ''), 110)}; real: the same result "
                                f"in all {total} runs (no lost update seen)")
        else:
            problems.append(f"mpsim: finding of unknown kind {kind!r}")

    # 3. clean real program, clean mpsim verdict
    if not any(is_failure(o) for o in outcomes) and run.returncode != 0 and not problems:
        if run.returncode == 3:
            problems.append(f"real: always exit 0; mpsim: search cut short (exit 3, "
                            f"{(run.data or {}).get('stop_reason')}, {(run.data or {}).get('states')} states)")
        elif not findings:
            problems.append(f"real: always exit 0; mpsim: exit {run.returncode}")
    if run.returncode == 3 and any(is_failure(o) for o in outcomes) and not problems:
        problems.append("mpsim: search cut short (exit 3) although every real failure is explained")
    return Verdict(not problems, problems, notes)


def exit_status(finding: dict) -> int | None:
    """The status of an ``exit`` finding: the last number of its title ("MainProcess exits with
    status 1"; the JSON has no field of its own for it). None when the title has none."""
    numbers = re.findall(r"-?\d+", finding.get("title") or "")
    return int(numbers[-1]) if numbers else None


def varying_results(outcomes: list[dict], variants: list[list[dict]] = ()) -> bool:
    """Do the real runs show more than one result - what a race (a lost update) predicts?  A
    result is the run's exit status, exception lines and stdout lines taken in any order (lines
    printed in a different order are not a different result); a run that hung has none. Outcomes
    of forced-order variants count when they show a result the program's own runs never did."""
    def result(o):
        return o["exit"], tuple(sorted(o["stdout"].splitlines())), tuple(sorted(o["exceptions"]))

    own = {result(o) for o in outcomes if o["exit"] != "hang"}
    forced = {result(o) for v in variants for o in v if o["exit"] != "hang"}
    return len(own) > 1 or bool(own and forced - own)


def _real_summary(outcomes, total) -> str:
    fails = _count(outcomes, is_failure)
    return f" (real: {total - fails}/{total} runs clean)" if outcomes else ""


def judge_stdout(recording: dict, method: str, run: MpsimRun) -> tuple[bool | None, str]:
    """(True, "") if every real stdout is a possible mpsim outcome; (False, why); (None, why) when
    it cannot be checked (no outcomes in mpsim's JSON, or mpsim gave no report)."""
    if run.data is None:
        return None, f"mpsim gave no JSON report (exit {run.returncode})"
    outputs = mpsim_outcomes(run.data)
    if outputs is None:
        return None, "mpsim's JSON has no outcomes"
    if not run.data["outcomes"]["complete"]:
        return None, f"mpsim's outcomes are not all listed ({run.data['outcomes']['note']})"
    masked = recording.get("mask_numbers", False)
    real = recording["runs"][method]
    missing = [o for o in real["outcomes"] if o["exit"] != "hang"
               and not any(allows(out, o["stdout"], masked) for out in outputs)]
    if missing:
        first = missing[0]
        return False, (f"{len(missing)} real stdout(s) not allowed by any of mpsim's "
                       f"{len(outputs)} outcomes, e.g. {first['count']}/{real['runs']} runs: "
                       f"{first['stdout']!r}")
    return True, ""


def check(path: Path, method: str, run: MpsimRun | None = None) -> tuple[Verdict, MpsimRun]:
    recording = load_outcomes(path)
    if recording is None or method not in recording["runs"]:
        raise LookupError(f"no recorded outcomes for {path.name} [{method}]: run record.py")
    run = run or run_mpsim(path, method)
    extra = []
    for variant in forced_by(path):
        rec = load_outcomes(variant)
        if rec and method in rec["runs"]:
            extra.append(rec["runs"][method])
    return judge(recording["runs"][method], run, extra), run


def cases() -> list[tuple[Path, str]]:
    out = []
    for p in program_paths():
        rec = load_outcomes(p)
        methods = list(rec["runs"]) if rec else ["fork", "spawn"]
        out += [(p, m) for m in methods]
    return out


def render_status(results: dict, header: str = "") -> str:
    """results: {(program name, method): (verdict_ok | None, reason, stdout_note)} -> Markdown."""
    methods = ["fork", "spawn", "forkserver"]
    def order(name):
        fam = family(PROGRAMS / name)
        return (FAMILIES.index(fam) if fam in FAMILIES else len(FAMILIES), fam, name)

    progs = sorted({p for p, _ in results}, key=order)
    counts = {"pass": 0, "fail": 0}
    for ok, _, _ in results.values():
        counts["pass" if ok else "fail"] += 1
    lines = [header.rstrip(), "",
             f"**{counts['pass']} pass, {counts['fail']} fail** "
             f"({len(progs)} programs; {len(results)} program x start method cases).", ""]
    by_family = {}
    for n in progs:
        by_family.setdefault(family(PROGRAMS / n), []).append(n)
    for fam, names in by_family.items():
        n_fail = sum(1 for (p, m), (ok, _, _) in results.items() if p in names and not ok)
        n_all = sum(1 for (p, m) in results if p in names)
        lines += [f"### {fam} ({n_all - n_fail} pass, {n_fail} fail)", "",
                  "| program | " + " | ".join(methods) + " |",
                  "|---|" + "---|" * len(methods)]
        reasons = []
        for n in names:
            cells = []
            for m in methods:
                if (n, m) not in results:
                    cells.append("")
                    continue
                ok, reason, _ = results[(n, m)]
                if ok:
                    cells.append("pass")
                else:
                    cells.append("**fail**")
                    reasons.append(f"- `{n}` [{m}]: {reason}")
            lines.append(f"| `{n}` | " + " | ".join(cells) + " |")
        lines.append("")
        if reasons:
            lines += reasons + [""]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # quick look: python tests/oracle/oracle_judge.py PROGRAM [method]
    p = PROGRAMS / (sys.argv[1] if sys.argv[1].endswith(".py") else sys.argv[1] + ".py")
    for m in sys.argv[2:] or [m for q, m in cases() if q == p]:
        v, r = check(p, m)
        print(f"{p.name} [{m}] mpsim exit {r.returncode} in {r.elapsed:.1f} s: "
              f"{'pass' if v.ok else 'FAIL: ' + v.reason()}")
        for f in r.findings:
            print(f"    finding: {f.get('kind')} {f.get('process')}: {f.get('error') or f.get('title')}")
        if os.environ.get("ORACLE_VERBOSE"):
            print(r.stderr)
