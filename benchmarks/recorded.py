"""Figures recorded once, kept as constants: TLC (not installed here), and the
SPIN and mpsim figures the scale issue started from.

Source: the open scale issue's table, measured on this 2-core development
machine with the philosophers in the forever form (TLC on the TLA+ twin,
SPIN 6.5 without partial-order reduction).  They are shown beside the
figures that benchmarks/run.py measures; they are never re-measured.
"""
from dataclasses import dataclass

SOURCE = "from the scale issue, measured on this 2-core machine; recorded, not re-measured"


@dataclass(frozen=True)
class Recorded:
    """One benchmark's recorded figures; None where the issue gives none."""
    spin_s: float | None = None            # SPIN 6.5, no POR, wall s
    tlc_s: float | None = None             # TLC, 1 worker, wall s
    tlc2_s: float | None = None            # TLC, 2 workers, wall s
    mpsim_s: float | None = None           # mpsim before the scale work, wall s
    mpsim_states: int | None = None
    mpsim_memory: str | None = None        # as the issue wrote it


# (benchmark, N, variant) -> figures; exhaustive searches.
RECORDED = {
    ("philosophers", 10, "ordered"): Recorded(spin_s=0.33, tlc_s=15.0, mpsim_s=49.0,
                                              mpsim_states=182_612, mpsim_memory="643 MiB"),
    ("philosophers", 10, "naive"): Recorded(spin_s=0.49, tlc_s=12.3, mpsim_s=69.6,
                                            mpsim_states=234_491, mpsim_memory="826 MiB"),
    ("philosophers", 12, "ordered"): Recorded(spin_s=3.7, tlc_s=191.0, tlc2_s=42.0, mpsim_s=617.0,
                                              mpsim_states=1_991_998, mpsim_memory="7.8 GB"),
}


def lookup(benchmark, n, variant):
    """The recorded figures of an exhaustive (benchmark, N, variant), or None."""
    return RECORDED.get((benchmark, n, variant))


def _seconds(value):
    """49.0 -> '49', 69.6 -> '69.6 (1 min 10 s)', None -> '-'."""
    if value is None:
        return "-"
    if value >= 60:
        minutes, seconds = divmod(round(value), 60)
        return f"{value:g} ({minutes} min {seconds} s)"
    return f"{value:g}"


def table_rows():
    """Rows for the recorded-figures table, in HEADERS order."""
    rows = []
    for (benchmark, n, variant), r in RECORDED.items():
        rows.append([benchmark, str(n), variant, _seconds(r.spin_s), _seconds(r.tlc_s),
                     _seconds(r.tlc2_s), _seconds(r.mpsim_s),
                     "-" if r.mpsim_states is None else f"{r.mpsim_states:,}",
                     r.mpsim_memory or "-"])
    return rows


HEADERS = ["model", "N", "variant", "SPIN 6.5 s", "TLC s (1 worker)", "TLC s (2 workers)",
           "mpsim s (before)", "mpsim states (before)", "mpsim memory (before)"]
