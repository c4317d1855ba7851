"""The ``mpsim`` command: check, run, graph, replay, examples.  A thin layer over ``mpsim.api``.

Exit codes: 0 complete and no findings; 1 findings (``mpsim replay``: the real processes did
something else, or cannot be made to follow the schedule); 2 usage or model error (a missing file,
a syntax error, an API mpsim does not model, a bad schedule, a missing tool); 3 the search was cut
short by a budget with no finding; 4 an internal error (a bug in mpsim); 130 interrupted by
Ctrl-C, 143 by SIGTERM (a search then reports what it explored: "INCOMPLETE: interrupted").  With
several models, the worst of theirs in the order 4 > 2 > 1 > 3 > 0.

With ``--json`` stdout is exactly one JSON object whatever happens, usage errors included; its
format is ``mpsim/schema/mpsim-report-2.schema.json`` (``"schema": "mpsim-report/2"``).
Defaults for the options come from ``[tool.mpsim]`` in the nearest pyproject.toml
(``mpsim.defaults``); the command line wins.
"""
from __future__ import annotations

import argparse
import atexit
import contextlib
import gc
import json
import os
import re
import signal
import sys
import threading
import time
import traceback

# The search (``api`` and what it imports) and the [tool.mpsim] reader load only once the command
# has started the zygote (``main``), so that the two start-ups overlap; the drawings, the file
# formats and the bundled examples when used.
from . import i18n, progress, startmethods
from .errors import (DidNotReproduce, GraphvizMissing, Interrupted, ModelUsage, MpsimError,
                     NotEnforceable, ReplayError, ScheduleError, UnsupportedAPI)
from .i18n import N_, _
from .render import DEFAULT_MAX_NODES, FORMATS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INCOMPLETE, EXIT_INTERNAL = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130  # as a shell reports a process stopped by Ctrl-C
SEVERITY = (EXIT_INTERNAL, EXIT_ERROR, EXIT_FINDINGS, EXIT_INCOMPLETE, EXIT_CLEAN)  # worst first
JSON_COMMANDS = ("check", "run", "replay")
SIMULATING = ("check", "run", "graph", "replay")  # the commands that run the simulator

EPILOG = """\
exit codes: 0 complete, no findings; 1 findings; 2 usage or model error; 3 the search was cut
short by a budget with no finding; 4 internal error; 130 interrupted by Ctrl-C, 143 by SIGTERM
(the report says what was explored).  Several models: the worst, in the order 4 > 2 > 1 > 3 > 0.
Words after -- become the model's sys.argv[1:].
Defaults: [tool.mpsim] in the nearest pyproject.toml (e.g. time-limit = 60)."""


def worst(codes) -> int:
    """The exit code of several checks: the first of SEVERITY among them."""
    codes = list(codes)
    return min(codes, key=SEVERITY.index) if codes else EXIT_CLEAN


def version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version as installed
        return installed("mpsim")
    except PackageNotFoundError:
        return "unknown (not installed)"


class _Version(argparse._VersionAction):
    """``--version``: the installed version is looked up only when asked for."""

    def __call__(self, parser, namespace, values, option_string=None):
        self.version = f"mpsim {version()}"
        super().__call__(parser, namespace, values, option_string)


def python_problem(implementation=None, version_info=None) -> str | None:
    """Why this interpreter cannot run mpsim, or None.

    The engine reads CPython 3.11's frame internals, which 3.10 and 3.12+ lay out differently:
    rather than risk a wrong verdict on them, the command refuses to run - 3.12 and later
    included, until the engine supports them.  requires-python is ">=3.11" without an upper
    bound, so pip installs mpsim on a newer Python and this message says what is wrong (an
    upper bound would make pip pick an old release instead)."""
    impl = implementation or sys.implementation.name
    v = version_info or sys.version_info
    if impl == "cpython" and tuple(v[:2]) == (3, 11):
        return None
    name = {"cpython": "CPython", "pypy": "PyPy"}.get(impl, impl)
    return (f"mpsim needs CPython 3.11 (its engine reads CPython 3.11's frame internals); this is "
            f"{name} {'.'.join(str(n) for n in v[:3])} ({sys.executable}). Install and run "
            "mpsim with a CPython 3.11 interpreter, e.g. python3.11 -m pip install mpsim")


# -- errors ----------------------------------------------------------------------------------------

class UsageError(Exception):
    """A bad command line or [tool.mpsim] setting (exit code 2)."""

    def __init__(self, message, usage="", prog="mpsim"):
        super().__init__(message)
        self.usage = usage
        self.prog = prog


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message, self.format_usage(), self.prog)


_LINE = re.compile(r"^(.+?:\d+): ")


def error_kind(exc) -> str:
    if isinstance(exc, ModelUsage):
        return "usage"
    if isinstance(exc, UnsupportedAPI):
        return "unsupported"
    if isinstance(exc, ScheduleError):
        return "schedule"
    if isinstance(exc, ReplayError):
        return "replay"
    if isinstance(exc, GraphvizMissing):
        return "environment"
    return "model"


def error_object(kind, message, model=None) -> dict:
    """The JSON form of an error: ``line`` is the model's "file:line" the message starts with."""
    from .api import SCHEMA
    m = _LINE.match(message)
    data = {"schema": SCHEMA}
    if model is not None:
        data["model"] = model
    data["error"] = {"kind": kind, "message": message, "line": m.group(1) if m else None}
    return data


class _Output:
    """Where results and errors go: text on stdout/stderr, or exactly one JSON object on stdout."""

    def __init__(self, json_mode=False):
        self.json = json_mode

    def emit(self, data):
        sys.stdout.write(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        sys.stdout.flush()

    def error(self, kind, message, code=EXIT_ERROR, model=None):
        if self.json:
            self.emit(error_object(kind, message, model))
        else:
            print(f"mpsim: {message}", file=sys.stderr)
        return code

    def usage_error(self, exc):
        if self.json:
            self.emit(error_object("usage", f"{exc.prog}: {exc}"))
        else:
            sys.stderr.write(f"{exc.usage}{exc.prog}: error: {exc}\n")
        return EXIT_ERROR

    def internal(self, exc, model=None):
        message = (f"internal error (a bug in mpsim; please report it with the model): "
                   f"{type(exc).__name__}: {exc}")
        if not self.json:
            traceback.print_exception(exc, file=sys.stderr)
        return self.error("internal", message, EXIT_INTERNAL, model)


# -- the command line ------------------------------------------------------------------------------

def _positive(text):
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a positive integer (got {text!r})") from None
    if n <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive integer (got {text!r})")
    return n


def _natural(text):
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, 0 or more (got {text!r})") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number, 0 or more (got {text!r})")
    return n


def _seconds(text):
    try:
        n = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds (got {text!r})") from None
    if not n > 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds (got {text!r})")
    return n


def _graph_file(text):
    if os.path.splitext(text)[1].lstrip(".").lower() not in FORMATS:
        raise argparse.ArgumentTypeError("name the file .dot, .svg, .png or .json")
    return _output_file(text)


def _output_file(text):
    folder = os.path.dirname(text)
    if folder and not os.path.isdir(folder):
        raise argparse.ArgumentTypeError(f"no such directory: {folder}")
    return text


def _example(name):
    from . import bundled
    found = bundled.examples()
    if name not in found:
        raise argparse.ArgumentTypeError(f"no bundled example {name!r} (the examples: "
                                         f"{', '.join(found) or 'none installed'})")
    return bundled.shown_path(found[name])


def _search_options(p):
    from .api import UNTIMED_STATES
    from .search.local import STEP_TIMEOUT
    from .search.strategies import NAMES as STRATEGY_NAMES
    p.add_argument("--strategy", choices=list(STRATEGY_NAMES), default="bfs",
                   help="bfs: breadth-first (default: each finding with its shortest trace); dfs: "
                        "depth-first; preemption: the runs with the fewest preemptions first "
                        "(for spaces too big to explore in full: says for how many preemptions it "
                        "is complete); pct: random runs with a probability of finding each bug of "
                        "a given depth; auto: bfs within the budget, then preemption")
    p.add_argument("--stop-at-first", action="store_true",
                   help="stop at the first finding (with bfs: a shortest one)")
    p.add_argument("--max-preemptions", type=_natural, metavar="K",
                   help="with --strategy preemption or auto: explore only the runs with at most K "
                        "preemptions")
    p.add_argument("--runs", type=_positive, metavar="N",
                   help="with --strategy pct: make N random runs (default 1,000 without a budget)")
    p.add_argument("--pct-depth", type=_positive, metavar="D",
                   help="with --strategy pct: the depth of the bugs its guarantee is for (default 3)")
    p.add_argument("--seed", type=_natural, metavar="S",
                   help="with --strategy pct: the random seed (default 0: the same runs every time)")
    p.add_argument("--reduce", action=argparse.BooleanOptionalAction, default=True,
                   help="explore a start() or a child's first run that no other process can tell "
                        "from a later one in one order only (partial-order reduction: the same "
                        "findings in fewer states; default: on, --no-reduce for every interleaving)")
    p.add_argument("--workers", type=_positive, metavar="N", default=1,
                   help="run up to N simulated processes' steps at once, on this machine's cores "
                        "(the same states and findings as one at a time; default 1)")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="run the simulated processes' steps on the workers of the Dask cluster "
                        "whose scheduler is at ADDRESS (tcp://host:8786); every worker must see "
                        "the model's files at the same path (needs: pip install 'mpsim[dask]')")
    p.add_argument("--max-states", type=_positive, metavar="N",
                   help="stop after exploring N states (the result is then incomplete)")
    p.add_argument("--max-depth", type=_positive, metavar="N",
                   help="do not explore beyond N steps from the start")
    p.add_argument("--time-limit", type=_seconds, metavar="SECONDS",
                   help="stop the search after SECONDS (counted from the command's start)")
    p.add_argument("--step-limit", type=_seconds, metavar="SECONDS",
                   help="a process that runs its own code for SECONDS without reaching an "
                        f"operation runs for ever there (default {STEP_TIMEOUT:g})")
    p.add_argument("--start-method", action=_Repeated, choices=startmethods.METHODS,
                   metavar="METHOD", help="search only under this default start method "
                   "(fork, spawn, forkserver; repeatable). Default: every one CPython may give a "
                   "program that does not set its own")
    p.add_argument("--platform", choices=startmethods.PLATFORMS,
                   help="search under the default start method(s) of this platform")
    p.add_argument("--python", choices=startmethods.PYTHONS, metavar="VERSION",
                   help="... and of this Python version (3.11-3.14): fork on Linux up to 3.13, "
                        "forkserver on Linux from 3.14, spawn on macOS and Windows")
    p.add_argument("--untimed", action="store_true",
                   help="stress mode: any timeout may expire, and any sleep end, as soon as its "
                        "operation would wait (default: one virtual clock, plus an untimed search "
                        "for the findings that need such timing)")
    p.add_argument("--untimed-states", type=_natural, metavar="N",
                   default=UNTIMED_STATES,
                   help="the budget of the untimed searches, in states, shared by the start "
                        f"methods (default: {UNTIMED_STATES:,}; 0: none)")


class _Repeated(argparse.Action):
    """A repeatable option: its values on the command line replace a [tool.mpsim] default
    (argparse's "append" would add to it)."""

    def __call__(self, parser, namespace, values, option_string=None):
        given = f"_{self.dest}_given"
        items = list(getattr(namespace, self.dest) or []) if getattr(namespace, given, False) else []
        setattr(namespace, self.dest, items + [values])
        setattr(namespace, given, True)


def _search_kwargs(args) -> dict:
    """The search options of ``check`` and ``graph``, as ``api.check`` takes them.  The first
    check's time limit counts from the command's start (``args.started``), the others' from
    their own."""
    started, args.started = args.started, None
    methods = args.start_method or None
    if methods and (args.platform or args.python):
        if getattr(args, "_start_method_given", False):
            raise UsageError("give --start-method, or --platform and --python, not both",
                             *_usage_of("check"))
        methods = None  # [tool.mpsim] start-method yields to --platform/--python given here
    return dict(strategy=args.strategy, max_states=args.max_states, max_depth=args.max_depth,
                time_limit=args.time_limit, start_methods=methods, platform=args.platform,
                python=args.python, untimed=args.untimed, untimed_states=args.untimed_states,
                stop_at_first=args.stop_at_first, max_preemptions=args.max_preemptions,
                runs=args.runs, pct_depth=args.pct_depth, seed=args.seed,
                step_limit=args.step_limit, started=started, workers=args.workers,
                dask=args.dask, reduce=args.reduce)


def process_started() -> float:
    """When this process started, on the ``time.monotonic()`` clock (Linux: from /proc; elsewhere
    now): the command's start-up counts against its time limit."""
    now = time.monotonic()
    try:
        with open("/proc/self/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        ticks = int(fields[19])  # starttime: clock ticks after boot
        since = time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return now
    return now - since if 0 <= since < 60 else now


def _json_option(p, what):
    p.add_argument("--json", action=argparse.BooleanOptionalAction, default=False,
                   help=f"print {what} as one JSON object on stdout, errors included "
                        "(--no-json: text, despite json = true in [tool.mpsim])")


def _lang_option(p):
    p.add_argument("--lang", choices=sorted(i18n.LANGUAGES),
                   help="the language of the report: en (English) or zh (Chinese); default: the "
                        "locale's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)")


def _example_option(p):
    p.add_argument("--example", type=_example, metavar="NAME",
                   help="a bundled example model instead of a file (see 'mpsim examples')")


# Help for the arguments other modules define without one.
_HELP = {"model": "the program, e.g. models/abba.py", "start_method": "the default start method "
         "(a schedule found under one names it, mpsim2:fork:...; default: spawn)"}


def parser(config=None) -> argparse.ArgumentParser:
    """The command line, with ``config`` ({dest: value} from [tool.mpsim]) as defaults."""
    fmt = argparse.RawDescriptionHelpFormatter
    p = _Parser(prog="mpsim", description="A model checker for Python multiprocessing programs: it "
                "runs an unmodified program\nin a simulator and explores every interleaving of its "
                "processes.", epilog=EPILOG, formatter_class=fmt)
    p.add_argument("--version", action=_Version, help="print mpsim's version and exit")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND",
                           parser_class=_Parser,
                           help="what to do ('mpsim COMMAND --help' for its options)")
    c = sub.add_parser("check", help="explore every interleaving and report what can go wrong",
                       description="Explore every interleaving of each model and report each "
                                   "deadlock, uncaught exception\nand endless loop.",
                       epilog=EPILOG, formatter_class=fmt)
    c.add_argument("model", nargs="*", metavar="MODEL",
                   help="the program(s) to check, e.g. models/*.py (each is checked on its own)")
    c.add_argument("--example", type=_example, metavar="NAME", action="append", default=[],
                   help="check a bundled example model (see 'mpsim examples'); repeatable")
    _search_options(c)
    _json_option(c, "the report")
    c.add_argument("--find", metavar="TEXT",
                   help="can this happen? the shortest run that prints a line containing TEXT, "
                        "or (over a complete search) the proof that none does")
    c.add_argument("--piped", action="store_true",
                   help="the possible outputs as a pipe or a file receives them (block-buffered: "
                        "each process's lines come out when it flushes); default: a terminal")
    _lang_option(c)
    c.add_argument("--junit", type=_output_file, metavar="FILE",
                   help="also write a JUnit XML file: one test case per model, a failure per "
                        "finding")
    c.add_argument("--sarif", type=_output_file, metavar="FILE",
                   help="also write a SARIF 2.1.0 file: one result per finding, at its source "
                        "lines")
    c.add_argument("--graph", type=_graph_file, metavar="FILE",
                   help="also write the state graph (.dot, .svg, .png, .json); one model only")
    c.add_argument("--html", type=_output_file, metavar="FILE",
                   help="also write a self-contained HTML report; one model only")
    c.add_argument("--max-nodes", type=_positive, default=DEFAULT_MAX_NODES, metavar="N",
                   help=f"draw at most about N states (default {DEFAULT_MAX_NODES})")

    r = sub.add_parser("run", help="follow one schedule and print its trace and output",
                       description="Follow one schedule (printed by 'mpsim check') in the "
                                   "simulator and print its trace, output and outcome.")
    r.add_argument("model", nargs="?", metavar="MODEL", help="the program")
    _example_option(r)
    r.add_argument("--schedule", required=True, help="a schedule printed by 'mpsim check'")
    r.add_argument("--start-method", choices=startmethods.METHODS,
                   help="the default start method, for a schedule that names none (a schedule "
                        "found under one names it: mpsim2:fork:...); default: spawn")
    _json_option(r, "the trace")
    _lang_option(r)

    g = sub.add_parser("graph", help="draw the state graph: -o FILE.dot, .svg, .png or .json",
                       description="Explore the model and draw its state graph.")
    g.add_argument("model", nargs="?", metavar="MODEL", help="the program")
    _example_option(g)
    g.add_argument("-o", "--output", type=_graph_file, required=True, metavar="FILE",
                   help="the picture; the format from the extension (.dot, .svg, .png, .json)")
    g.add_argument("--max-nodes", type=_positive, default=DEFAULT_MAX_NODES, metavar="N",
                   help="above N states draw the findings' paths and their neighbourhood "
                        f"(default {DEFAULT_MAX_NODES})")
    _search_options(g)

    from .replay import command as replay_command
    replay_command.add_arguments(sub, c)
    rp = sub.choices["replay"]
    rp.description = ("Follow one schedule on the real multiprocessing primitives (real "
                      "processes) and compare each step with the simulator.")
    _json_option(rp, "the replay's result")

    e = sub.add_parser("examples", help="list the bundled example models",
                       description="List the bundled example models with the first line of "
                                   "their docstrings.\nCheck one with: mpsim check --example NAME")
    del e
    p.commands = sub.choices  # name -> the command's parser

    for name, sp in sub.choices.items():
        for action in sp._actions:
            if not action.help:
                action.help = _HELP.get(action.dest, action.dest.replace("_", " "))
            if action.dest == "model" and action.metavar is None:
                action.metavar = "MODEL"
        if config:
            sp.set_defaults(**_config_defaults(sp, config))
        if name != "examples":
            sp.usage = sp.format_usage().removeprefix("usage: ").rstrip("\n") + " [-- ARGS]"
    return p


def _config_defaults(sp, config) -> dict:
    """The [tool.mpsim] values a command's options take.  ``start-method`` is a list (one or
    several); a command that follows one schedule takes it only when it names one method."""
    actions = {a.dest: a for a in sp._actions}
    values = {}
    for dest, value in config.items():
        action = actions.get(dest)
        if action is None:
            continue
        if dest == "start_method" and not isinstance(action, _Repeated):
            if len(value) != 1:
                continue
            value = value[0]
        values[dest] = value
    return values


def _split(argv):
    if "--" in argv:
        i = argv.index("--")
        return argv[:i], argv[i + 1:]
    return argv, []


def parse(own, config=None):
    p = parser(config)
    args, extra = p.parse_known_args(own)
    if extra:
        # Model files given after an option (check a.py --json b.py) are model files too.
        if args.command == "check" and not any(e.startswith("-") for e in extra):
            args.model = list(args.model) + extra
        else:
            p.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command in ("run", "graph"):
        sp = p.commands[args.command]
        if args.model and args.example:
            sp.error("give a model file or --example NAME, not both")
        if not args.model and not args.example:
            sp.error("give a model file or --example NAME")
        args.model = args.model or args.example
    return args


def main(argv=None) -> int:
    """The command; ``argv`` None: this process's own command line (the time limit then counts
    from the process's start), else the words after ``mpsim`` (from the call)."""
    started = time.monotonic()
    the_command = argv is None
    if the_command:
        argv = sys.argv[1:]
        started = process_started()
    own, model_argv = _split(list(argv))
    command = next((w for w in own if not w.startswith("-")), None)
    if (the_command and command in SIMULATING and not {"-h", "--help"} & set(own)
            and python_problem() is None):
        from .search.runners import Zygote
        Zygote.start()  # it gets ready while this process loads the search and the model
    out = _Output("--json" in own)
    with interruptible():
        code = _main(own, model_argv, command, started, out, the_command)
    if the_command:
        leave(code)
    return code


def leave(code: int):
    """End the command now: output flushed and the exit functions run (they stop the simulated
    processes), but without freeing the search's millions of objects one by one - which takes
    the interpreter a second or more after a big search, past ``--time-limit``."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    atexit._run_exitfuncs()
    os._exit(code)


def _main(own, model_argv, command, started, out, the_command=False) -> int:
    from . import defaults
    try:
        try:
            _, config = defaults.load()
        except defaults.ConfigError as exc:
            raise UsageError(str(exc), prog="mpsim") from None
        if config.get("json") and command in JSON_COMMANDS and "--no-json" not in own:
            out.json = True
        args = parse(own, config)
        args.started = started
        args.the_command = the_command
        out.json = bool(getattr(args, "json", False))
        problem = python_problem()
        if problem:
            return out.error("environment", problem)
        with i18n.speaking(getattr(args, "lang", None)):
            return COMMANDS[args.command](args, model_argv, out)
    except UsageError as exc:
        return out.usage_error(exc)
    except Interrupted as exc:
        return out.error("interrupted", str(exc), exc.exit_code)
    except KeyboardInterrupt:
        return out.error("interrupted", "interrupted", EXIT_INTERRUPTED)
    except MpsimError as exc:
        return out.error(error_kind(exc), str(exc))
    except OSError as exc:
        return out.error("environment", f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
    except SystemExit:
        raise
    except BaseException as exc:  # a bug: still one JSON object with --json, and not exit code 1
        return out.internal(exc)


@contextlib.contextmanager
def interruptible():
    """Ctrl-C (SIGINT) and SIGTERM raise ``Interrupted`` while the command runs: a search stops
    and reports what it covered (``explore.Search``), and the command exits 130 or 143."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise Interrupted(signum)
    # A signal ignored when the command started (SIGINT in a shell's background job) stays so.
    previous = {s: signal.signal(s, interrupt) for s in (signal.SIGINT, signal.SIGTERM)
                if signal.getsignal(s) is not signal.SIG_IGN}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


# -- check -----------------------------------------------------------------------------------------

def _check(args, model_argv, out) -> int:
    from .api import SCHEMA
    models = list(args.model) + list(args.example)
    if not models:
        raise UsageError("give one or more model files, or --example NAME",
                         *_usage_of("check"))
    several = len(models) > 1
    if several and (args.html or args.graph):
        raise UsageError("--html and --graph draw one model: give only one", *_usage_of("check"))
    _search_kwargs(args)  # options that contradict each other: a usage error before any check
    entries = []  # (JSON object, Result or None, exit code)
    for i, model in enumerate(models):
        if several and i and not out.json:
            sys.stdout.write("\n")
        entries.append(_check_one(model, args, model_argv, out))
        if entries[-1][2] > EXIT_INTERNAL:  # interrupted: the models after it are not checked
            break
    last = entries[-1][2]
    code = last if last > EXIT_INTERNAL else worst(c for _, _, c in entries)
    data = entries[0][0] if not several else {
        "schema": SCHEMA, "reports": [d for d, _, _ in entries],
        "summary": _summary(entries, code)}
    if several and not out.json:
        sys.stdout.write("\n" + summary_line(data["summary"]) + "\n")
    try:
        _side_outputs(args, data, entries[0][1])
    except (MpsimError, OSError) as exc:
        if isinstance(exc, OSError):
            exc = MpsimError(f"cannot write {exc.filename}: {exc.strerror or exc}")
        return out.error("environment", str(exc))
    if out.json:
        out.emit(data)
    return code


def _usage_of(command):
    sp = parser().commands[command]
    return sp.format_usage(), sp.prog


def _check_one(model, args, model_argv, out):
    from . import api
    from .report import check_report, json_report
    label = model + (" -- " + " ".join(model_argv) if model_argv else "")
    try:
        with progress.shown(sys.stderr, label, quiet=out.json) as show:
            result = api.check(model, model_argv, **_search_kwargs(args), **show,
                               piped=args.piped, find=args.find)
        if args.the_command:  # the collector need never walk the search's objects again
            gc.freeze()
    except MpsimError as exc:
        if not out.json:
            print(f"mpsim: {exc}", file=sys.stderr)
        return error_object(error_kind(exc), str(exc), model), None, EXIT_ERROR
    except (KeyboardInterrupt, Interrupted, SystemExit):
        raise
    except BaseException as exc:
        if not out.json:
            traceback.print_exception(exc, file=sys.stderr)
            print(f"mpsim: internal error (a bug in mpsim) while checking {model}", file=sys.stderr)
        return (error_object("internal", f"internal error (a bug in mpsim): {type(exc).__name__}: "
                             f"{exc}", model), None, EXIT_INTERNAL)
    data = json_report(result)
    if not out.json:
        sys.stdout.write(check_report(result))
        sys.stdout.flush()
    if args.confirm and result.interrupted is None:
        data["confirmations"] = confirm(result, show=not out.json, time_scale=args.time_scale)
    return data, result, result.exit_code


def _summary(entries, code) -> dict:
    from .formats import verdict
    kinds = [verdict(d) for d, _, _ in entries]
    return {"models": len(entries), "with_findings": kinds.count("findings"),
            "clean": kinds.count("clean"), "incomplete": kinds.count("incomplete"),
            "errors": kinds.count("error"), "exit_code": code}


def summary_line(s) -> str:
    """checked 5 models: 2 with findings, 3 clean (the worst first; zero counts left out)."""
    parts = [(s["errors"], N_("{n} error"), N_("{n} errors")),
             (s["with_findings"], N_("{n} with findings"), N_("{n} with findings")),
             (s["incomplete"], N_("{n} incomplete"), N_("{n} incomplete")),
             (s["clean"], N_("{n} clean"), N_("{n} clean"))]
    words = [i18n.ngettext(one, many, n).format(n=n) for n, one, many in parts if n]
    return _("checked {n} models: {results}").format(n=s["models"], results=", ".join(words))


def _side_outputs(args, data, result):
    err = sys.stderr
    if result is not None and args.html:
        from .render.files import write_file
        from .render.html import html_report
        write_file(args.html, html_report(result, args.max_nodes))
        print(f"mpsim: wrote {args.html}", file=err)
    if result is not None and args.graph:
        from .render.files import write_graph  # the drawing modules load only when used
        print(f"mpsim: {write_graph(result.graph, args.graph, args.max_nodes)}", file=err)
    if args.junit:
        from .formats import junit
        junit.write(data, args.junit)
        print(f"mpsim: wrote {args.junit}", file=err)
    if args.sarif:
        from .formats import sarif
        sarif.write(data, args.sarif, srcroot=os.getcwd())
        print(f"mpsim: wrote {args.sarif}", file=err)


# -- confirmations on real processes ---------------------------------------------------------------

def confirm(result, show=True, time_scale=None) -> list:
    """Replay each finding of a check on real processes, under the start method of its trace;
    one line per finding on stdout if ``show``.  A replay that is refused or fails is a row too
    (the others still run)."""
    if show and result.violations:
        print("\nreplaying the findings on real primitives:", flush=True)
    rows = []
    try:
        from .replay import command as replay_command
        with replay_command._terminable():
            for i, v in enumerate(result.violations, 1):
                row = _confirm_one(result, i, v, time_scale)
                if show:
                    print(f"[{i}] {row['message']}", flush=True)
                rows.append(row)
    except KeyboardInterrupt as exc:
        raise Interrupted(getattr(exc, "signum", signal.SIGINT),
                          "interrupted; the real processes were stopped") from None
    return rows


def _confirm_one(result, i, v, time_scale=None) -> dict:
    from . import replay as replaying
    from .replay.text import confirmation
    scale = replaying.DEFAULT_TIME_SCALE if time_scale is None else time_scale
    try:
        r = replaying.replay(result.model, v.schedule, result.argv, start_method=v.start_method,
                             complete=v.kind != "nontermination", time_scale=scale)
    except DidNotReproduce as exc:
        return {"violation": i, "confirmed": False, "status": "diverged",
                "message": f"did not reproduce on real primitives: {exc}",
                "divergence": _divergence(exc)}
    except (NotEnforceable, UnsupportedAPI) as exc:
        return {"violation": i, "confirmed": False, "status": "refused",
                "message": f"cannot replay on real primitives: {exc}"}
    except MpsimError as exc:
        return {"violation": i, "confirmed": False, "status": "error",
                "message": f"the replay failed: {exc}"}
    return {"violation": i, "confirmed": True, "status": "confirmed", "message": confirmation(r)}


def _divergence(exc) -> dict:
    return {"step": exc.step, "where": exc.where, "expected": exc.expected, "real": exc.real}


# -- run, graph, replay, examples ------------------------------------------------------------------

def _run(args, model_argv, out) -> int:
    from . import api
    from .report import run_report
    r = api.run(args.model, args.schedule, model_argv, start_method=args.start_method)
    if out.json:
        out.emit({"schema": api.SCHEMA, "model": r.model, "argv": list(model_argv),
                  "schedule": r.schedule, "start_method": r.start_method, "outcome": r.outcome,
                  "steps": [s._asdict() for s in r.steps], "final_state": r.final_state,
                  "exit_codes": r.exit_codes})
    else:
        sys.stdout.write(run_report(r))
    return EXIT_CLEAN


def _graph(args, model_argv, out) -> int:
    from . import api
    label = args.model + (" -- " + " ".join(model_argv) if model_argv else "")
    with progress.shown(sys.stderr, label) as show:
        result = api.check(args.model, model_argv, **_search_kwargs(args), **show)
    from .render.files import write_graph
    print(write_graph(result.graph, args.output, args.max_nodes))
    return EXIT_CLEAN


def _replay(args, model_argv, out) -> int:
    from .api import SCHEMA
    if not out.json:
        from .replay import command as replay_command
        return replay_command.run(args, model_argv)
    from . import replay as replaying
    from .replay.text import confirmation
    head = {"schema": SCHEMA, "model": args.model, "argv": list(model_argv),
            "schedule": args.schedule}
    try:
        from .replay import command as replay_command
        with replay_command._terminable():
            r = replaying.replay(args.model, args.schedule, model_argv,
                                 start_method=args.start_method, timeout=args.timeout,
                                 time_scale=args.time_scale)
    except DidNotReproduce as exc:
        out.emit({**head, "confirmed": False, "status": "diverged",
                  "message": f"did not reproduce on real primitives: {exc}",
                  "divergence": _divergence(exc)})
        return EXIT_FINDINGS
    except NotEnforceable as exc:
        return out.error("replay", f"cannot replay on real primitives: {exc}", EXIT_FINDINGS)
    except KeyboardInterrupt as exc:
        raise Interrupted(getattr(exc, "signum", signal.SIGINT),
                          "interrupted; the real processes were stopped") from None
    out.emit({**head, "confirmed": True, "status": "confirmed", "message": confirmation(r),
              "start_method": r.start_method, "followed": r.followed, "outcome": r.outcome,
              "steps": [s._asdict() for s in r.steps],
              "blocked": [dict(shown._asdict(), evidence=str(proof) if proof else None)
                          for shown, proof in r.blocked],
              "exit_codes": r.exit_codes, "elapsed_s": round(r.elapsed_s, 3), "notes": r.notes})
    return EXIT_CLEAN


def _examples(args, model_argv, out) -> int:
    from . import bundled
    found = bundled.examples()
    if not found:
        return out.error("environment", "the bundled examples are not installed")
    width = max(len(n) for n in found)
    for name, path in found.items():
        print(f"{name:<{width}}  {bundled.summary(path)}")
    print("\ncheck one with: mpsim check --example NAME [-- ARGS]  "
          "(its docstring says which ARGS it takes)")
    return EXIT_CLEAN


COMMANDS = {"check": _check, "run": _run, "graph": _graph, "replay": _replay,
            "examples": _examples}


if __name__ == "__main__":
    sys.exit(main())
