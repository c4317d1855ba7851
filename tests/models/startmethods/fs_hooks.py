"""A helper module of forkserver.py that registers at-fork hooks when it is imported."""
import os

EVENTS = []
os.register_at_fork(before=lambda: EVENTS.append("before"),
                    after_in_parent=lambda: EVENTS.append("parent"),
                    after_in_child=lambda: EVENTS.append("child"))
