"""The scale issue's rows and targets: what `run.py scale` measures and `--targets` judges.

Each target is judged on the rows of the same run, so the peers it is
compared with (SPIN's wall time) ran on the same machine under the same load.
A target that is missed says how far: "3.2x over" for a time or a size,
"8.0x too slow" for a speed.  Times are the wall clock of the whole
`mpsim check` command, interpreter start-up included (what a user waits).
"""
import mpsim_run
from rows import RowSpec

# key -> (the row, the --quick stand-in with smaller sizes)
SCALE = {
    "ordered10": (RowSpec("philosophers", 10, "ordered", workers=2),
                  RowSpec("philosophers", 6, "ordered", workers=2)),
    "naive10": (RowSpec("philosophers", 10, "naive", workers=2),
                RowSpec("philosophers", 6, "naive", workers=2)),
    "ordered12": (RowSpec("philosophers", 12, "ordered", workers=2),
                  RowSpec("philosophers", 7, "ordered", workers=2)),
    "naive12-first": (RowSpec("philosophers", 12, "naive", search="first"),
                      RowSpec("philosophers", 7, "naive", search="first")),
    "pool": (RowSpec("pool", 10, "4", workers=2), RowSpec("pool", 3, "2", workers=2)),
    "locked": (RowSpec("increments", 100, "2-locked", workers=2),
               RowSpec("increments", 5, "2-locked", workers=2)),
    "unlocked": (RowSpec("increments", 10, "4-unlocked", search="first-if-available"),
                 RowSpec("increments", 2, "3-unlocked", search="first-if-available")),
}

HEADERS = ["benchmark", "target", "measured", "result"]

SPEED = 30_000          # states/s
BYTES = 300             # per stored state


def scale_keys():
    return list(SCALE)


def scale_specs(quick):
    """The rows of `run.py scale`, in SCALE's order."""
    return [pair[1] if quick else pair[0] for pair in SCALE.values()]


def _x(value):
    return f"{value:.1f}x" if value < 10 else f"{value:,.0f}x"


def _over(value, limit, what=""):
    """'PASS' or 'FAIL: 3.2x over 5 s'."""
    if value <= limit:
        return "PASS"
    return f"FAIL: {_x(value / limit)} over{(' ' + what) if what else ''}"


def _no_result(row, timeout, limit=None, what=""):
    """(measured, result) for a row whose mpsim run gave no complete report, else None."""
    if row is None:
        return "not measured", "FAIL: not measured"
    if row.mpsim is None:
        missing = ", ".join(o.text() for o in row.missing if o.required)
        return f"not run: {missing}: option not available", f"FAIL: {missing} not available"
    result = row.mpsim
    if result.timed_out:
        if limit is not None and timeout < limit:
            return (f"timeout after {timeout:g} s",
                    f"not judged: --timeout {timeout:g} s is below the target's {what}")
        bound = f", > {_x(timeout / limit)} over{(' ' + what) if what else ''}" if limit else ""
        return f"timeout after {timeout:g} s", f"FAIL: timeout{bound}"
    if result.report is None:
        return f"error: {result.error}", "FAIL: error"
    if not result.report["complete"] and row.spec.search == "all":
        return (f"{result.wall_s:.2f} s, incomplete ({result.report['stop_reason']})",
                "FAIL: incomplete")
    return None


def _cores(row):
    if "--workers" in row.passed:
        return f"{row.passed[row.passed.index('--workers') + 1]} workers"
    return "1 process (--workers: option not available)"


def _label(key, spec):
    size = f"N={spec.n}"
    return {
        "ordered10": f"ordered philosophers {size}, exhaustive",
        "ordered12": f"ordered philosophers {size}",
        "naive12-first": f"naive {size}, `--stop-at-first`",
        "speed": f"search speed (ordered {size})",
        "memory": f"memory (ordered {size})",
        "pool": f"`models/pool_basic.py` ({spec.variant} processes, {spec.n} tasks)",
        "locked": f"{spec.variant.split('-')[0]} processes x {spec.n} locked increments",
        "unlocked": f"{spec.variant.split('-')[0]} processes x {spec.n} unlocked increments",
    }[key]


def _ordered10(row, timeout):
    """<= 10x SPIN's wall in the same run, and <= 5 s on 2 cores."""
    missing = _no_result(row, timeout, 5, "5 s")
    if missing:
        return missing
    wall = row.mpsim.wall_s
    spin = row.peers.get("spin")
    failures = [] if wall <= 5 else [f"{_x(wall / 5)} over 5 s"]
    if spin is None or spin.error is not None:
        against = "SPIN not measured"
        failures.append("no SPIN time to compare with")
    else:
        ratio = wall / spin.seconds
        against = f"{_x(ratio)} SPIN's {spin.seconds:.2f} s"
        if ratio > 10:
            failures.append(f"{_x(ratio / 10)} over 10x SPIN")
    measured = f"{wall:.2f} s = {against}; {_cores(row)}"
    return measured, ("PASS" if not failures else "FAIL: " + "; ".join(failures))


def _complete_within(limit):
    def judge(row, timeout):
        missing = _no_result(row, timeout, limit, f"{limit:g} s")
        if missing:
            return missing
        wall = row.mpsim.wall_s
        report = row.mpsim.report
        measured = f"{wall:.2f} s, {report['states']:,} states"
        if row.spec.benchmark == "philosophers":
            measured += f"; {_cores(row)}"
        elif report["violations"]:
            kinds = ", ".join(sorted({v["kind"] for v in report["violations"]}))
            return measured + f", {kinds}", f"FAIL: mpsim reports {kinds} on a correct program"
        return measured, _over(wall, limit, f"{limit:g} s")
    return judge


def _naive12_first(row, timeout):
    """Shortest deadlock reported in <= 2x SPIN's breadth-first time."""
    spin = None if row is None else row.peers.get("spin")
    spin_text = ("SPIN BFS not measured" if spin is None or spin.error is not None
                 else f"SPIN BFS {spin.seconds:.2f} s ({spin.verdict})")
    limit = None if spin is None or spin.error is not None else 2 * spin.seconds
    missing = _no_result(row, timeout, limit, "2x SPIN")
    if missing:
        return f"{missing[0]}; {spin_text}", missing[1]
    wall = row.mpsim.wall_s
    report = row.mpsim.report
    steps = [len(v["steps"]) for v in report["violations"] if v["kind"] == "deadlock"]
    if not steps:
        return f"{wall:.2f} s, no deadlock reported; {spin_text}", "FAIL: no deadlock reported"
    measured = f"{wall:.2f} s, deadlock in {min(steps)} steps; {spin_text}"
    if limit is None:
        return measured, "FAIL: no SPIN time to compare with"
    return measured, _over(wall, limit, "2x SPIN")


def _speed(row, timeout):
    """>= 30,000 states/s (transitions/s shown beside)."""
    missing = _no_result(row, timeout)
    if missing:
        return f"no complete run: {missing[0]}", "FAIL: not measured"
    report = row.mpsim.report
    elapsed = report["elapsed_s"]
    if elapsed <= 0:
        return "search took no measurable time", "FAIL: not measured"
    rate, transitions = report["states"] / elapsed, report["transitions"] / elapsed
    measured = f"{rate:,.0f} states/s ({transitions:,.0f} transitions/s)"
    return measured, ("PASS" if rate >= SPEED else f"FAIL: {_x(SPEED / rate)} too slow")


def _memory(bytes_per_state):
    def judge(row, timeout):
        missing = _no_result(row, timeout)
        if missing:
            return f"no complete run: {missing[0]}", "FAIL: not measured"
        per_state = bytes_per_state(row.mpsim)
        if per_state is None:
            return "too few states to measure", "FAIL: not measured"
        measured = f"{per_state:,.0f} B/state ({row.mpsim.peak_mib:,.0f} MiB peak)"
        return measured, _over(per_state, BYTES, f"{BYTES} B")
    return judge


def _unlocked(row, timeout):
    """The lost update found in <= 2 s: any violation counts (the program has no other bug)."""
    missing = _no_result(row, timeout, 2, "2 s")
    if missing:
        return missing[0] + "; nothing reported", missing[1] + ", not found"
    wall = row.mpsim.wall_s
    report = row.mpsim.report
    measured = f"{wall:.2f} s: {mpsim_run.verdict(report)}"
    if not report["violations"]:
        return measured, "FAIL: not reported as a problem"
    return measured, _over(wall, 2, "2 s")


# (key of the target, key of the row it reads, the target's text, its judge)
def _targets(bytes_per_state):
    return [
        ("ordered10", "ordered10", "<= 10x SPIN's wall in the same run, and <= 5 s on 2 cores",
         _ordered10),
        ("ordered12", "ordered12", "completes in <= 42 s (TLC with 2 workers)", _complete_within(42)),
        ("naive12-first", "naive12-first",
         "shortest deadlock reported in <= 2x SPIN's breadth-first time", _naive12_first),
        ("speed", "ordered10", ">= 30,000 states/s (or the equivalent in transitions)", _speed),
        ("memory", "ordered10", "<= 300 B per stored state", _memory(bytes_per_state)),
        ("pool", "pool", "<= 1 s", _complete_within(1)),
        ("locked", "locked", "complete in <= 10 s", _complete_within(10)),
        ("unlocked", "unlocked", "the lost update found in <= 2 s", _unlocked),
    ]


def evaluate(rows, timeout, quick, bytes_per_state):
    """The target table's rows: [benchmark, target, measured, result] for each target.

    `rows` maps SCALE's keys to measured Rows; `bytes_per_state(result)`
    is the table's B/state.  With `quick` the sizes are smaller than the
    targets', so nothing is judged.
    """
    table = []
    for key, row_key, target, judge in _targets(bytes_per_state):
        row = rows.get(row_key)
        spec = row.spec if row is not None else SCALE[row_key][1 if quick else 0]
        measured, result = judge(row, timeout)
        if quick:
            result = "n/a (--quick: not the target's size)"
        table.append([_label(key, spec), target, measured, result])
    return table
