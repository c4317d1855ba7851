"""Imported by imported_later.py in its worker's first round."""
count = 0
