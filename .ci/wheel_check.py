"""Check the built distributions (`make wheel`): list the wheel, make sure it ships what mpsim
needs at run time (the bundled examples, the JSON Schema, the licence), install it into a fresh
virtual environment outside the source tree and run the installed command there.

Usage: python .ci/wheel_check.py DIST_DIR   (exits non-zero on the first problem)
"""
import glob
import json
import os
import subprocess
import sys
import tempfile
import zipfile

import jsonschema

MUST_SHIP = ["mpsim/cli.py", "mpsim_examples/abba.py", "mpsim_examples/traffic.py",
             "mpsim/schema/mpsim-report-2.schema.json", "mpsim/formats/sarif.py",
             "mpsim/formats/junit.py", "mpsim/progress.py",
             "mpsim/locale/zh_CN/LC_MESSAGES/mpsim.po"]
MUST_NOT_SHIP = ("tests/", "models/", "benchmarks/", "docs/")


def fail(message):
    print(f"wheel check: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def run(*words, cwd, expect):
    proc = subprocess.run(words, cwd=cwd, capture_output=True, text=True, timeout=300)
    if expect is not None and proc.returncode != expect:
        fail(f"{' '.join(words)} exited with {proc.returncode}, not {expect}:\n{proc.stdout}{proc.stderr}")
    return proc.stdout


def main(dist):
    wheels = glob.glob(os.path.join(dist, "mpsim-*.whl"))
    sdists = glob.glob(os.path.join(dist, "mpsim-*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        fail(f"expected one wheel and one sdist in {dist}, found {wheels + sdists}")
    [wheel] = wheels
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
    print(f"{os.path.basename(wheel)}: {len(names)} files")
    for name in names:
        print(f"  {name}")
    missing = [n for n in MUST_SHIP if n not in names]
    if missing:
        fail(f"the wheel lacks {missing}")
    if not any(n.endswith(".dist-info/licenses/LICENSE") for n in names):
        fail("the wheel lacks the LICENSE file")
    stray = [n for n in names if n.startswith(MUST_NOT_SHIP)]
    if stray:
        fail(f"the wheel ships files that are not mpsim's: {stray[:5]}")
    examples = sorted(os.path.basename(n)[:-3] for n in names
                      if n.startswith("mpsim_examples/") and n.endswith(".py"))
    models = sorted(n[:-3] for n in os.listdir("models") if n.endswith(".py"))
    if examples != models:
        fail(f"the wheel's examples {examples} are not models/ {models}")

    with tempfile.TemporaryDirectory(prefix="mpsim-wheel-") as tmp:
        venv = os.path.join(tmp, "venv")
        run(sys.executable, "-m", "venv", venv, cwd=tmp, expect=0)
        py = os.path.join(venv, "bin", "python")
        mpsim = os.path.join(venv, "bin", "mpsim")
        run(py, "-m", "pip", "install", "-q", os.path.abspath(wheel), cwd=tmp, expect=0)
        version = run(mpsim, "--version", cwd=tmp, expect=0)
        print(f"installed: {version.strip()}")
        listing = run(mpsim, "examples", cwd=tmp, expect=0)
        if [line.split()[0] for line in listing.splitlines()[:len(models)]] != models:
            fail(f"mpsim examples lists:\n{listing}")
        report = json.loads(run(mpsim, "check", "--json", "--example", "abba", cwd=tmp, expect=1))
        schema_file = run(py, "-c", "import mpsim.formats as f; print(f.SCHEMA_FILE)", cwd=tmp,
                          expect=0).strip()
        if not schema_file.startswith(venv):
            fail(f"the schema is not the installed one: {schema_file}")
        with open(schema_file) as f:
            jsonschema.Draft202012Validator(json.load(f)).validate(report)
        if "site-packages/mpsim_examples/abba.py" not in report["model"]:
            fail(f"--example abba checked {report['model']}")
        if [v["kind"] for v in report["violations"]] != ["deadlock"]:
            fail(f"the installed mpsim found {report['violations']} in abba")
        if not report["violations"][0]["steps"][3]["location"].endswith("mpsim_examples/abba.py:20"):
            fail(f"the installed abba example's trace has other lines: {report['violations'][0]}")
        # The Chinese catalogue ships as its .po, compiled when it is used.
        chinese = run(mpsim, "check", "--lang", "zh", "--example", "abba", cwd=tmp, expect=1)
        if "发现 1 个问题：" not in chinese or "修复：" not in chinese:
            fail(f"the installed mpsim does not report in Chinese:\n{chinese}")
        # The installed example must be checked exactly as models/ is in the source tree.
        for name, argv in (("traffic", ["1"]), ("lock_vs_rlock", [])):
            words = ["check", "--json", "--example", name, "--", *argv]
            installed = json.loads(run(mpsim, *words, cwd=tmp, expect=None))
            source = json.loads(run(sys.executable, "-m", "mpsim", *words, cwd=".", expect=None))
            for key in ("states", "transitions", "complete"):
                if installed[key] != source[key]:
                    fail(f"{name}: {key} {installed[key]} installed, {source[key]} in the source tree")
            for key in ("violations", "information"):
                if [x.get("title", x.get("line")) for x in installed[key]] != \
                        [x.get("title", x.get("line")) for x in source[key]]:
                    fail(f"{name}: the {key} differ between the installed and the source tree")
    print("wheel check: the wheel installs and runs; it ships the examples, the schema, the "
          "Chinese catalogue and the licence")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "dist")
