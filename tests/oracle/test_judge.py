"""The oracle judge's own rules, in the fast layer (the oracle suite itself runs only when asked)."""
import oracle_judge


def unit(process, lines, after):
    return {"process": process, "lines": lines, "after": after}


# main prints "start", then two children print a block each (in either order); main's "done"
# comes after both children's blocks.
OUTPUT = [unit(0, ["start"], [0, 0, 0]), unit(1, ["one"], [1, 0, 0]), unit(2, ["two"], [1, 0, 0]),
          unit(0, ["done"], [0, 1, 1])]


def test_a_real_stdout_is_allowed_when_it_is_an_order_the_partial_order_allows():
    assert oracle_judge.allows(OUTPUT, "start\none\ntwo\ndone\n", masked=False)
    assert oracle_judge.allows(OUTPUT, "start\ntwo\none\ndone\n", masked=False)


def test_an_order_against_the_partial_order_or_other_lines_is_not():
    assert not oracle_judge.allows(OUTPUT, "one\nstart\ntwo\ndone\n", masked=False)
    assert not oracle_judge.allows(OUTPUT, "start\none\ndone\ntwo\n", masked=False)
    assert not oracle_judge.allows(OUTPUT, "start\none\ntwo\n", masked=False)
    assert not oracle_judge.allows(OUTPUT, "start\none\ntwo\ndone\nmore\n", masked=False)


def test_numbers_are_masked_when_the_recording_says_so():
    output = [unit(0, ["total: 2"], [0])]
    assert oracle_judge.allows(output, "total: 1\n", masked=True)
    assert not oracle_judge.allows(output, "total: 1\n", masked=False)


def outcome(stdout, exit=0, exceptions=(), count=1):
    return {"count": count, "exit": exit, "stdout": stdout, "exceptions": list(exceptions)}


def recording(*outcomes):
    return {"runs": sum(o["count"] for o in outcomes), "outcomes": list(outcomes)}


def report(*findings, returncode=1):
    return oracle_judge.MpsimRun(["mpsim"], returncode, {"violations": list(findings)}, "")


RACE = {"kind": "race", "title": "Race on counter: procs[1] reads it and procs[0] writes it",
        "process": "procs[1]", "error": None, "timing": "any"}


def test_a_race_agrees_with_real_runs_whose_results_differ():
    real = recording(outcome("total: 11\n", count=3), outcome("total: 12\n"))
    assert oracle_judge.judge(real, report(RACE)).ok


def test_a_race_disagrees_with_real_runs_that_all_give_the_same_result():
    verdict = oracle_judge.judge(recording(outcome("total: 20\n", count=4)), report(RACE))
    assert not verdict.ok
    assert "Race on counter" in verdict.reason() and "same result in all 4 runs" in verdict.reason()


def test_lines_printed_in_another_order_are_not_a_different_result():
    real = recording(outcome("a\nb\ntotal: 20\n"), outcome("b\na\ntotal: 20\n"))
    assert not oracle_judge.judge(real, report(RACE)).ok


def test_a_forced_order_variant_can_show_the_lost_update():
    real = recording(outcome("total: 20\n", count=4))
    forced = recording(outcome("total: 19\n", count=2))
    assert oracle_judge.judge(real, report(RACE), [forced]).ok


EXIT_1 = {"kind": "exit", "title": "MainProcess exits with status 1", "process": "MainProcess",
          "error": None, "timing": "any"}


def test_an_exit_finding_agrees_with_real_runs_that_exit_with_its_status():
    real = recording(outcome("some workers failed\n", exit=1, count=4))
    assert oracle_judge.judge(real, report(EXIT_1)).ok


def test_an_exit_finding_disagrees_with_real_runs_that_exit_otherwise():
    real = recording(outcome("", exit=2, count=3), outcome("ok\n"))
    verdict = oracle_judge.judge(real, report(EXIT_1))
    assert not verdict.ok
    assert "exits with status 1" in verdict.reason() and "real: exit 0, 2" in verdict.reason()


def test_a_refusal_is_shown_with_its_kind_and_message():
    stdout = ('{"schema": "mpsim-report/2", "model": "p.py", "error": {"kind": "unsupported", '
              '"message": "p.py:19: threads are not modelled", "line": "p.py:19"}}')
    data, stray = oracle_judge.parse_json_report("leaked line\n" + stdout.replace("{", "{\n", 1))
    assert stray == "leaked line"
    run = oracle_judge.MpsimRun(["mpsim"], 2, data, "")
    verdict = oracle_judge.judge(recording(outcome("ok\n", count=2)), run)
    assert not verdict.ok
    assert verdict.reason() == ("mpsim exit 2: unsupported: p.py:19: threads are not modelled "
                                "(real: 2/2 runs clean)")


def test_the_printed_name_suggestion_is_not_part_of_the_exception_line():
    real = recording(outcome("", exit=1, count=2, exceptions=[
        "AttributeError: 'Downloader' object has no attribute '_closed'. Did you mean: 'close'?"]))
    found = {"kind": "exception", "process": "MainProcess", "timing": "any", "title": "",
             "error": "AttributeError: 'Downloader' object has no attribute '_closed'"}
    assert oracle_judge.judge(real, report(found)).ok


def test_a_finding_that_needs_unusual_timing_is_noted_not_judged():
    # A spawned daemon dying as it starts up between its parent's clean-up at exit and the
    # terminate: real only when a sleep holds the parent there, never in the recorded runs.
    lost = {"kind": "exception", "title": "Exception in Process-2: FileNotFoundError",
            "process": "Process-2", "error": "FileNotFoundError: [Errno 2] No such file or directory",
            "timing": "unusual"}
    verdict = oracle_judge.judge(recording(outcome("sum 20\n", count=20)), report(lost))
    assert verdict.ok
    assert verdict.notes == ["mpsim (unusual, not judged): Exception in Process-2: FileNotFoundError"]
    lost["timing"] = "any"
    assert not oracle_judge.judge(recording(outcome("sum 20\n", count=20)), report(lost)).ok
