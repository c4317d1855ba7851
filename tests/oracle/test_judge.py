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
