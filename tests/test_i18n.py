"""The reports in Chinese (issue 13): ``--lang zh`` or a Chinese locale puts every line of the
text and HTML reports in Chinese, explanations and fixes included; the catalogue is complete.

What stays as the program wrote it - its names, code, file names, values and printed output, the
schedule - is allowed in a Chinese report; any other English word is a line left untranslated.
"""
import json
import keyword
import multiprocessing
import os
import re
from html.parser import HTMLParser

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import mpsim
from mpsim import i18n
from mpsim.report import check_report
from clitools import cli  # noqa: F401  (a fixture)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FINDINGS = "tests/models/findings"
PO = i18n.po_path("zh_CN")
# As the Makefile's `make catalog` extracts them: Babel's keywords (_, N_, ngettext...) and the
# note of a primitive's outcome.
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "ret": (3,), "cont": (3,)}


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def catalogue():
    with open(PO, "rb") as f:
        return read_po(f, locale="zh_CN")


def code_messages() -> set:
    """Every message the code marks for translation, as Babel extracts it."""
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            os.path.join(ROOT, "mpsim"), [("**.py", "python")], keywords=KEYWORDS):
        if isinstance(message, tuple):
            message = message if len(message) > 1 else message[0]
            if isinstance(message, tuple) and all(m is None for m in message[1:]):
                message = message[0]
        if message:
            found.add(message)
    return found


def test_the_catalogue_translates_every_message_in_the_code():
    cat = catalogue()
    wanted = code_messages()
    assert len(wanted) > 250  # the extraction found the messages (not a vacuous comparison)
    ids = {m.id for m in cat if m.id}
    assert sorted(map(str, wanted - ids)) == [], "run `make catalog` and translate"
    untranslated = [m.id for m in cat if m.id and (m.fuzzy or not all(
        [m.string] if isinstance(m.string, str) else m.string))]
    assert untranslated == []
    assert sorted(map(str, ids - wanted)) == [], "obsolete entries: run `make catalog`"


FIELD = re.compile(r"\{(\w*)[^{}]*\}")


def test_translations_keep_every_field_of_their_message():
    for m in catalogue():
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        fields = set(FIELD.findall(ids[-1]))
        for s in strings:
            assert set(FIELD.findall(s)) == fields, (m.id, s)


# -- every line in Chinese -------------------------------------------------------------------------

CJK = re.compile(r"[\u4e00-\u9fff]")
WORD = re.compile(r"[A-Za-z][A-Za-z_]{2,}")
# Words of mpsim's own that a Chinese report keeps: the command, a start method's name, Python's
# keywords and values, and exception names the program raised.
KEPT = set(keyword.kwlist) | {"mpsim", "check", "run", "schedule", "spawn", "fork", "True", "False", "None",
        "MainProcess", "Process", "Traceback", "most", "recent", "call", "last", "File", "line",
        "module", "feeder"}


def program_words(path) -> set:
    with open(path) as f:
        return set(WORD.findall(f.read()))


# Left out before looking for English: what a process printed (``| p: ...``, ``! p: ...``), code
# (`...`, a call, an attribute), file names, quoted lines, a schedule, and the exception an
# operation raised (CPython's message).
CODE = re.compile(r"^\s*[|!] .*$|`[^`]*`|[\w.]+\(|\.\w+|\S+\.py(:\d+)?|'[^']*'|mpsim2:\S*|"
                  r"\b\w+(Error|Exception|\.Empty|\.Full): .*$")


def english_left(text, path) -> list:
    """The lines of ``text`` with English words that are neither the program's, nor
    multiprocessing's names, nor kept."""
    allowed = KEPT | program_words(path) | set(dir(multiprocessing))
    return [line for line in text.splitlines()
            if set(WORD.findall(CODE.sub(" ", line))) - allowed]


MODELS = [(f"{FINDINGS}/abba.py", []), (f"{FINDINGS}/lost_update.py", []),
          (f"{FINDINGS}/loop_forever.py", []), (f"{FINDINGS}/barrier_short.py", []),
          (f"{FINDINGS}/rlock_not_owner.py", []), ("tests/models/explain/exited_holder.py", []),
          ("tests/models/explain/task_done_twice.py", []),
          ("models/queue_join_deadlock.py", []), ("models/manager_counter.py", []),
          ("models/traffic.py", ["3"])]


@pytest.mark.parametrize("path,argv", MODELS, ids=[os.path.basename(m[0]) for m in MODELS])
def test_lang_zh_puts_every_line_of_the_text_report_in_chinese(cli, path, argv):
    words = ["check", "--lang", "zh", "--untimed-states", "3000", path]
    r = cli(*words, *(["--", *argv] if argv else []))
    assert r.code in (0, 1, 3), r.err
    assert english_left(r.out, path) == []
    english = cli(*words[:1], *words[3:], *(["--", *argv] if argv else [])).out
    assert CJK.search(r.out) and not CJK.search(english)
    # The report has the same shape: one line for each of the English report's lines.
    assert len(r.out.splitlines()) == len(english.splitlines())


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style", "svg")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style", "svg")

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.parts.append(data.strip())


def test_lang_zh_puts_the_html_report_in_chinese(cli, tmp_path):
    path = f"{FINDINGS}/abba.py"
    page = tmp_path / "r.html"
    assert cli("check", "--lang", "zh", "--html", str(page), path).code == 1
    html = page.read_text()
    assert '<html lang="zh-CN">' in html
    text = _Text()
    text.feed(html)
    assert english_left("\n".join(text.parts), path) == []
    assert "修复：" in html and "原因：" in html
    data = json.loads(re.search(r'<script type="application/json" id="data">(.*?)</script>', html,
                                re.S)[1])
    assert data["where"] == "问题 [{finding}]，第 {step} 步，共 {steps} 步"  # the page's script says it


def test_run_report_in_chinese(cli):
    r = cli("run", "--lang", "zh", "models/abba.py", "--schedule", "mpsim2:0*2/1*2/2*2")
    assert "结果：死锁：没有进程能继续运行" in r.out
    assert english_left(r.out, "models/abba.py") == []


def test_explanations_in_chinese_name_the_programs_objects():
    with i18n.speaking("zh"):
        v = mpsim.check(f"{FINDINGS}/abba.py").violations[0]
    assert v.title.startswith("死锁：")
    assert v.fix.startswith("在每个进程中按同一顺序获取锁（a, b）：b-worker 在 "
                            f"{FINDINGS}/abba.py:12 获取 b")
    assert i18n.language() == "en"


@pytest.mark.parametrize("env,lang", [({"LANG": "zh_CN.UTF-8"}, "zh"), ({"LANG": "C.UTF-8"}, "en"),
                                      ({"LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),
                                      ({"LANG": "C", "LANGUAGE": "zh_TW:en"}, "zh"), ({}, "en")])
def test_the_locale_chooses_the_language(env, lang):
    assert i18n.from_environment(env) == lang


def test_a_chinese_locale_gives_a_chinese_report_and_lang_en_wins(cli, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert "发现 1 个问题：" in cli("check", "models/abba.py").out
    assert "1 problem found:" in cli("check", "--lang", "en", "models/abba.py").out


def test_the_language_is_the_commands_alone(cli):
    cli("check", "--lang", "zh", "models/abba.py")
    assert i18n.language() == "en"
    result = mpsim.check("models/abba.py")
    assert any(line.startswith("    replay: mpsim run") for line in check_report(result).splitlines())
    assert result.violations[0].title.startswith("Deadlock: ")


def test_lang_in_tool_mpsim(cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.mpsim]\nlang = "zh"\n')
    r = cli("check", os.path.join(ROOT, "models/abba.py"), cwd=tmp_path)
    assert "发现 1 个问题：" in r.out
