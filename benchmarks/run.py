"""Benchmark harness for mpsim, with SPIN as a reference point.

Runs `mpsim check --json` on a benchmark model for a range of sizes and
variants, one child process per row, and prints a Markdown table of state
counts, verdicts, time and peak memory.  When `spin` (and gcc) are
installed, an equivalent Promela model is verified by SPIN for each row and
its state count and time are shown beside mpsim's.  The table ends with the
exact command that reproduces it.

    python benchmarks/run.py philosophers            # N = 3..8, naive and ordered
    python benchmarks/run.py philosophers --quick    # N = 3..5 smoke run
"""
import argparse
import os
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import mpsim_run
import spin_ref

REPO = Path(__file__).resolve().parent.parent
QUICK_SIZES = "3-5"


@dataclass(frozen=True)
class Benchmark:
    """A model to check at several sizes and variants, and its Promela twin."""
    model: str                                   # path relative to the repo root
    variants: tuple[str, ...]
    model_args: Callable[[int, str], list[str]]  # (N, variant) -> the model's argv
    promela: Callable[[int, str], str] | None    # (N, variant) -> Promela text, if any


BENCHMARKS = {
    "philosophers": Benchmark(
        model="models/philosophers.py",
        variants=("naive", "ordered"),
        model_args=lambda n, variant: [str(n), variant, "forever"],
        promela=spin_ref.philosophers_promela,
    ),
    # Queue-based producers/consumer: N items per producer, variant = number of producers.
    "prodcons": Benchmark(
        model="models/producer_consumer.py",
        variants=("1", "2"),
        model_args=lambda n, variant: [str(n), variant],
        promela=None,
    ),
}

HEADERS = ["model", "N", "variant", "states", "transitions", "verdict", "wall s",
           "states/s", "peak MiB", "SPIN states", "SPIN s", "mpsim/SPIN", "SPIN verdict"]


@dataclass
class Row:
    """One table row: a measured mpsim run and, if SPIN ran, its result."""
    benchmark: str
    n: int
    variant: str
    mpsim: mpsim_run.MpsimResult
    spin: spin_ref.SpinResult | None


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
    variants = spec.split(",") if spec else list(benchmark.variants)
    unknown = [v for v in variants if v not in benchmark.variants]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown variant(s) {', '.join(unknown)}; choose from {', '.join(benchmark.variants)}")
    return variants


def build_parser():
    """The command-line parser; --help explains every column and option."""
    parser = argparse.ArgumentParser(
        prog="benchmarks/run.py",
        description="Benchmark mpsim (optionally against SPIN) and print a Markdown table.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="""\
benchmarks:
  philosophers  dining philosophers, forever form (models/philosophers.py N VARIANT forever);
                variants: naive (deadlocks), ordered (lower fork first, no deadlock)

columns:
  states, transitions  as reported by mpsim
  verdict              violation kinds mpsim found ("ok" if none); "; incomplete (REASON)"
                       when the search stopped early, or the error / timeout
  wall s               wall-clock time of the whole `python -m mpsim check` command
  states/s             states / mpsim's own search time (elapsed_s in its report)
  peak MiB             peak RSS of that mpsim process alone
  SPIN states          pan's "states, stored" for the equivalent Promela model
  SPIN s               wall-clock time of the pan search (compilation excluded)
  mpsim/SPIN           wall s / SPIN s
  SPIN verdict         "deadlock" if pan found an invalid end state, else "ok"
  The SPIN columns say n/a unless `spin` and gcc are installed (apt-get install spin).

Every row runs in its own process from the repo root. Exit status is 1 if any row
failed or timed out, else 0 (findings such as deadlocks are results, not failures).""")
    parser.add_argument("benchmark", choices=sorted(BENCHMARKS), help="which benchmark to run")
    sizes = parser.add_mutually_exclusive_group()
    sizes.add_argument("--n", default="3-8", metavar="RANGE",
                       help="sizes N to run, e.g. 3-8, 5 or 3,5,7-8 (default: 3-8)")
    sizes.add_argument("--quick", action="store_true",
                       help=f"fast smoke run, same as --n {QUICK_SIZES}")
    parser.add_argument("--variants", metavar="LIST",
                        help="comma-separated variants (default: all of the benchmark's)")
    parser.add_argument("--timeout", type=float, default=120, metavar="SECONDS",
                        help="limit per row, for mpsim and for SPIN separately (default: 120)")
    parser.add_argument("--max-states", type=int, metavar="K",
                        help="passed to mpsim check as --max-states K (default: mpsim's own)")
    return parser


def reproduce_command(name, size_spec, variants, timeout, max_states):
    """The shell command, run from the repo root, that reproduces the table."""
    python = Path(os.path.normpath(sys.executable))
    if python.is_relative_to(REPO):
        python = python.relative_to(REPO)
    argv = [str(python), "benchmarks/run.py", name, "--n", size_spec,
            "--variants", ",".join(variants), "--timeout", f"{timeout:g}"]
    if max_states is not None:
        argv += ["--max-states", str(max_states)]
    return shlex.join(argv)


def git_revision():
    """Short commit of the repo, with '+dirty' for uncommitted changes."""
    def git(*args):
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True).stdout.strip()
    revision = git("rev-parse", "--short", "HEAD") or "unknown"
    return revision + ("+dirty" if git("status", "--porcelain") else "")


def environment(with_spin):
    """One line naming what was measured: revision, Python, SPIN, CPUs."""
    spin = (f"{spin_ref.version()} (pan: gcc {' '.join(spin_ref.PAN_CFLAGS)}, ./pan -c0)"
            if with_spin else "SPIN not installed")
    return f"mpsim {git_revision()}, Python {sys.version.split()[0]}, {spin}, {os.cpu_count()} CPUs"


def run_row(name, benchmark, n, variant, args, scratch):
    """Measure one (N, variant): mpsim, then SPIN if `scratch` is a directory."""
    cmd = mpsim_run.check_command(benchmark.model, benchmark.model_args(n, variant), args.max_states)
    mpsim = mpsim_run.run(cmd, REPO, args.timeout)
    spin = None
    if scratch is not None and benchmark.promela is not None:
        workdir = Path(scratch) / f"{name}-{n}-{variant}"
        workdir.mkdir()
        spin = spin_ref.check(benchmark.promela(n, variant), workdir, args.timeout)
    return Row(name, n, variant, mpsim, spin)


def _int(value):
    """12345 -> '12,345'."""
    return f"{value:,}"


def _ratio(mpsim_s, spin_s):
    """How many times slower mpsim was, e.g. '3.2x' or '1,250x'."""
    if spin_s <= 0:
        return "n/a"
    ratio = mpsim_s / spin_s
    return f"{ratio:.1f}x" if ratio < 10 else f"{ratio:,.0f}x"


def mpsim_cells(result):
    """states, transitions, verdict, wall s, states/s, peak MiB."""
    wall = f"{result.wall_s:.2f}"
    memory = f"{result.peak_mib:.1f}"
    report = result.report
    if report is None:
        return ["-", "-", f"error: {result.error}", wall, "-", memory]
    rate = mpsim_run.states_per_second(report)
    return [_int(report["states"]), _int(report["transitions"]), mpsim_run.verdict(report),
            wall, "n/a" if rate is None else _int(round(rate)), memory]


def spin_cells(row):
    """SPIN states, SPIN s, mpsim/SPIN, SPIN verdict."""
    spin = row.spin
    if spin is None:
        return ["n/a"] * 4
    if spin.error is not None:
        return ["-", "-", "-", f"error: {spin.error}"]
    return [_int(spin.states), f"{spin.seconds:.3f}", _ratio(row.mpsim.wall_s, spin.seconds),
            spin.verdict]


def row_cells(row):
    """All the cells of one row, in HEADERS order."""
    return [row.benchmark, str(row.n), row.variant, *mpsim_cells(row.mpsim), *spin_cells(row)]


def markdown_table(headers, rows):
    """A padded Markdown pipe table; numeric-looking columns right-aligned."""
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows)]
    numeric = [all(cell[:1].isdigit() or cell in ("-", "n/a") for cell in column)
               for column in zip(*rows)] if rows else [False] * len(headers)

    def line(cells):
        padded = (c.rjust(w) if num else c.ljust(w) for c, w, num in zip(cells, widths, numeric))
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":") if num else "-" * (w + 2)
                          for w, num in zip(widths, numeric)) + "|"
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def failed(row):
    """True if mpsim or SPIN failed or timed out on this row."""
    return row.mpsim.error is not None or (row.spin is not None and row.spin.error is not None)


def run_all(name, benchmark, sizes, variants, args, with_spin):
    """Run every (N, variant) row, reporting progress on stderr."""
    rows = []
    total = len(sizes) * len(variants)
    with tempfile.TemporaryDirectory(prefix="mpsim-bench-") as scratch:
        for n in sizes:
            for variant in variants:
                print(f"[{len(rows) + 1}/{total}] {name} N={n} {variant} ...",
                      file=sys.stderr, flush=True)
                rows.append(run_row(name, benchmark, n, variant, args,
                                    scratch if with_spin else None))
    return rows


def main(argv=None):
    """Run the benchmark named in argv, print the table; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    benchmark = BENCHMARKS[args.benchmark]
    size_spec = QUICK_SIZES if args.quick else args.n
    try:
        sizes = parse_sizes(size_spec)
        variants = parse_variants(args.variants, benchmark)
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))

    with_spin = spin_ref.available()
    rows = run_all(args.benchmark, benchmark, sizes, variants, args, with_spin)

    print(environment(with_spin))
    print()
    print(markdown_table(HEADERS, [row_cells(row) for row in rows]))
    print()
    if not with_spin:
        print("SPIN columns are n/a: `apt-get install spin` (and gcc) adds them.")
    print("Reproduce (from the repo root): "
          + reproduce_command(args.benchmark, size_spec, variants, args.timeout, args.max_states))
    return 1 if any(failed(row) for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
