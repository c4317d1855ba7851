"""``python -m mpsim``: the same as the ``mpsim`` command."""
import sys

from .cli import main

sys.exit(main())
