"""What one row of the tables is: what to measure (RowSpec) and what was measured (Row)."""
from dataclasses import dataclass, field

import mpsim_run
from mpsim_run import Option


@dataclass(frozen=True)
class RowSpec:
    """One row to measure.

    search: "all" (exhaustive), "first" (stop at the first finding,
    breadth-first: the row is not run unless mpsim has --stop-at-first) or
    "first-if-available" (stop at the first finding if mpsim can, else
    search everything).  workers: --workers N, passed if mpsim has it.
    """
    benchmark: str
    n: int
    variant: str
    search: str = "all"
    workers: int | None = None

    def options(self):
        """The mpsim options this row asks for."""
        wanted = []
        if self.search != "all":
            wanted += [Option("--strategy", "bfs"),
                       Option("--stop-at-first", required=self.search == "first")]
        if self.workers is not None:
            wanted.append(Option("--workers", str(self.workers)))
        return wanted

    def search_text(self):
        return {"all": "all", "first": "first (BFS)", "first-if-available": "first (BFS)"}[self.search]


@dataclass
class Row:
    """One table row: the mpsim run (None if it could not be run) and the peers'."""
    spec: RowSpec
    mpsim: mpsim_run.MpsimResult | None
    passed: list[str]                      # the mpsim options passed
    missing: list[Option]                  # wanted options mpsim does not have
    peers: dict = field(default_factory=dict)   # "spin"/"harmony" -> PeerResult
    unsound: mpsim_run.MpsimResult | None = None  # --soundness: the fingerprint's protections off
