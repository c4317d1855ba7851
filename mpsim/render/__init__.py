"""Pictures of a check: the state graph as DOT, SVG, PNG or JSON, and the HTML report."""
