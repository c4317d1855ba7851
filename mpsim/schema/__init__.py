"""The JSON Schema (draft 2020-12) of every JSON object the ``mpsim`` command prints:
``mpsim-report-2.schema.json`` beside this file (``"schema": "mpsim-report/2"``)."""
import json
import os

SCHEMA_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mpsim-report-2.schema.json")


def load_schema() -> dict:
    with open(SCHEMA_FILE, encoding="utf-8") as f:
        return json.load(f)
