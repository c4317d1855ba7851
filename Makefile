# The two commands of the README: `make demo` sets everything up and checks the bundled traffic
# light model; `make test` runs the test suite.
VENV ?= .venv
PY := $(VENV)/bin/python

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'

setup: $(PY)

demo: $(PY)
	$(VENV)/bin/mpsim check models/traffic.py

test: $(PY)
	$(PY) -m pytest -q

.PHONY: setup demo test
