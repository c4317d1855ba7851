"""Run mpsim on every malformed or hostile program of ``programs/`` and hold it to the rule:
nothing a model does takes mpsim down, hangs it, or is blamed on the user wrongly.

For each program: ``python -m mpsim check --json --time-limit 20 PROGRAM [-- ARGS]`` in its own
session (process group), niced, without core dumps and with its address space capped (4 GiB), its
stdin an open pipe nobody writes to (a terminal nobody types into), its TMPDIR a fresh directory.
Then:

- it ends before the hard timeout of 40 s (otherwise the group is killed: "hang"), and within
  1 s of the time limit (the wall time of the whole run, start-up included);
- its exit code is 0, 1, 2 or 3 (not a signal, not anything else);
- its stdout is exactly one JSON object (valid UTF-8), checked against
  ``mpsim/schema/mpsim-report-2.schema.json`` when that file exists;
- its stderr holds no Python traceback with frames in mpsim's own package, no
  "Fatal Python error", and no "Exception ignored in ..." (a model's __del__ or atexit handler run
  by mpsim's own interpreter, outside any simulated process);
- the outcome is one the program's docstring accepts (below);
- nothing is left behind: no live process of its group, no named semaphore or shared memory
  block (``sem.*``, ``psm_*``) in /dev/shm, and nothing in its private TMPDIR.  Other programs on
  this machine create and remove their own in /dev/shm and /tmp all the time, so where possible
  (``unshare --mount`` works) the run gets a private /dev/shm - a directory bind-mounted there in a
  mount namespace of its own - and what is left in it is what this run left; otherwise the shared
  /dev/shm is compared before and after, ignoring entries some live process still maps.  The
  private TMPDIR is where tempfile, and so mpsim and CPython's pymp-* directories, put their files.

The docstring of a program says what it does and what a good checker answers, in lines like

    expect: exit 0 clean
    expect: exit 1 deadlock
    expect: exit 1 exception ZeroDivisionError        (TEXT: part of the error / title)
    expect: exit 1 nontermination
    expect: exit 1 finding [TEXT]                     (any kind of finding)
    expect: exit 2 not-modelled threading.Thread      (the message names it and says "not modelled")
    expect: exit 2 model-error [TEXT]                 (a usage/model error, not "not modelled")
    expect: exit 3 budget                             (cut short by --time-limit, no finding)

Several ``expect:`` lines are alternatives.  ``# expect-line`` at the end of a source line marks
where a "not modelled" or model error must point (any marked line will do).  ``args:`` gives the
words after ``--`` (a JSON list, or shell words); ``target:`` names what to check instead of the
program file itself (a path relative to ``programs/``: an empty file, a directory, a package...).
"""
from __future__ import annotations

import fcntl
import glob
import json
import os
import re
import resource
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PROGRAMS = os.path.join(HERE, "programs")
SCHEMA = os.path.join(ROOT, "mpsim", "schema", "mpsim-report-2.schema.json")
MPSIM_DIR = os.path.join(ROOT, "mpsim") + os.sep

TIME_LIMIT = 20
HARD_TIMEOUT = 40
SLACK = 1.0
MEMORY_CAP = 4 * 1024 ** 3
SHM_PATTERNS = ("sem.*", "psm_*")

KINDS = {"clean": 0, "budget": 3, "deadlock": 1, "exception": 1, "nontermination": 1,
         "finding": 1, "not-modelled": 2, "model-error": 2}
NOT_MODELLED = re.compile(r"not\s+modell?ed", re.I)


# -- the corpus ------------------------------------------------------------------------------------

@dataclass
class Expect:
    exit: int
    kind: str
    text: str = ""

    def __str__(self):
        return f"exit {self.exit} {self.kind}" + (f" {self.text}" if self.text else "")


@dataclass
class Case:
    name: str
    program: str  # the file with the docstring
    target: str  # what mpsim checks, relative to ROOT
    args: list
    expects: list
    lines: set = field(default_factory=set)  # lines marked "# expect-line" in the target


def _read_text(path):
    data = open(path, "rb").read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _docstring(text):
    m = re.search(r'"""(.*?)"""', text, re.S)
    return m.group(1) if m else ""


def parse_case(filename) -> Case:
    path = os.path.join(PROGRAMS, filename)
    doc = _docstring(_read_text(path))
    expects, args, target = [], [], None
    for raw in doc.splitlines():
        line = raw.strip()
        key, _, value = line.partition(":")
        value = value.strip()
        if key == "expect":
            m = re.fullmatch(r"exit (\d) ([a-z-]+)(?: (.*))?", value)
            if not m or m.group(2) not in KINDS or KINDS[m.group(2)] != int(m.group(1)):
                raise ValueError(f"{filename}: bad expect line {line!r}")
            expects.append(Expect(int(m.group(1)), m.group(2), (m.group(3) or "").strip()))
        elif key == "args":
            args = json.loads(value) if value.startswith("[") else shlex.split(value)
        elif key == "target":
            target = value
    if not expects:
        raise ValueError(f"{filename}: no 'expect:' line in its docstring")
    target_path = os.path.join(PROGRAMS, target) if target else path
    lines = set()
    if os.path.isfile(target_path):
        for n, text in enumerate(_read_text(target_path).splitlines(), 1):
            if text.rstrip().endswith("# expect-line"):
                lines.add(n)
    return Case(filename[:-3], path, os.path.relpath(target_path, ROOT), args, expects, lines)


def corpus():
    names = sorted(f for f in os.listdir(PROGRAMS) if f.endswith(".py"))
    shard = os.environ.get("HOSTILE_SHARD")
    if shard:
        k, n = map(int, shard.split("/"))
        names = names[k::n]
    return [parse_case(f) for f in names]


# -- running mpsim ---------------------------------------------------------------------------------

@dataclass
class Outcome:
    returncode: int | None  # None: killed at the hard timeout
    wall: float
    stdout: bytes
    stderr: str
    leftovers: list


def _limits():
    os.nice(10)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = MEMORY_CAP if hard == resource.RLIM_INFINITY else min(MEMORY_CAP, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _group_members(pgid):
    """Live (not zombie) processes of a process group: [(pid, command line)]."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
            rest = stat[stat.rindex(b")") + 2:].split()
            if int(rest[2]) != pgid or rest[0] == b"Z":
                continue
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
        except (OSError, ValueError, IndexError):
            continue
        found.append((int(entry), cmd[:120]))
    return found


def _shm_entries():
    return {p for pattern in SHM_PATTERNS for p in glob.glob(os.path.join("/dev/shm", pattern))}


def _mapped_by_someone(path):
    """Is this /dev/shm file mapped by a live process (someone else's semaphore in use)?"""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/maps", "rb") as f:
                if path.encode() in f.read():
                    return True
        except OSError:
            continue
    return False


_BIND_SHM = 'mount --bind "$0" /dev/shm && exec "$@"'
_private_shm = None


def private_shm_works() -> bool:
    """Can a run get its own /dev/shm (a mount namespace with a directory bound there)?"""
    global _private_shm
    if _private_shm is None:
        with tempfile.TemporaryDirectory() as probe:
            try:
                done = subprocess.run(["unshare", "--mount", "--propagation", "private", "--",
                                       "sh", "-c", _BIND_SHM, probe, "true"],
                                      capture_output=True, timeout=10)
                _private_shm = done.returncode == 0
            except (OSError, subprocess.TimeoutExpired):
                _private_shm = False
    return _private_shm


def run_mpsim(case: Case, workdir: str) -> Outcome:
    private_tmp = os.path.join(workdir, "tmpdir")
    os.mkdir(private_tmp)
    env = dict(os.environ, TMPDIR=private_tmp, PYTHONDONTWRITEBYTECODE="1")
    cmd = [sys.executable, "-m", "mpsim", "check", "--json", "--time-limit", str(TIME_LIMIT),
           case.target]
    if case.args:
        cmd += ["--", *case.args]
    shm_dir = None
    if private_shm_works():
        shm_dir = os.path.join(workdir, "dev-shm")
        os.mkdir(shm_dir)
        os.chmod(shm_dir, 0o1777)
        cmd = ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c", _BIND_SHM,
               shm_dir, *cmd]
    shm_before = _shm_entries()
    stdin_r, stdin_w = os.pipe()  # an open stdin nobody writes to: a terminal nobody types into
    out_path, err_path = os.path.join(workdir, "stdout"), os.path.join(workdir, "stderr")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdin=stdin_r, stdout=out, stderr=err,
                                start_new_session=True, preexec_fn=_limits)
        os.close(stdin_r)
        try:
            returncode = proc.wait(timeout=HARD_TIMEOUT)
        except subprocess.TimeoutExpired:
            returncode = None
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
        wall = time.monotonic() - t0
    os.close(stdin_w)

    leftovers = []
    members = _group_members(proc.pid)
    deadline = time.monotonic() + 2.0
    while members and time.monotonic() < deadline:
        time.sleep(0.1)
        members = _group_members(proc.pid)
    if members:
        leftovers.append("processes still running: " + "; ".join(f"{pid} {cmd}" for pid, cmd in members))
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    if shm_dir is not None:
        left = sorted(os.listdir(shm_dir))
        if left:
            leftovers.append("left in /dev/shm: " + ", ".join(left))
    else:
        new_shm = _shm_entries() - shm_before
        if new_shm:
            time.sleep(1.0)
            new_shm = {p for p in new_shm if os.path.exists(p) and not _mapped_by_someone(p)}
        if new_shm:
            leftovers.append("left in /dev/shm (shared with other programs): "
                             + ", ".join(sorted(os.path.basename(p) for p in new_shm)))
    in_private = sorted(os.listdir(private_tmp))
    if in_private:
        leftovers.append("left in its TMPDIR: " + ", ".join(in_private))

    stdout = open(out_path, "rb").read()
    stderr = open(err_path, "rb").read().decode("utf-8", "replace")
    return Outcome(returncode, wall, stdout, stderr, leftovers)


# -- judging the outcome ---------------------------------------------------------------------------

def mpsim_tracebacks(stderr: str) -> list:
    """Tracebacks on stderr that pass through mpsim's own package: [(innermost mpsim frame, last
    line)]."""
    found = []
    lines = stderr.splitlines()
    for i, line in enumerate(lines):
        if line.strip() != "Traceback (most recent call last):":
            continue
        frames, last = [], ""
        for follow in lines[i + 1:]:
            m = re.match(r'\s+File "(.*)", line (\d+)', follow)
            if m:
                frames.append((m.group(1), int(m.group(2))))
            elif follow.startswith((" ", "\t")):
                continue
            else:
                last = follow.strip()
                break
        ours = [(f, n) for f, n in frames if os.path.abspath(f).startswith(MPSIM_DIR)]
        if ours:
            f, n = ours[-1]
            found.append((f"{os.path.relpath(f, ROOT)}:{n}", last))
    return found


def _validate(instance, schema, root, path="$"):
    """A small JSON-schema validator (core keywords), used when the jsonschema package is absent."""
    errors = []
    if schema is True or schema == {}:
        return errors
    if schema is False:
        return [f"{path}: not allowed"]
    if "$ref" in schema:
        ref = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            if part:
                ref = ref[part.replace("~1", "/").replace("~0", "~")]
        errors += _validate(instance, ref, root, path)
    types = schema.get("type")
    if types is not None:
        types = [types] if isinstance(types, str) else types
        checks = {"object": lambda v: isinstance(v, dict), "array": lambda v: isinstance(v, list),
                  "string": lambda v: isinstance(v, str), "boolean": lambda v: isinstance(v, bool),
                  "null": lambda v: v is None,
                  "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
                  "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)}
        if not any(checks.get(t, lambda v: True)(instance) for t in types):
            return errors + [f"{path}: {instance!r:.60} is not of type {types}"]
    if "const" in schema and instance != schema["const"]:
        errors.append(f"{path}: {instance!r:.60} is not {schema['const']!r}")
    if "enum" in schema and instance not in schema["enum"]:
        errors.append(f"{path}: {instance!r:.60} is not one of {schema['enum']}")
    if isinstance(instance, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in instance:
                errors.append(f"{path}: missing {key!r}")
        for key, value in instance.items():
            if key in props:
                errors += _validate(value, props[key], root, f"{path}.{key}")
            elif "additionalProperties" in schema:
                errors += _validate(value, schema["additionalProperties"], root, f"{path}.{key}")
    if isinstance(instance, list) and isinstance(schema.get("items"), dict):
        for i, value in enumerate(instance):
            errors += _validate(value, schema["items"], root, f"{path}[{i}]")
    if isinstance(instance, str) and "pattern" in schema and not re.search(schema["pattern"], instance):
        errors.append(f"{path}: {instance!r:.60} does not match {schema['pattern']!r}")
    if isinstance(instance, (int, float)) and not isinstance(instance, bool):
        if "minimum" in schema and instance < schema["minimum"]:
            errors.append(f"{path}: {instance} < {schema['minimum']}")
        if "maximum" in schema and instance > schema["maximum"]:
            errors.append(f"{path}: {instance} > {schema['maximum']}")
    for sub in schema.get("allOf", []):
        errors += _validate(instance, sub, root, path)
    if "anyOf" in schema and not any(not _validate(instance, s, root, path) for s in schema["anyOf"]):
        errors.append(f"{path}: matches none of anyOf")
    if "oneOf" in schema and sum(not _validate(instance, s, root, path) for s in schema["oneOf"]) != 1:
        errors.append(f"{path}: does not match exactly one of oneOf")
    if "not" in schema and not _validate(instance, schema["not"], root, path):
        errors.append(f"{path}: matches 'not'")
    if "if" in schema:
        branch = "then" if not _validate(instance, schema["if"], root, path) else "else"
        if branch in schema:
            errors += _validate(instance, schema[branch], root, path)
    return errors


def schema_errors(report) -> list:
    if not os.path.exists(SCHEMA):
        return []
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    try:
        import jsonschema
    except ImportError:
        return _validate(report, schema, schema)[:3]
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [f"{'.'.join(map(str, e.absolute_path)) or '$'}: {e.message}"
            for e in validator.iter_errors(report)][:3]


def _error_of(report, stderr):
    """(message, line) of a usage/model error: the JSON error object, else mpsim's stderr line."""
    if isinstance(report, dict) and isinstance(report.get("error"), dict):
        err = report["error"]
        return f"{err.get('kind', '')}: {err.get('message', '')}", err.get("line")
    lines = [l for l in stderr.splitlines() if l.startswith("mpsim:") or l.startswith("usage:")]
    return (" ".join(lines) or stderr.strip()[-300:]), None


def _lines_named(message, line):
    named = set()
    if isinstance(line, int):
        named.add(line)
    named.update(int(n) for n in re.findall(r":(\d+)(?::|\b)", message))
    named.update(int(n) for n in re.findall(r"\bline (\d+)", message))
    return named


def _violation_text(v):
    return " ".join(str(v.get(k, "")) for k in ("kind", "title", "error", "explanation"))


def matches(expect: Expect, code, report, stderr, case: Case):
    """None if the outcome fits this expectation, else why not (short)."""
    if code != expect.exit:
        return f"exit {code}"
    violations = report.get("violations") if isinstance(report, dict) else None
    if expect.kind == "clean":
        if isinstance(report, dict) and (report.get("violations") or report.get("complete") is False):
            return "not a complete clean report"
        return None
    if expect.kind == "budget":
        if violations:
            return "findings in a budget stop"
        return None
    if expect.exit == 1:
        if violations is None:
            return "no violations to look at"
        for v in violations:
            if expect.kind != "finding" and v.get("kind") != expect.kind:
                continue
            text = json.dumps(v, ensure_ascii=False) if expect.kind == "finding" else _violation_text(v)
            if expect.text in text:
                return None
        return f"no {expect.kind} finding with {expect.text!r}" if expect.text else f"no {expect.kind} finding"
    message, line = _error_of(report, stderr)
    says_not_modelled = bool(NOT_MODELLED.search(message))
    if expect.kind == "not-modelled":
        if not says_not_modelled:
            return f"an error that is not 'not modelled' ({message[:100]})"
        if expect.text.lower() not in message.lower():
            return f"'not modelled' without naming {expect.text} ({message[:100]})"
    else:
        if says_not_modelled:
            return f"'not modelled' instead of a model error ({message[:100]})"
        if expect.text.lower() not in message.lower():
            return f"a model error without {expect.text!r} ({message[:100]})"
    if case.lines and not (_lines_named(message, line) & case.lines):
        return f"the error does not point at line {'/'.join(map(str, sorted(case.lines)))} ({message[:100]})"
    return None


def describe(code, report, stderr) -> str:
    """What mpsim answered, in one line."""
    if code in (0, 3) and isinstance(report, dict):
        return f"exit {code} ({report.get('stop_reason', '?')}, {len(report.get('violations') or [])} findings)"
    if code == 1 and isinstance(report, dict):
        found = [f"{v.get('kind')}: {v.get('error') or v.get('title')}" for v in report.get("violations") or []]
        return f"exit 1 ({'; '.join(found)[:200]})"
    if code == 2:
        return f"exit 2 ({_error_of(report, stderr)[0][:200]})"
    return f"exit {code}"


def judge(case: Case, out: Outcome) -> list:
    """Every way mpsim's run broke the rule: short sentences, the most telling first."""
    problems = []
    if out.returncode is None:
        problems.append(f"hang: still running after {HARD_TIMEOUT} s (killed)")
    elif out.returncode < 0:
        problems.append(f"mpsim killed by {signal.Signals(-out.returncode).name}")
    elif out.returncode not in (0, 1, 2, 3):
        problems.append(f"exit code {out.returncode} (not 0..3)")
    elif out.wall > TIME_LIMIT + SLACK:
        problems.append(f"time limit overrun: {out.wall:.1f} s for --time-limit {TIME_LIMIT}")
    for where, last in mpsim_tracebacks(out.stderr):
        problems.append(f"traceback in {where}: {last[:160]}")
    ignored = re.findall(r"^Exception ignored in(?: atexit callback)?:? (.*)$", out.stderr, re.M)
    if ignored:
        problems.append(f"model code ran outside the simulation: 'Exception ignored in {ignored[0][:80]}' "
                        f"on mpsim's stderr ({len(ignored)}x)")
    if "Fatal Python error" in out.stderr:
        problems.append("Fatal Python error: " + out.stderr.split("Fatal Python error", 1)[1].splitlines()[0][:120])

    crashed = out.returncode is None or out.returncode < 0
    internal = bool(mpsim_tracebacks(out.stderr))
    report = None
    if crashed:  # a hang or a signal: no JSON and no outcome to judge, only leftovers
        return problems + out.leftovers
    try:
        text = out.stdout.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(f"stdout is not UTF-8 ({exc.reason} at byte {exc.start})")
        text = out.stdout.decode("utf-8", "replace")
    if not text.strip():
        problems.append("no JSON on stdout")
    else:
        try:
            report = json.loads(text)
        except json.JSONDecodeError as exc:
            problems.append(f"stdout is not one JSON object ({exc.msg} at line {exc.lineno}: "
                            f"{text.splitlines()[exc.lineno - 1][:60]!r})")
        else:
            if not isinstance(report, dict):
                problems.append(f"stdout is JSON but not an object ({type(report).__name__})")
                report = None
            else:
                problems += [f"schema: {e}" for e in schema_errors(report)]

    if out.returncode in (0, 1, 2, 3) and not (internal and report is None):
        misses = [(e, matches(e, out.returncode, report, out.stderr, case)) for e in case.expects]
        if all(why is not None for _, why in misses):
            problems.append(f"wrong outcome: {describe(out.returncode, report, out.stderr)}; expected "
                            + " or ".join(f"{e} [{why}]" for e, why in misses))
    problems += out.leftovers
    return problems


def _record(case, out, problems):
    path = os.environ.get("HOSTILE_RESULTS")
    if not path:
        return
    line = json.dumps({"name": case.name, "program": os.path.relpath(case.program, ROOT),
                       "expects": [str(e) for e in case.expects], "returncode": out.returncode,
                       "wall": round(out.wall, 2), "problems": problems}, ensure_ascii=False)
    with open(path, "a", encoding="utf-8") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        f.write(line + "\n")


# -- the tests -------------------------------------------------------------------------------------

CASES = corpus()


def test_corpus_is_well_formed():
    """Every program has a docstring with an expectation, and its target exists where it should."""
    names = sorted(f for f in os.listdir(PROGRAMS) if f.endswith(".py"))
    assert len(names) >= 70
    for name in names:
        case = parse_case(name)
        if not case.name.startswith("m_missing_file"):
            assert os.path.exists(os.path.join(ROOT, case.target)), case.target
        for e in case.expects:
            if e.kind == "not-modelled":
                assert e.text, f"{name}: 'not-modelled' must name the API"


@pytest.mark.hostile
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_program(case, tmp_path):
    out = run_mpsim(case, str(tmp_path))
    problems = judge(case, out)
    _record(case, out, problems)
    assert not problems, (f"mpsim check --json {case.target}: " + "\n  - ".join([""] + problems)
                          + f"\n--- stderr (last 1500 characters):\n{out.stderr[-1500:]}")
