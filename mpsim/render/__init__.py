"""Pictures of a check: the state graph as DOT, SVG, PNG or JSON, and the HTML report.

The drawing modules import networkx and graphviz; this package's constants do not, so the command
line starts without them."""

FORMATS = ("dot", "svg", "png", "json")  # the picture formats, by file extension
DEFAULT_MAX_NODES = 150  # above this many states a picture shows the findings' neighbourhood
