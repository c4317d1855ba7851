# The two commands of the README: `make demo` sets everything up and checks the bundled traffic
# light model; `make test` runs the test suite.  `make pictures` regenerates the README's pictures
# (needs Graphviz, Chromium and chromium-driver).  `make wheel` builds the sdist and the wheel into
# dist/, lists the wheel and installs it in a fresh venv to run it (.ci/wheel_check.py).
# `make catalog` extracts the messages of the reports (babel.cfg) and updates the Chinese catalogue
# mpsim/locale/zh_CN/LC_MESSAGES/mpsim.po; translate its new entries (tests/test_i18n.py lists the
# missing ones).  The .po is compiled in memory when it is used (mpsim/i18n.py): no .mo to build.
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

# Re-installs whenever pyproject.toml changes (a new dependency reaches an existing venv too).
$(INSTALLED): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(INSTALLED)

setup: $(INSTALLED)

demo: $(INSTALLED)
	$(VENV)/bin/mpsim check models/traffic.py

# Both layers, in two worker processes (pytest-xdist): the fast layer alone is
# `$(PY) -m pytest -q -m 'not replay'`.
test: $(INSTALLED)
	$(PY) -m pytest -q -n 2

wheel: $(INSTALLED)
	rm -rf dist
	$(PY) -m build --outdir dist .
	$(PY) .ci/wheel_check.py dist

pictures: $(INSTALLED)
	$(VENV)/bin/mpsim graph models/abba.py -o docs/abba.svg
	mkdir -p build
	$(PY) -m pytest -q tests/test_html_browser.py --basetemp=build/browser
	cp build/browser/test_report_in_chromium0/report-abba.png docs/report-abba.png

catalog: $(INSTALLED)
	mkdir -p build
	$(VENV)/bin/pybabel extract -F babel.cfg --no-location --sort-output --omit-header \
	    -k ret:3 -k cont:3 -o build/mpsim.pot .
	$(VENV)/bin/pybabel update -i build/mpsim.pot -d mpsim/locale -D mpsim -l zh_CN \
	    --no-fuzzy-matching --omit-header --ignore-obsolete

.PHONY: setup demo test wheel pictures catalog
