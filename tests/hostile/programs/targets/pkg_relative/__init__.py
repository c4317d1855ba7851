"""A package holding a model that imports its siblings relatively (see ../../o_package_relative.py)."""
