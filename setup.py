"""The one packaging detail pyproject.toml cannot say: the bundled example models live in
``models/`` at the repository root (the README and the tests use those paths) and are shipped in
the wheel as the package ``mpsim_examples`` (``mpsim examples``, ``mpsim check --example NAME``).

Not as ``mpsim.examples``: the engine treats every file under the ``mpsim`` package directory as
its own plumbing (session.model_frames), so a model there would lose its frames from the process
state - wrong merges, no source lines.  Everything else is in pyproject.toml.
"""
from setuptools import find_packages, setup

setup(packages=find_packages(include=["mpsim", "mpsim.*"]) + ["mpsim_examples"],
      package_dir={"mpsim_examples": "models"})
