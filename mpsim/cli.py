"""The ``mpsim`` command: check, run, graph, replay.  A thin layer over ``mpsim.api``."""
from __future__ import annotations

import argparse
import json
import os
import sys

from . import api
from .errors import MpsimError
from .render.files import FORMATS, write_file, write_graph
from .render.html import html_report
from .render.reduce import DEFAULT_MAX_NODES
from .report import check_report, run_report


def _split(argv):
    if "--" in argv:
        i = argv.index("--")
        return argv[:i], argv[i + 1:]
    return argv, []


def _parser():
    from .replay import command as replay_command

    p = argparse.ArgumentParser(prog="mpsim", description="Model checker for Python multiprocessing programs.")
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="explore every interleaving and report what can go wrong")
    c.add_argument("model", help="the program, e.g. models/traffic.py")
    c.add_argument("--strategy", choices=["bfs", "dfs"], default="bfs")
    c.add_argument("--max-states", type=_positive, metavar="N")
    c.add_argument("--max-depth", type=_positive, metavar="N")
    c.add_argument("--time-limit", type=float, metavar="SECONDS")
    c.add_argument("--start-method", choices=["spawn", "fork"])
    c.add_argument("--json", action="store_true", help="print one JSON object")
    c.add_argument("--graph", type=_graph_file, metavar="FILE",
                   help="also write the state graph (.dot, .svg, .png, .json)")
    c.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report")
    c.add_argument("--max-nodes", type=_positive, default=DEFAULT_MAX_NODES, metavar="N",
                   help=f"draw at most about N states (default {DEFAULT_MAX_NODES})")
    r = sub.add_parser("run", help="follow one schedule and print its trace and output")
    r.add_argument("model")
    r.add_argument("--schedule", required=True, help="a schedule printed by 'mpsim check'")
    r.add_argument("--start-method", choices=["spawn", "fork"])
    r.add_argument("--json", action="store_true")
    g = sub.add_parser("graph", help="draw the state graph: -o FILE.dot, .svg, .png or .json")
    g.add_argument("model")
    g.add_argument("-o", "--output", type=_graph_file, required=True, metavar="FILE",
                   help="format from the extension")
    g.add_argument("--max-nodes", type=_positive, default=DEFAULT_MAX_NODES, metavar="N",
                   help="above N states draw the findings' paths and their neighbourhood "
                        f"(default {DEFAULT_MAX_NODES})")
    g.add_argument("--strategy", choices=["bfs", "dfs"], default="bfs")
    g.add_argument("--max-states", type=_positive, metavar="N")
    g.add_argument("--max-depth", type=_positive, metavar="N")
    g.add_argument("--time-limit", type=float, metavar="SECONDS")
    g.add_argument("--start-method", choices=["spawn", "fork"])
    replay_command.add_arguments(sub, c)
    return p


def _positive(text):
    n = int(text)
    if n <= 0:
        raise argparse.ArgumentTypeError("must be a positive integer")
    return n


def _graph_file(text):
    if os.path.splitext(text)[1].lstrip(".").lower() not in FORMATS:
        raise argparse.ArgumentTypeError("name the file .dot, .svg, .png or .json")
    return text


def main(argv=None) -> int:
    from .replay import command as replay_command

    if argv is None:
        argv = sys.argv[1:]
    own, model_argv = _split(argv)
    args = _parser().parse_args(own)
    err = sys.stderr
    try:
        if args.command in ("check", "graph"):
            quiet = args.command == "check" and args.json
            result = api.check(args.model, model_argv, strategy=args.strategy,
                               max_states=args.max_states, max_depth=args.max_depth,
                               time_limit=args.time_limit, start_method=args.start_method,
                               progress=None if quiet else lambda m: print(m, file=err, flush=True))
            if args.command == "graph":
                print(write_graph(result.graph, args.output, args.max_nodes))
                return 0
            if args.json:
                data = result.to_json()
                if args.confirm:
                    data["confirmations"] = replay_command.confirm(result, args.start_method, quiet=True)
                print(json.dumps(data, indent=1, ensure_ascii=False))
            else:
                sys.stdout.write(check_report(result, args.start_method))
                if args.confirm and replay_command.confirm(result, args.start_method) is None:
                    return replay_command.INTERRUPTED
            if args.html:
                write_file(args.html, html_report(result, args.start_method, args.max_nodes))
                print(f"mpsim: wrote {args.html}", file=err)
            if args.graph:
                print(f"mpsim: {write_graph(result.graph, args.graph, args.max_nodes)}", file=err)
            return result.exit_code
        if args.command == "replay":
            return replay_command.run(args, model_argv)
        r = api.run(args.model, args.schedule, model_argv, start_method=args.start_method)
        if args.json:
            print(json.dumps({"model": r.model, "schedule": r.schedule, "outcome": r.outcome,
                              "steps": [s._asdict() for s in r.steps], "final_state": r.final_state,
                              "exit_codes": r.exit_codes}, indent=1, ensure_ascii=False))
        else:
            sys.stdout.write(run_report(r))
        return 0
    except MpsimError as exc:
        print(f"mpsim: {exc}", file=err)
        return 2


if __name__ == "__main__":
    sys.exit(main())
