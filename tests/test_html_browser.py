"""The HTML report in a real browser: headless Chromium steps through the report of models/abba.py
(a deadlock) and of models/unlocked_counter.py (a race: one lane per process, the shared counter's
column, the outcomes table, the information note stepped through like a finding).

Needs Debian's ``chromium`` and ``chromium-driver`` and Graphviz (``.ci/run`` installs them) and
the ``selenium`` package (the ``test`` extra).  When any of them is missing or the browser does not
start, the test is skipped and says why.  The screenshot is saved in the test's temporary folder;
``make pictures`` copies it to docs/report-abba.png.
"""
import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,900"]


def _require(what, found, install):
    if not found:
        pytest.skip(f"{what} not found: {install}")
    return found


@pytest.fixture
def browser(tmp_path):
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError as exc:
        pytest.skip(f"selenium is not installed ({exc}): pip install -e '.[test]'")
    chromium = _require("chromium", shutil.which("chromium") or shutil.which("chromium-browser"),
                        "apt-get install chromium")
    driver_path = _require("chromedriver", shutil.which("chromedriver"), "apt-get install chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in FLAGS + [f"--user-data-dir={tmp_path / 'profile'}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
    except WebDriverException as exc:
        pytest.skip(f"Chromium did not start: {(exc.msg or str(exc)).strip().splitlines()[0]}")
    yield driver
    driver.quit()


def _report(tmp_path, *words, model="models/abba.py", start_method="fork"):
    _require("Graphviz's dot", shutil.which("dot"), "apt-get install graphviz")
    path = tmp_path / "report.html"
    proc = subprocess.run([sys.executable, "-m", "mpsim", "check", model, "--html", str(path),
                           "--start-method", start_method, *words],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    return path


def _state(driver):
    return driver.execute_script("""
        var node = document.querySelector('#graph g.node.current');
        var line = document.querySelector('.src.current');
        var row = document.querySelector('.trace tr.current');
        var edge = document.querySelector('#graph g.edge.current');
        return {node: node && node.id, text: node && node.textContent, edge: edge && edge.id,
                line: line && Number(line.dataset.line), step: row && Number(row.dataset.step),
                where: document.getElementById('where').textContent};""")


def test_report_in_chromium(browser, tmp_path):
    browser.get(_report(tmp_path).as_uri())
    seen = [_state(browser)]
    assert seen[0]["step"] == 0 and seen[0]["node"] == "s0"
    assert seen[0]["where"] == "finding [1], step 1 of 8"
    nxt = browser.find_element("id", "next")
    for _ in range(7):
        nxt.click()
        seen.append(_state(browser))
    assert [s["step"] for s in seen] == list(range(8))
    # steps 2-5 each move to a new state; the three "blocks" lines stay in the deadlock
    nodes = [s["node"] for s in seen]
    assert len(set(nodes[:5])) == 5 and nodes[4:] == [nodes[4]] * 4
    assert "DEADLOCK" in seen[4]["text"]
    # each move is outlined too: none for the start, then the four moves of the path
    edges = [s["edge"] for s in seen]
    assert edges[0] is None and len(set(edges[1:5])) == 4 and None not in edges[1:5]
    # the highlighted source line follows the trace: lock_a.acquire() :20, lock_b.acquire() :28
    assert [s["line"] for s in seen[1:8]] == [44, 45, 20, 28, 46, 21, 29]
    nxt.click()  # past the end: stays on the last step
    assert _state(browser)["step"] == 7
    prev = browser.find_element("id", "prev")
    for _ in range(3):
        prev.click()
    assert _state(browser)["step"] == 4 and _state(browser)["node"] == nodes[4]
    browser.find_element("css selector", 'tr[data-step="2"]').click()
    assert _state(browser)["node"] == nodes[2]
    for _ in range(2):
        nxt.click()
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    shot = tmp_path / "report-abba.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000


def test_report_in_chinese_in_chromium(browser, tmp_path):
    browser.get(_report(tmp_path, "--lang", "zh").as_uri())
    assert _state(browser)["where"] == "问题 [1]，第 1 步，共 8 步"
    assert browser.find_element("id", "next").text == "下一步 ▶"
    browser.find_element("id", "next").click()
    assert _state(browser)["where"] == "问题 [1]，第 2 步，共 8 步"
    assert browser.find_element("css selector", ".fix").text.startswith("修复：在每个进程中按同一顺序获取锁")


def _row(driver):
    return driver.execute_script("""
        var row = document.querySelector('.trace tr.current');
        var lanes = Array.from(row.querySelectorAll('td.lane')).map(function (td) {
            return td.textContent.trim() ? 1 : 0; });
        var v = row.querySelector('td.var[data-var="total"]');
        return {lanes: lanes, total: v.textContent, changed: v.classList.contains('changed'),
                where: document.getElementById('where').textContent};""")


def test_race_report_in_chromium(browser, tmp_path):
    browser.get(_report(tmp_path, model="models/unlocked_counter.py", start_method="spawn").as_uri())
    heads = browser.execute_script(
        "return Array.from(document.querySelectorAll('#finding-1 thead th')).map(function (th) {"
        " return th.textContent; });")
    assert heads == ["#", "MainProcess", "worker-0", "worker-1", "total"]
    seen = [_row(browser)]
    nxt = browser.find_element("id", "next")
    for _ in range(11):
        nxt.click()
        seen.append(_row(browser))
    assert seen[0]["where"] == "finding [1], step 1 of 12"
    assert seen[-1]["where"] == "finding [1], step 12 of 12"
    # each step sits in the lane of the process that moves
    lanes = [s["lanes"].index(1) for s in seen]
    assert lanes == [0, 0, 0, 1, 1, 2, 2, 1, 2, 0, 0, 0]
    # both workers read 0; worker-0's write changes total (highlighted), worker-1's writes 1 again:
    # the lost update
    assert [s["total"] for s in seen] == ["0"] * 7 + ["1"] * 5
    assert [n for n, s in enumerate(seen) if s["changed"]] == [7]
    outcomes = browser.execute_script(
        "return Array.from(document.querySelectorAll('table.outcomes tbody tr')).map(function (r) {"
        " return r.querySelector('pre.output').textContent; });")
    assert sorted(outcomes) == ["total = 1", "total = 2"]
    # the information note is stepped through like a finding
    browser.find_element("css selector", 'tr[data-finding="1"][data-step="0"]').click()
    assert _row(browser)["where"].startswith("information [1], step 1 of ")
    nxt.click()
    assert _row(browser)["where"].startswith("information [1], step 2 of ")
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
