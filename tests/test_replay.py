"""Replaying schedules on the real multiprocessing primitives (``mpsim replay``, ``check --confirm``).

Every finding of every buggy model is replayed on real processes under fork and spawn and must be
confirmed: the same results step by step, the same output, exceptions and exit codes, and for a
deadlock the real processes blocked where the simulator said (with /proc evidence on Linux).  A
clean schedule completes; ABBA replays identically 20 times; a simulation that lies about one step
gives DidNotReproduce at that step.  After every test - a success, a divergence, an interrupted
replay - no replay process, named semaphore or temporary file may be left.
"""
import functools
import glob
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

import pytest

import mpsim
import mpsim.replay
import mpsim.replay.text
from mpsim import schedule
from mpsim import DidNotReproduce, NotEnforceable, UnsupportedAPI
from mpsim.replay import replay
from mpsim.engines.real.wire import semprefix, tempdir_prefix
from mpsim.replay.plan import Blocked
from catalog import BUGGY  # every model with findings (tests/catalog.py)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FINDINGS = "tests/models/findings"
REPLAY = "tests/models/replay"
SEMANTICS = "tests/models/semantics"
COMM = "tests/models/communication"
METHODS = ["fork", "spawn"]
LINUX = sys.platform.startswith("linux")

# Under spawn a child's start-up is a step of its own (it rebuilds primitives its creator could
# let go meanwhile); under fork it is folded into the parent's start.
ABBA = {"fork": "mpsim2:0*2/1/2", "spawn": "mpsim2:0*2/1*2/2*2"}

pytestmark = pytest.mark.replay  # every test here runs real processes


@pytest.fixture(autouse=True)
def chdir_root(monkeypatch):
    monkeypatch.chdir(ROOT)


# -- nothing left behind --------------------------------------------------------------------------
def replay_processes(controller=None) -> set:
    """Running processes of the replays controlled by process ``controller`` (this one by
    default): they all carry its address in their environment."""
    mark = b"mpsim-replay-%d-" % (controller or os.getpid())
    found = set()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                if mark not in f.read():
                    continue
            with open(f"/proc/{pid}/stat") as f:
                if f.read().rpartition(")")[2].split()[0] not in ("Z", "X"):
                    found.add(int(pid))
        except OSError:
            continue
    return found


def replay_semaphores(controller=None) -> set:
    """Named semaphores of the replays controlled by process ``controller`` (this one by default):
    their names carry its pid (CPython's semprefix), so another program's are never counted."""
    name = semprefix(controller or os.getpid()).lstrip("/")
    return set(glob.glob(f"/dev/shm/sem.{name}-*"))


def replay_temp_dirs(controller=None) -> set:
    """Temporary directories of the replays controlled by process ``controller`` (this one by
    default): multiprocessing's files (a manager's socket) go there, so another program's
    temporary files are never counted."""
    prefix = tempdir_prefix(controller or os.getpid())
    return set(glob.glob(os.path.join(tempfile.gettempdir(), prefix + "*")))


@pytest.fixture(autouse=True)
def nothing_left_behind():
    if not LINUX:
        yield
        return
    yield
    assert not replay_processes(), "a replay left real processes behind"
    assert not replay_semaphores(), "a replay left named semaphores behind"
    assert not replay_temp_dirs(), "a replay left temporary directories"


# -- every finding is confirmed -----------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def checked(model, argv, method):
    return mpsim.check(model, list(argv), start_method=method)


def blocked_ops(steps):
    return [(s.process, s.op, s.location) for s in steps if s.result == "blocks"]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("model,argv", BUGGY, ids=lambda x: " ".join(x) if isinstance(x, list) else x)
def test_every_finding_is_confirmed(model, argv, method):
    result = checked(model, tuple(argv), method)
    other = "spawn" if method == "fork" else "fork"  # (some findings exist under one method only)
    assert result.violations or checked(model, tuple(argv), other).violations
    for v in result.violations:
        r = replay(model, v.schedule, argv, start_method=method,
                   complete=v.kind != "nontermination")
        assert r.start_method == method
        assert r.steps[:len(v.steps)] == [s for s in v.steps if s.result != "blocks"][:len(r.steps)]
        if v.kind == "deadlock":
            assert r.outcome == "deadlock"
            assert blocked_ops([shown for shown, _ in r.blocked]) == blocked_ops(v.steps)
            if LINUX:
                assert all(proof.state in "SD" for _, proof in r.blocked)
        elif v.kind == "exception":
            assert (v.process, v.error) in r.deaths
        elif v.kind == "exit":  # the main program's own failure status
            assert r.exit_codes[v.process] not in (0, None)
        elif v.kind == "nontermination":
            assert r.outcome == "continues"
        else:  # a race: the real processes followed its interleaving (the steps, above)
            assert v.kind == "race"


def semantics_cases():
    """(model, argv) for every case of the models under tests/models/semantics/."""
    cases = []
    for path in sorted(glob.glob(os.path.join(ROOT, SEMANTICS, "*.py"))):
        with open(path) as f:
            main = f.read().partition('if __name__ == "__main__":')[2]
        names = sorted(set(re.findall(r"""== ["'](\w+)["']""", main)))
        cases += [(f"{SEMANTICS}/{os.path.basename(path)}", [n] if n else []) for n in names or [""]]
    return cases


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("model,argv", semantics_cases(), ids=lambda x: " ".join(x) if isinstance(x, list) else x)
def test_semantics_models_replay_as_simulated(model, argv, method):
    """Every finding and every end state of the semantics models, on real processes."""
    result = checked(model, tuple(argv), method)
    runs = [(v.schedule, v.kind != "nontermination") for v in result.violations]
    runs += [(schedule.encode(result.search.path(node)), True) for node in result.search.terminal]
    for text, complete in runs:
        replay(model, text, argv, start_method=method, complete=complete)


@pytest.mark.parametrize("case", ["daemon_terminated_at_exit", "exit_waits_for_children"])
def test_a_spawned_child_whose_primitive_was_unlinked_dies_for_real(case):
    """Under spawn, a primitive whose last reference in the parent goes away right after start()
    is unlinked before the child rebuilds it: the simulator's FileNotFoundError is CPython's."""
    model = f"{SEMANTICS}/process.py"
    found = [v for v in checked(model, (case,), "spawn").violations
             if "FileNotFoundError" in (v.error or "")]
    assert found
    for v in found:
        r = replay(model, v.schedule, [case], start_method="spawn")
        assert any(line == "FileNotFoundError: [Errno 2] No such file or directory"
                   for _, line in r.deaths)


def communication_cases():
    """(model, argv) for every case_* of the models under tests/models/communication/."""
    cases = []
    for path in sorted(glob.glob(os.path.join(ROOT, COMM, "*.py"))):
        with open(path) as f:
            names = re.findall(r"^def case_(\w+)", f.read(), re.M)
        cases += [(f"{COMM}/{os.path.basename(path)}", [n]) for n in names]
    return cases


# Not replayed (yet): one remote call of a proxy that the simulator takes in several steps.
NOT_REPLAYED = {(f"{COMM}/managers.py", "event"): "Manager().Event"}


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("model,argv", communication_cases(), ids=lambda x: " ".join(x) if isinstance(x, list) else x)
def test_communication_models_replay_as_simulated(model, argv, method):
    """Queues (feeder threads included), pipes, managers and pools on real processes: every
    finding of each case and one of its end states."""
    result = checked(model, tuple(argv), method)
    runs = [(v.schedule, v.kind != "nontermination") for v in result.violations]
    runs += [(schedule.encode(result.search.path(node)), True) for node in list(result.search.terminal)[:1]]
    for text, complete in runs:
        if (model, argv[0]) in NOT_REPLAYED:
            with pytest.raises(UnsupportedAPI, match=re.escape(NOT_REPLAYED[model, argv[0]])):
                replay(model, text, argv, start_method=method, complete=complete)
            continue
        r = replay(model, text, argv, start_method=method, complete=complete)
        simulated = mpsim.run(model, r.followed, argv, start_method=method).steps
        assert r.steps == [s for s in simulated if s.result != "blocks"]


@pytest.mark.parametrize("method", METHODS)
def test_a_message_changed_after_put_arrives_as_the_real_feeder_pickled_it(method):
    """The feeder pickles an item when it gets to it: each of the simulator's outputs of a
    producer that reuses one dict comes out of real processes given the same turns."""
    model = "tests/oracle/programs/queue_put_then_mutate.py"
    outcomes = checked(model, (), method).outcomes["list"]
    assert len(outcomes) == 5
    for outcome in outcomes:
        r = replay(model, outcome["schedule"], [], start_method=method)
        assert r.outcome == "finished"  # each step's output compared with the simulator's
        assert "".join(text for s in r.steps for _, stream, text in s.output if stream == "stdout") == \
            outcome["stdout"]


def test_a_head_start_that_ends_before_the_spawned_child_starts_replays():
    """A spawned child's start-up (world.START_UP): the run where the parent's sleep ends first
    is followed by real processes as simulated."""
    model = "tests/models/time/head_start.py"
    outcomes = checked(model, (), "spawn").outcomes["list"]
    assert {o["stdout"] for o in outcomes} == {"ready after head start: False\n",
                                               "ready after head start: True\n"}
    for outcome in outcomes:
        r = replay(model, outcome["schedule"], [], start_method="spawn")
        assert r.outcome == "finished"


@pytest.mark.parametrize("method", METHODS)
def test_a_pools_worker_handler_replaces_workers_with_real_processes(method):
    """Pool(1, maxtasksperchild=1), the parent blocked in get(): each replacement is started by
    the real parent, interrupted in its get(), and runs the next task."""
    model = f"{COMM}/pool_maxtasks.py"
    result = checked(model, ("get",), method)
    for node in result.search.terminal:
        r = replay(model, schedule.encode(result.search.path(node)), ["get"], start_method=method)
        handler = [s for s in r.steps if s.op == "[p worker handler]"]
        assert handler and all("exited after 1 task: starts a replacement" in s.result for s in handler)
        assert r.outcome == "finished" and r.exit_codes["MainProcess"] == 0


@pytest.mark.parametrize("method", METHODS)
def test_a_feeder_thread_at_a_deadlock_stays_blocked_in_its_write(method):
    """queue_join_deadlock: the child's feeder thread, given its turn at the end, cannot write
    the rest of its million-character item into the full pipe."""
    v = checked("models/queue_join_deadlock.py", (), method).violations[0]
    r = replay("models/queue_join_deadlock.py", v.schedule, start_method=method)
    assert r.outcome == "deadlock"
    assert r.feeders_blocked == ["p"]  # the child, named after its variable as reports name it
    assert "p's queue feeder thread stayed blocked writing into the full pipe" in \
        mpsim.replay.text.verdict(r)


@pytest.mark.skipif(not LINUX, reason="/proc evidence")
@pytest.mark.parametrize("method", METHODS)
def test_deadlock_is_shown_by_the_kernel(method):
    r = replay("models/abba.py", ABBA[method], start_method=method)
    wchans = {shown.process: proof.wchan for shown, proof in r.blocked}
    assert wchans["worker-1"].startswith("futex") and wchans["worker-2"].startswith("futex")
    assert wchans["MainProcess"] == "do_wait"  # join: waitpid


@pytest.mark.parametrize("method", METHODS)
def test_confirmed_deadlock_takes_under_5_s(method):
    t0 = time.monotonic()
    r = replay("models/abba.py", ABBA[method], start_method=method)
    assert r.outcome == "deadlock"
    assert time.monotonic() - t0 < 5


@pytest.mark.parametrize("method", METHODS)
def test_clean_schedule_completes_with_the_predicted_output(method):
    model = f"{FINDINGS}/clean.py"
    r = replay(model, "mpsim2:", start_method=method)
    assert r.outcome == "finished"
    assert r.exit_codes == {"MainProcess": 0, "inc-0": 0, "inc-1": 0}
    printed = [text for s in r.steps for _, stream, text in s.output if stream == "stdout"]
    assert printed == ["total 2\n"]
    assert r.steps == mpsim.run(model, r.followed, start_method=method).steps


@pytest.mark.parametrize("method", METHODS)
def test_abba_replays_identically_20_times(method):
    def outcome(r):
        return (r.followed, tuple(r.steps), r.outcome, tuple(shown for shown, _ in r.blocked),
                tuple(r.exit_codes.items()), tuple(r.deaths))
    results = {outcome(replay("models/abba.py", ABBA[method], start_method=method)) for _ in range(20)}
    assert len(results) == 1


# -- time -----------------------------------------------------------------------------------------

CLOCK = f"{REPLAY}/clock.py"


def printed_lines(r) -> list:
    return [text for s in r.steps for _, stream, text in s.output if stream == "stdout"]


@pytest.mark.parametrize("scale", [0, 0.01, 1])
def test_a_replayed_process_reads_the_simulated_clock_at_any_time_scale(scale):
    r = replay(CLOCK, "mpsim2:", start_method="fork", time_scale=scale)
    assert r.outcome == "finished"
    assert printed_lines(r) == ["napper slept 0.5\n", "main waited 0.5\n"]


def test_a_timed_schedule_sleeps_its_scaled_time_for_real():
    r = replay(CLOCK, "mpsim2:", start_method="fork", time_scale=4)
    assert r.elapsed_s >= 0.5 * 4  # the nap, really taken (at least)


def test_an_untimed_schedule_lets_the_timeout_expire_first_unscaled():
    """The untimed finding (the get times out before the napper puts) replays with the timeout's
    own length whatever the scale (scaled by 1000 it would take 1000 s: the test times out)."""
    r = replay(CLOCK, "mpsim2:untimed:0*2/1*6/0", start_method="fork", time_scale=1000)
    assert ("MainProcess", "_queue.Empty") in r.deaths


def test_time_scale_on_the_command_line():
    proc = mpsim_command("replay", CLOCK, "--schedule", "mpsim2:", "--start-method", "fork",
                         "--time-scale", "0.01")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "| MainProcess: main waited 0.5" in out
    proc = mpsim_command("replay", CLOCK, "--schedule", "mpsim2:", "--time-scale", "-1")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2 and "--time-scale: must be 0 or more" in err


# -- divergences ----------------------------------------------------------------------------------
def lying(monkeypatch, number, **changes):
    """Make the simulation the replay follows say something else at step ``number``."""
    simulate = mpsim.replay.simulate

    def lie(*args, **kwargs):
        plan = simulate(*args, **kwargs)
        step = plan.steps[number - 1]
        if "result" in changes:
            changes["shown"] = step.shown._replace(result=changes.pop("result"))
        plan.steps[number - 1] = step._replace(**changes)
        return plan
    monkeypatch.setattr(mpsim.replay, "simulate", lie)


@pytest.mark.parametrize("method", METHODS)
def test_a_wrong_result_is_reported_at_its_step(monkeypatch, method):
    number = {"fork": 4, "spawn": 5}[method]  # worker-1 lock_a.acquire()
    lying(monkeypatch, number, value=False, result="False (busy)")
    with pytest.raises(DidNotReproduce) as exc:
        replay("models/abba.py", ABBA[method], start_method=method)
    assert (exc.value.step, exc.value.expected, exc.value.real) == (number, "False (busy)", "True")
    assert "worker-1 lock_a.acquire()" in str(exc.value)


def test_a_wrong_operation_is_reported_at_its_step(monkeypatch):
    plan = mpsim.replay.simulate("models/abba.py", ABBA["fork"], start_method="fork")
    op = plan.steps[4].op  # step 5: worker-2 lock_b.acquire() at line 28
    lying(monkeypatch, 5, op=op._replace(method="release", loc=(op.loc[0], 29)))
    with pytest.raises(DidNotReproduce) as exc:
        replay("models/abba.py", ABBA["fork"], start_method="fork")
    assert exc.value.step == 5
    assert exc.value.expected == "lock_b.release() at models/abba.py:29"
    assert exc.value.real == "lock_b.acquire() at models/abba.py:28"


def test_wrong_output_is_reported_at_its_step(monkeypatch):
    model = f"{FINDINGS}/clean.py"
    plan = mpsim.replay.simulate(model, "mpsim2:", start_method="fork")
    number = next(s.number for s in plan.steps if s.printed.get(()) and s.printed[()][0])
    lying(monkeypatch, number, printed={(): ("total 3\n", "")})
    with pytest.raises(DidNotReproduce) as exc:
        replay(model, "mpsim2:", start_method="fork")
    assert exc.value.step == number
    assert exc.value.real == "'total 2\\n'"


def test_a_predicted_block_that_does_not_happen(monkeypatch):
    """Claim that after step 4 of ABBA worker-2 blocks in lock_b.acquire() (lock_b is free)."""
    step5 = mpsim.replay.simulate("models/abba.py", ABBA["fork"], start_method="fork").steps[4]
    simulate = mpsim.replay.simulate

    def lie(*args, **kwargs):
        plan = simulate(*args, **kwargs)
        plan.outcome = "deadlock"
        plan.blocked = [Blocked(step5.ident, step5.op, step5.phase, step5.shown._replace(result="blocks"))]
        return plan
    monkeypatch.setattr(mpsim.replay, "simulate", lie)
    with pytest.raises(DidNotReproduce) as exc:
        replay("models/abba.py", "mpsim2:0*2/1", start_method="fork", complete=False)
    assert (exc.value.step, exc.value.expected, exc.value.real) == (5, "blocks", "True")


@pytest.mark.parametrize("method", METHODS)
def test_an_operation_that_really_blocks_times_out(monkeypatch, method):
    """Claim that the worker's second lock.acquire() returns True: the real one blocks, the
    replay gives up after its timeout, and the blocked process is taken down."""
    model = f"{FINDINGS}/lock_twice.py"
    simulate = mpsim.replay.simulate

    def lie(*args, **kwargs):
        plan = simulate(*args, **kwargs)
        worker = next(b for b in plan.blocked if b.shown.process == "worker")
        plan.steps.append(plan.steps[-1]._replace(
            number=len(plan.steps) + 1, op=worker.op, before=plan.steps[-1].before,
            shown=worker.shown._replace(result="True (acquired)")))
        plan.outcome, plan.blocked = "continues", []
        return plan
    monkeypatch.setattr(mpsim.replay, "simulate", lie)
    t0 = time.monotonic()
    schedule_ = {"fork": "mpsim2:0/1", "spawn": "mpsim2:0/1*2"}[method]  # worker: acquired once
    with pytest.raises(DidNotReproduce) as exc:
        replay(model, schedule_, start_method=method, timeout=0.5, complete=False)
    assert (exc.value.step, exc.value.expected) == ({"fork": 4, "spawn": 5}[method], "True (acquired)")
    assert exc.value.real == "blocks (no answer within 0.5 s)"
    assert time.monotonic() - t0 < 5


def test_a_schedule_the_os_cannot_be_made_to_follow():
    # (only the untimed rules let a timeout expire after the notify: the timed ones wake it)
    with pytest.raises(NotEnforceable, match="step 9: waiter's wait times out after a notify"):
        replay(f"{REPLAY}/notify_lost.py", "mpsim2:untimed:0/1*3/0*3/1.1", start_method="fork")
    r = replay(f"{REPLAY}/notify_lost.py", "mpsim2:0/1*3/0*3/1", start_method="fork")
    assert r.outcome == "finished"


def test_what_replay_does_not_cover_stops_it_naming_it():
    with pytest.raises(UnsupportedAPI, match=r"Manager\(\)\.Event is not covered by replay"):
        replay(f"{COMM}/managers.py", "mpsim2:", ["event"])


# -- the command line, and interrupting it --------------------------------------------------------
def mpsim_command(*args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "mpsim", *args], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


@pytest.mark.parametrize("method", METHODS)
def test_check_confirm(method):
    proc = mpsim_command("check", "--confirm", "--start-method", method, "models/lock_vs_rlock.py")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err
    assert not replay_processes(proc.pid) and not replay_semaphores(proc.pid)
    assert (f"[1] confirmed on real primitives ({method}): the program ended as predicted, "
            "rlock-releaser raised AssertionError: attempt to release recursive lock not owned "
            "by thread") in out


def test_replay_command():
    proc = mpsim_command("replay", "models/abba.py", "--schedule", ABBA["fork"], "--start-method", "fork")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert not replay_processes(proc.pid) and not replay_semaphores(proc.pid)
    assert "worker-1     lock_b.acquire()  models/abba.py:21 → blocks" in out
    assert "confirmed on real primitives (fork): deadlock - 3 real processes stayed blocked" in out


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_replay_leaves_nothing_behind(sig, method):
    # As in a terminal: a job started in the background would inherit SIGINT ignored.
    proc = mpsim_command("replay", f"{REPLAY}/slow_timeout.py", "--schedule", "mpsim2:",
                         "--start-method", method,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 30
    while not replay_processes(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # the real processes are running: main is in its 10 s timed acquire
    assert proc.poll() is None and replay_processes(proc.pid)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert "interrupted; the real processes were stopped" in err
    assert not replay_processes(proc.pid) and not replay_semaphores(proc.pid)


# -- one facade under both engines ----------------------------------------------------------------
@pytest.mark.parametrize("method", METHODS)
def test_a_program_naming_any_simulated_name_is_replayed(method):
    """``from multiprocessing.pool import AsyncResult``: checked by the simulator, so replayed too
    (the replay used to refuse it from a module table of its own)."""
    model = f"{REPLAY}/async_result.py"
    result = checked(model, (), method)
    assert not result.violations
    for node in result.search.terminal:
        r = replay(model, schedule.encode(result.search.path(node)), start_method=method)
        assert r.outcome == "finished" and r.exit_codes["MainProcess"] == 0
        assert [t for s in r.steps for _, stream, t in s.output if stream == "stdout"] == ["square 49\n"]


def test_a_spawned_child_gets_what_cpython_pickles_not_the_objects_attributes():
    """An attribute the parent set on a Condition does not reach a spawned child (CPython pickles
    its lock and semaphores): the simulator's AttributeError happens on real processes."""
    model = f"{REPLAY}/condition_attribute.py"
    (v,) = checked(model, ("spawn",), "spawn").violations
    assert v.error == "AttributeError: 'Condition' object has no attribute 'tag'"
    r = replay(model, v.schedule, ["spawn"])
    assert ("child", v.error) in r.deaths and r.exit_codes == {"MainProcess": 0, "child": 1}


def test_a_forked_child_has_its_parents_attributes():
    model = f"{REPLAY}/condition_attribute.py"
    result = checked(model, ("fork",), "fork")
    assert not result.violations
    (node,) = result.search.terminal
    r = replay(model, schedule.encode(result.search.path(node)), ["fork"])
    printed = [t for s in r.steps for _, stream, t in s.output if stream == "stdout"]
    assert printed == ["the child sees set by the parent\n", "child exit code 0\n"]


@pytest.mark.skipif(not LINUX, reason="/proc evidence")
def test_a_process_whose_threads_are_still_dying_is_not_gone_yet():
    """Linux shows a thread group's leader as a zombie as soon as it exits, while the process's
    other threads may still be running (here: one that sleeps after the main thread ended);
    until they end, the parent's waitpid says it runs, so the controller may not count it gone
    (a parent's active_children() right after a child ended listed it, now and then, under load)."""
    from mpsim.replay import evidence
    code = ("import ctypes, threading, time\n"
            "threading.Thread(target=time.sleep, args=(1.5,)).start()\n"
            "ctypes.CDLL(None).pthread_exit(None)\n")
    child = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 5
        while evidence.state(child.pid).state != "Z" and time.monotonic() < deadline:
            time.sleep(0.01)
        assert evidence.state(child.pid).state == "Z"
        assert not evidence.gone(child.pid) and os.waitpid(child.pid, os.WNOHANG) == (0, 0)
        while not evidence.gone(child.pid) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert evidence.gone(child.pid)
        assert os.waitpid(child.pid, os.WNOHANG)[0] == child.pid
    finally:
        child.kill()
        child.wait()
