"""JUnit XML from a JSON report (``mpsim check --junit FILE``), for CI systems that show test results.

One ``<testcase>`` per model checked (its name: the model and its arguments), and in it one
``<failure>`` per finding (type: the finding's kind; message: its title; text: the finding as
the text report shows it, with its replay command).  A model that could not be checked has an
``<error>``; a search cut short by a budget with no finding is ``<skipped>`` (not a verdict, and
not a pass).  Output that some runs never print (information) goes to ``<system-out>``.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..report import json_violation_lines
from . import methods_label, model_label, replay_of, reports, verdict


def junit_xml(data: dict) -> str:
    """The JUnit XML document (a string) for a JSON report of one or several models."""
    cases = []
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    total = 0.0
    for report in reports(data):
        case = ET.Element("testcase", classname="mpsim.check", name=model_label(report))
        counts["tests"] += 1
        kind = verdict(report)
        if kind == "error":
            err = report["error"]
            node = ET.SubElement(case, "error", type=err["kind"], message=err["message"])
            node.text = err["message"] + (f"\n(at {err['line']})" if err.get("line") else "")
            counts["errors"] += 1
        else:
            elapsed = float(report.get("elapsed_s") or 0.0)
            total += elapsed
            case.set("time", f"{elapsed:.3f}")
            for i, v in enumerate(report["violations"], 1):
                node = ET.SubElement(case, "failure", type=v["kind"], message=v["title"])
                node.text = "\n".join(json_violation_lines(
                    i, v, replay_of(report, v), methods_label(report, v))) + "\n"
            if report["violations"]:
                counts["failures"] += 1
            elif kind == "incomplete":
                ET.SubElement(case, "skipped", message=f"the search was cut short at the "
                              f"{report['stop_reason']} with no finding: not a verdict")
                counts["skipped"] += 1
            out = _system_out(report)
            if out:
                ET.SubElement(case, "system-out").text = out
        cases.append(case)
    suite = ET.Element("testsuite", name="mpsim check", time=f"{total:.3f}",
                       **{k: str(v) for k, v in counts.items()})
    suite.extend(cases)
    root = ET.Element("testsuites", name="mpsim", time=f"{total:.3f}",
                      **{k: str(v) for k, v in counts.items()})
    root.append(suite)
    _clean(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot carry control characters (a model may print some): shown as \\xNN."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _clean(root) -> None:
    for node in root.iter():
        if node.text:
            node.text = _xml_safe(node.text)
        for key, value in node.attrib.items():
            node.set(key, _xml_safe(value))


def _system_out(report) -> str:
    lines = [f"mpsim check {model_label(report)}: explored {report['states']:,} states and "
             f"{report['transitions']:,} transitions: "
             + ("complete" if report["complete"] else f"INCOMPLETE ({report['stop_reason']})")]
    for info in report.get("information") or []:
        lines.append(f"information (not a problem): {info['line']!r} (printed by "
                     f"{', '.join(info['processes'])} in other runs) is not printed in the run "
                     f"with schedule {info['schedule']}")
    lines.extend(f"note: {n}" for n in report.get("notes") or [])
    for c in report.get("confirmations") or []:
        lines.append(f"[{c['violation']}] {c['message']}")
    return "\n".join(lines) + "\n"


def write(data: dict, path: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(junit_xml(data))
