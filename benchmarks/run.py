"""Benchmark harness for mpsim, with SPIN, Harmony and TLC as reference points.

Runs `mpsim check --json` on benchmark models, one child process per row,
and prints a Markdown table of state counts, verdicts, time and memory.
Beside each row it runs the peers that have a twin of the model: SPIN
(Debian `spin`, a Promela twin) and Harmony (PyPI `harmony`, a Harmony
twin), both generated at run time, and shows TLC's recorded figures.  The
table ends with the exact command that reproduces it.

    python benchmarks/run.py philosophers            # N = 3..8, naive and ordered
    python benchmarks/run.py philosophers --quick    # N = 3..5 smoke run
    python benchmarks/run.py scale                   # the scale issue's rows, one run
    python benchmarks/run.py --targets               # ... and its targets, PASS/FAIL
    python benchmarks/run.py --targets --quick       # smaller sizes: a smoke run
"""
import argparse
import datetime
import os
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import harmony_ref
import mpsim_run
import recorded
import spin_ref
import targets
from mpsim_run import Option
from rows import Row, RowSpec

REPO = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024
MIN_STATES_FOR_BYTES = 10_000  # below this, bytes per state is mostly measurement noise
PEERS = ("spin", "harmony")


@dataclass(frozen=True)
class Benchmark:
    """A model to check at several sizes and variants, and its peers' twins."""
    model: str                                   # path relative to the repo root
    variants: tuple[str, ...]
    model_args: Callable[[int, str], list[str]]  # (N, variant) -> the model's argv
    sizes: str                                   # default --n
    quick: str                                   # --quick sizes
    default_variants: tuple[str, ...] = ()       # default --variants (all if empty)
    promela: Callable[[int, str], str] | None = None   # (N, variant) -> Promela text
    harmony: Callable[[int, str], str] | None = None   # (N, variant) -> Harmony text
    about: str = ""                              # one line for --help


def _increments_args(n, variant):
    processes, mode = variant.split("-")
    return [processes, str(n), mode]


BENCHMARKS = {
    "philosophers": Benchmark(
        model="models/philosophers.py",
        variants=("naive", "ordered"),
        model_args=lambda n, variant: [str(n), variant, "forever"],
        sizes="3-8", quick="3-5",
        promela=spin_ref.philosophers_promela,
        harmony=harmony_ref.philosophers_harmony,
        about="dining philosophers, forever form (models/philosophers.py N VARIANT forever);\n"
              "variants: naive (deadlocks), ordered (lower fork first, no deadlock)",
    ),
    # Queue-based producers/consumer: N items per producer, variant = number of producers.
    "prodcons": Benchmark(
        model="models/producer_consumer.py",
        variants=("1", "2"),
        model_args=lambda n, variant: [str(n), variant],
        sizes="1-3", quick="1-2",
        about="producers and a consumer on a Queue (models/producer_consumer.py N P);\n"
              "N items per producer, variant = P producers",
    ),
    # P processes x N increments of a shared Value: variant = "P-locked" or "P-unlocked".
    "increments": Benchmark(
        model="models/increments.py",
        variants=tuple(f"{p}-{mode}" for p in (2, 3, 4) for mode in ("locked", "unlocked")),
        model_args=_increments_args,
        sizes="1-3", quick="1-2", default_variants=("2-locked", "2-unlocked"),
        about="increments of a shared Value (models/increments.py P N locked|unlocked);\n"
              "N increments per process, variant = P-locked or P-unlocked",
    ),
    # The tutorial's Pool: N tasks, variant = number of worker processes.
    "pool": Benchmark(
        model="models/pool_basic.py",
        variants=("1", "2", "4"),
        model_args=lambda n, variant: [variant, str(n)],
        sizes="1-4", quick="1-2", default_variants=("2",),
        about="a Pool running N small tasks (models/pool_basic.py PROCESSES N);\n"
              "variant = PROCESSES",
    ),
}


HEADERS = ["model", "N", "variant", "search", "mpsim options", "states", "transitions", "verdict",
           "wall s", "states/s", "B/state", "peak MiB",
           "SPIN states", "SPIN s", "mpsim/SPIN", "SPIN verdict",
           "Harmony states", "Harmony s", "mpsim/Harmony", "Harmony verdict",
           "TLC s (rec.)", "mpsim/TLC"]


def parse_sizes(spec):
    """'3-8' -> [3, ..., 8]; also '5' and comma lists such as '3,5,7-8'."""
    sizes = []
    for part in spec.split(","):
        bounds = part.split("-")
        try:
            if len(bounds) > 2:
                raise ValueError(part)
            sizes.extend(range(int(bounds[0]), int(bounds[-1]) + 1))
        except ValueError:
            raise argparse.ArgumentTypeError(f"bad size range: {spec!r}") from None
    if not sizes:
        raise argparse.ArgumentTypeError(f"empty size range: {spec!r}")
    return sizes


def parse_variants(spec, benchmark):
    """'naive,ordered' -> ['naive', 'ordered'], checked against the benchmark."""
    if spec:
        variants = spec.split(",")
    else:
        variants = list(benchmark.default_variants or benchmark.variants)
    unknown = [v for v in variants if v not in benchmark.variants]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown variant(s) {', '.join(unknown)}; choose from {', '.join(benchmark.variants)}")
    return variants


def parse_peers(spec):
    """'spin,harmony' -> ['spin', 'harmony']; 'none' -> []."""
    if spec == "none":
        return []
    peers = [p for p in spec.split(",") if p]
    unknown = [p for p in peers if p not in PEERS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown peer(s) {', '.join(unknown)}; choose from {', '.join(PEERS)} or none")
    return peers


def build_parser():
    """The command-line parser; --help explains every column and option."""
    about = "\n".join(f"  {name:<13}" + text.replace("\n", "\n" + " " * 15)
                      for name, b in BENCHMARKS.items() for text in [b.about])
    parser = argparse.ArgumentParser(
        prog="benchmarks/run.py",
        description="Benchmark mpsim beside SPIN, Harmony and TLC's recorded figures; "
                    "print Markdown tables.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=f"""\
benchmarks:
{about}
  scale        the scale issue's rows (philosophers N=10 and 12, pool, increments), in one run;
               --targets adds the issue's target table with PASS/FAIL

columns:
  search               all = exhaustive; first (BFS) = stop at the first finding, breadth-first
  mpsim options        options passed to mpsim check beyond --json --start-method fork; a wanted option that
                       `mpsim check --help` does not list shows as "option not available"
  states, transitions  as reported by mpsim
  verdict              violation kinds mpsim found ("ok" if none), output lines that some runs
                       never print, "; incomplete (REASON)" if the search stopped early, or the
                       error / timeout
  wall s               wall-clock time of the whole `python -m mpsim check` command
  states/s             states / mpsim's own search time (elapsed_s in its report)
  B/state              (peak RSS - peak RSS of mpsim on a trivial model) / states, for rows
                       with at least {MIN_STATES_FOR_BYTES:,} states
  peak MiB             peak RSS of that mpsim process
  SPIN states, SPIN s  pan's "states, stored" and the wall time of ./pan (compilation excluded)
  Harmony states, s    Harmony's state count and the wall time of the whole harmony command
  TLC s (rec.)         TLC's recorded time (1 worker), see the recorded-figures table
  mpsim/PEER           mpsim's wall s / the peer's s (">" when mpsim timed out)
  Peer columns say n/a when the peer is not installed, has no twin of the model or was not
  asked for (--peers).

Every row runs in its own process from the repo root. Exit status is 1 if any row
failed or timed out, else 0 (findings such as deadlocks are results, not failures;
a target that is not met is not a failure either).""")
    parser.add_argument("benchmark", nargs="?", choices=sorted([*BENCHMARKS, "scale"]),
                        help="which benchmark to run (default with --targets: scale)")
    parser.add_argument("--targets", action="store_true",
                        help="run the scale rows and print the scale issue's target table")
    sizes = parser.add_mutually_exclusive_group()
    sizes.add_argument("--n", metavar="RANGE",
                       help="sizes N to run, e.g. 3-8, 5 or 3,5,7-8 (default: the benchmark's)")
    sizes.add_argument("--quick", action="store_true",
                       help="fast smoke run: small sizes (for scale/--targets: scaled-down rows, "
                            "whose targets are not judged)")
    parser.add_argument("--variants", metavar="LIST",
                        help="comma-separated variants (default: the benchmark's)")
    parser.add_argument("--timeout", type=float, default=120, metavar="SECONDS",
                        help="limit per row for mpsim and for each peer separately (default: 120)")
    parser.add_argument("--max-states", type=int, metavar="K",
                        help="passed to mpsim check as --max-states K (default: mpsim's own)")
    parser.add_argument("--workers", type=int, metavar="W",
                        help="ask mpsim for --workers W on every row (passed only if mpsim has it)")
    parser.add_argument("--peers", default=",".join(PEERS), metavar="LIST",
                        help="peers to run: spin,harmony (default), one of them, or none")
    parser.add_argument("--harmony-workers", type=int, default=1, metavar="W",
                        help="Harmony's -w (default: 1)")
    parser.add_argument("--soundness", action="store_true",
                        help="run every row again with the fingerprint's protections switched "
                             "off and print what soundness costs (states, time)")
    parser.add_argument("--mem-limit", type=float, default=8, metavar="GIB",
                        help="address-space cap for every measured run, mpsim and peers; "
                             "0 for none (default: 8)")
    return parser


def reproduce_command(args, size_spec, variants):
    """The shell command, run from the repo root, that reproduces the tables."""
    python = Path(os.path.normpath(sys.executable))
    if python.is_relative_to(REPO):
        python = python.relative_to(REPO)
    argv = [str(python), "benchmarks/run.py"]
    if args.benchmark == "scale" and args.targets:
        argv.append("--targets")
    else:
        argv.append(args.benchmark)
        if args.targets:
            argv.append("--targets")
    if args.benchmark == "scale":
        if args.quick:
            argv.append("--quick")
    else:
        argv += ["--n", size_spec, "--variants", ",".join(variants)]
    argv += ["--timeout", f"{args.timeout:g}"]
    if args.max_states is not None:
        argv += ["--max-states", str(args.max_states)]
    if args.workers is not None:
        argv += ["--workers", str(args.workers)]
    if args.peers != ",".join(PEERS):
        argv += ["--peers", args.peers]
    if args.harmony_workers != 1:
        argv += ["--harmony-workers", str(args.harmony_workers)]
    if args.mem_limit != 8:
        argv += ["--mem-limit", f"{args.mem_limit:g}"]
    if args.soundness:
        argv.append("--soundness")
    return shlex.join(argv)


def git_revision():
    """Short commit of the repo, with '+dirty' for uncommitted changes."""
    def git(*args):
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True).stdout.strip()
    revision = git("rev-parse", "--short", "HEAD") or "unknown"
    return revision + ("+dirty" if git("status", "--porcelain") else "")


def environment(peers, args, start):
    """Lines naming what was measured: date, revision, Python, peers, CPUs, load.

    `start` is (revision, load average) taken when the run began, so that
    editing the work tree while it runs does not change what it names.
    """
    revision, load_before = start
    spin = (f"{spin_ref.version()} ({spin_ref.description()})" if "spin" in peers
            else "SPIN not run" if "spin" not in parse_peers(args.peers) else "SPIN not installed")
    harmony = (f"{harmony_ref.version()} ({harmony_ref.description(args.harmony_workers)})"
               if "harmony" in peers
               else "Harmony not run" if "harmony" not in parse_peers(args.peers)
               else "Harmony not installed")
    load_after = os.getloadavg()[0]
    cap = "no memory cap" if mem_gib(args) is None else f"memory cap {args.mem_limit:g} GiB per run"
    return "\n".join([
        f"{datetime.date.today().isoformat()}: mpsim {revision}, Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs, load average {load_before:.2f} at the start, {load_after:.2f} at the end; "
        f"timeout {args.timeout:g} s and {cap}, for mpsim and each peer",
        spin, harmony,
        f"TLC: {recorded.SOURCE}"])


def mem_gib(args):
    """The --mem-limit in GiB, or None for no cap."""
    return args.mem_limit if args.mem_limit > 0 else None


def run_row(spec, args, available, peers, scratch):
    """Measure one row: mpsim, then each peer that has a twin of the model."""
    benchmark = BENCHMARKS[spec.benchmark]
    wanted = spec.options()
    if args.workers is not None and spec.workers is None:
        wanted.append(Option("--workers", str(args.workers)))
    passed, missing = mpsim_run.resolve(wanted, available)
    mpsim = None
    if not any(option.required for option in missing):
        cmd = mpsim_run.check_command(benchmark.model, benchmark.model_args(spec.n, spec.variant),
                                      args.max_states, passed)
        mpsim = mpsim_run.run(cmd, REPO, args.timeout, mem_gib(args))
    row = Row(spec, mpsim, passed, missing)
    if args.soundness and mpsim is not None:
        row.unsound = mpsim_run.run(cmd, REPO, args.timeout, mem_gib(args), mpsim_run.UNSOUND_ENV)
    name = f"{spec.benchmark}-{spec.n}-{spec.variant}-{spec.search}"
    if "spin" in peers and benchmark.promela is not None:
        workdir = Path(scratch) / f"spin-{name}"
        workdir.mkdir()
        row.peers["spin"] = spin_ref.check(benchmark.promela(spec.n, spec.variant), workdir,
                                           args.timeout, first=spec.search != "all",
                                           mem_gib=mem_gib(args))
    if "harmony" in peers and benchmark.harmony is not None and spec.search == "all":
        workdir = Path(scratch) / f"harmony-{name}"
        workdir.mkdir()
        row.peers["harmony"] = harmony_ref.check(benchmark.harmony(spec.n, spec.variant), workdir,
                                                 args.timeout, args.harmony_workers, mem_gib(args))
    return row


def _int(value):
    """12345 -> '12,345'."""
    return f"{value:,}"


def ratio_text(ratio, lower_bound=False):
    """3.2 -> '3.2x', 1250 -> '1,250x'; '>' in front when it is a lower bound."""
    text = f"{ratio:.1f}x" if ratio < 10 else f"{ratio:,.0f}x"
    return ("> " + text) if lower_bound else text


def mpsim_ratio(row, peer_seconds):
    """mpsim's wall s / a peer's, or n/a; a lower bound when mpsim timed out."""
    mpsim = row.mpsim
    if mpsim is None or peer_seconds is None or peer_seconds <= 0:
        return "n/a"
    if mpsim.report is None and not mpsim.timed_out:
        return "-"
    return ratio_text(mpsim.wall_s / peer_seconds, lower_bound=mpsim.timed_out)


def bytes_per_state(result, baseline_mib):
    """(peak RSS - baseline) / states, or None when there are too few states to say."""
    if result is None or result.report is None or baseline_mib is None:
        return None
    states = result.report["states"]
    if states < MIN_STATES_FOR_BYTES:
        return None
    return max(0.0, (result.peak_mib - baseline_mib) * MIB / states)


def options_cell(row):
    """The options passed, and the wanted ones that mpsim does not have."""
    parts = [" ".join(row.passed)] if row.passed and row.mpsim is not None else []
    parts += [f"{option.text()}: option not available" for option in row.missing]
    return "; ".join(parts) or "-"


def mpsim_cells(row, baseline_mib):
    """states, transitions, verdict, wall s, states/s, B/state, peak MiB."""
    result = row.mpsim
    if result is None:
        missing = ", ".join(o.text() for o in row.missing if o.required)
        return ["-", "-", f"not run: {missing}: option not available", "-", "-", "-", "-"]
    wall = f"{result.wall_s:.2f}"
    memory = f"{result.peak_mib:.1f}"
    report = result.report
    if report is None:
        return ["-", "-", result.error, wall, "-", "-", memory]
    rate = mpsim_run.states_per_second(report)
    per_state = bytes_per_state(result, baseline_mib)
    verdict = mpsim_run.verdict(report)
    steps = mpsim_run.shortest_steps(report, "deadlock")
    if row.spec.search != "all" and steps is not None:
        verdict += f" (trace: {steps} steps)"
    return [_int(report["states"]), _int(report["transitions"]), verdict,
            wall, "n/a" if rate is None else _int(round(rate)),
            "-" if per_state is None else _int(round(per_state)), memory]


def peer_cells(row, name):
    """PEER states, PEER s, mpsim/PEER, PEER verdict."""
    peer = row.peers.get(name)
    if peer is None:
        return ["n/a"] * 4
    if peer.error is not None:
        return ["-", "-", "-", peer.error]
    return [_int(peer.states), f"{peer.seconds:.3f}", mpsim_ratio(row, peer.seconds), peer.verdict]


def tlc_cells(row):
    """TLC s (recorded, 1 worker), mpsim/TLC."""
    spec = row.spec
    figures = recorded.lookup(spec.benchmark, spec.n, spec.variant) if spec.search == "all" else None
    if figures is None or figures.tlc_s is None:
        return ["n/a", "n/a"]
    return [f"{figures.tlc_s:g}", mpsim_ratio(row, figures.tlc_s)]


def row_cells(row, baseline_mib):
    """All the cells of one row, in HEADERS order."""
    spec = row.spec
    return [spec.benchmark, str(spec.n), spec.variant, spec.search_text(), options_cell(row),
            *mpsim_cells(row, baseline_mib), *peer_cells(row, "spin"), *peer_cells(row, "harmony"),
            *tlc_cells(row)]


SOUNDNESS_HEADERS = ["model", "N", "variant", "states", "states, protections off", "x states",
                     "never merged", "wall s", "wall s, protections off", "x time", "verdict",
                     "verdict, protections off"]


def soundness_cells(row):
    """What soundness costs on one row: states and time with the fingerprint's protections and
    without them, the local states never merged, and both verdicts (or why a run gave none)."""
    spec = row.spec
    sound, unsound = (r.report if r is not None else None for r in (row.mpsim, row.unsound))

    def states(report):
        return _int(report["states"]) if report is not None else "-"

    def wall(result):
        return f"{result.wall_s:.2f}" if result is not None else "-"

    def verdict(result):
        if result is None:
            return "not run"
        return mpsim_run.verdict(result.report) if result.report is not None else result.error

    both = sound is not None and unsound is not None
    return [spec.benchmark, str(spec.n), spec.variant, states(sound), states(unsound),
            ratio_text(sound["states"] / max(unsound["states"], 1)) if both else "-",
            _int(mpsim_run.unmerged(sound)) if sound is not None else "-",
            wall(row.mpsim), wall(row.unsound),
            ratio_text(row.mpsim.wall_s / max(row.unsound.wall_s, 1e-9)) if both else "-",
            verdict(row.mpsim), verdict(row.unsound)]


def _numeric(cell):
    return cell[:1].isdigit() or cell in ("-", "n/a") or cell.startswith("> ")


def markdown_table(headers, rows):
    """A padded Markdown pipe table; numeric-looking columns right-aligned."""
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows)]
    numeric = [all(_numeric(cell) for cell in column)
               for column in zip(*rows)] if rows else [False] * len(headers)

    def line(cells):
        padded = (c.rjust(w) if num else c.ljust(w) for c, w, num in zip(cells, widths, numeric))
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":") if num else "-" * (w + 2)
                          for w, num in zip(widths, numeric)) + "|"
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def failed(row):
    """True if mpsim or a peer failed or timed out on this row (not run for want of an option is
    not a failure: the table says why)."""
    return ((row.mpsim is not None and row.mpsim.error is not None)
            or any(peer.error is not None for peer in row.peers.values()))


def benchmark_specs(name, sizes, variants):
    """The rows of one benchmark: every (N, variant), exhaustive."""
    return [RowSpec(name, n, variant) for n in sizes for variant in variants]


def run_all(specs, args, peers):
    """Measure the mpsim baseline, then every row, reporting progress on stderr."""
    rows = []
    available = mpsim_run.check_options(REPO)
    with tempfile.TemporaryDirectory(prefix="mpsim-bench-") as scratch:
        print("[baseline] mpsim on a trivial model ...", file=sys.stderr, flush=True)
        base = mpsim_run.baseline(scratch, REPO, args.timeout, mem_gib(args))
        baseline_mib = base.peak_mib if base.report is not None else None
        for spec in specs:
            print(f"[{len(rows) + 1}/{len(specs)}] {spec.benchmark} N={spec.n} {spec.variant} "
                  f"search={spec.search} ...", file=sys.stderr, flush=True)
            rows.append(run_row(spec, args, available, peers, scratch))
    return rows, baseline_mib


def print_tables(rows, baseline_mib, args, peers, start, scale, size_spec, variants):
    """The environment, the measured table, the recorded figures and (--targets) the targets."""
    print(environment(peers, args, start))
    baseline = "n/a (the trivial run failed)" if baseline_mib is None else f"{baseline_mib:.1f} MiB"
    print(f"B/state baseline: peak RSS of mpsim on a trivial model = {baseline}")
    print()
    print(markdown_table(HEADERS, [row_cells(row, baseline_mib) for row in rows]))
    print()
    if scale:
        print(f"Recorded figures: {recorded.SOURCE}.")
        print()
        print(markdown_table(recorded.HEADERS, recorded.table_rows()))
        print()
    if args.soundness:
        print("What soundness costs: each row again with the fingerprint's protections switched "
              f"off ({' '.join(f'{k}={v}' for k, v in mpsim_run.UNSOUND_ENV.items())}):")
        print()
        print(markdown_table(SOUNDNESS_HEADERS, [soundness_cells(row) for row in rows]))
        print()
    if args.targets:
        keyed = dict(zip(targets.scale_keys(), rows)) if scale else {}
        print("Targets of the scale issue" + (" (--quick: smaller sizes, not judged)"
                                                if args.quick else "") + ":")
        print()
        evaluated = targets.evaluate(keyed, args.timeout, quick=args.quick,
                                     bytes_per_state=lambda r: bytes_per_state(r, baseline_mib))
        print(markdown_table(targets.HEADERS, evaluated))
        print()
    for peer in parse_peers(args.peers):
        if peer not in peers:
            print(f"{peer} columns are n/a: {peer} is not installed (see benchmarks/README.md).")
    print("Reproduce (from the repo root): " + reproduce_command(args, size_spec, variants))


def main(argv=None):
    """Run the benchmark named in argv, print the tables; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.benchmark is None:
        if not args.targets:
            parser.error("name a benchmark, or give --targets")
        args.benchmark = "scale"
    if args.targets and args.benchmark != "scale":
        parser.error("--targets runs the scale rows: give no benchmark, or 'scale'")
    try:
        peers_wanted = parse_peers(args.peers)
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))

    scale = args.benchmark == "scale"
    size_spec, variants = None, None
    if scale:
        if args.n or args.variants:
            parser.error("scale has fixed rows: --n and --variants do not apply (--quick does)")
        specs = targets.scale_specs(args.quick)
    else:
        benchmark = BENCHMARKS[args.benchmark]
        size_spec = benchmark.quick if args.quick else (args.n or benchmark.sizes)
        try:
            sizes = parse_sizes(size_spec)
            variants = parse_variants(args.variants, benchmark)
        except argparse.ArgumentTypeError as exc:
            parser.error(str(exc))
        specs = benchmark_specs(args.benchmark, sizes, variants)

    available = {"spin": spin_ref.available(), "harmony": harmony_ref.available()}
    peers = [p for p in peers_wanted if available[p]]
    start = git_revision(), os.getloadavg()[0]
    rows, baseline_mib = run_all(specs, args, peers)
    print_tables(rows, baseline_mib, args, peers, start, scale, size_spec, variants)
    return 1 if any(failed(row) for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
