"""Helper package for package_inventory.py: a tiny shop whose stock lives in the package."""
from .inventory import OutOfStock, stock, take  # noqa: F401
