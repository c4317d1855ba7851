"""The one packaging detail pyproject.toml cannot say: the bundled example models live in
``models/`` at the repository root (the README and the tests use those paths) and are shipped in
the wheel as the package ``mpsim.examples`` (``mpsim examples``, ``mpsim check --example NAME``).
Everything else is in pyproject.toml."""
from setuptools import find_packages, setup

setup(packages=find_packages(include=["mpsim", "mpsim.*"]) + ["mpsim.examples"],
      package_dir={"mpsim.examples": "models"})
