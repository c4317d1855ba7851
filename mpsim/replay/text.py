"""The text of a replay: the trace the real processes followed, and the verdict in one line."""
from __future__ import annotations

import shlex

from ..report import step_lines


def command(model, argv, schedule, start_method=None) -> str:
    words = ["mpsim", "replay", model, "--schedule", schedule]
    if start_method:
        words += ["--start-method", start_method]
    if argv:
        words += ["--", *argv]
    return " ".join(shlex.quote(w) for w in words)


def replay_report(r, start_method=None) -> str:
    lines = [command(r.model, r.argv, r.schedule, start_method),
             f"  real multiprocessing ({r.start_method}): every step below happened on real "
             "processes, with the result the simulator predicted", ""]
    blocked = [shown._replace(result=f"blocks  [{proof}]" if proof else "blocks")
               for shown, proof in r.blocked]
    lines.extend(step_lines(r.steps + blocked))
    lines.append("")
    codes = ", ".join(f"{k} {'stopped' if c is None else c}" for k, c in r.exit_codes.items())
    lines.append(f"exit codes: {codes}")
    if len(r.steps) > r.given:
        lines.append(f"schedule followed: {r.followed}")
    lines.extend(f"note: {n}" for n in r.notes)
    lines.append(f"{verdict(r)}; {r.elapsed_s:.2f} s")
    return "\n".join(lines) + "\n"


def verdict(r) -> str:
    head = f"confirmed on real primitives ({r.start_method})"
    if r.outcome == "deadlock":
        asleep = ", ".join(f"{shown.process} in {proof.wchan or proof.state}"
                           for shown, proof in r.blocked if proof is not None)
        feeders = "".join(f", and {name}'s queue feeder thread stayed blocked writing into the "
                          "full pipe" for name in r.feeders_blocked)
        return (f"{head}: deadlock - {len(r.blocked)} real processes stayed blocked where the "
                "simulator predicted" + (f" (asleep in the kernel: {asleep})" if asleep else "")
                + feeders + "; then they were stopped")
    died = "".join(f", {name} raised {line}" for name, line in r.deaths)
    if r.outcome == "finished":
        return f"{head}: the program ended as predicted{died}, same output and exit codes"
    return (f"{head}: all {len(r.steps)} steps followed{died}; the program could go on (a real run "
            "cannot show that it never ends), so the real processes were stopped")


def confirmation(r) -> str:
    """One line for ``check --confirm``."""
    return f"{verdict(r)}; {r.elapsed_s:.2f} s"
