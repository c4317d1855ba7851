"""A module in a directory that has no __main__.py (see ../../m_directory.py)."""
VALUE = 1
