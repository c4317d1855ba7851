"""Helper module for importlib_plugin.py: a plugin that must be configured before use."""
_config = None


def configure(prefix):
    global _config
    _config = {"prefix": prefix}


def transform(text):
    if _config is None:
        raise RuntimeError("plugin not configured")
    return _config["prefix"] + text.upper()
