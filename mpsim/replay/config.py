"""What the controller tells the real processes: one environment variable every child inherits.

A forked child has its parent's memory; a spawned one is a fresh interpreter, but it inherits the
environment, so ``MPSIM_REPLAY`` (the controller's address and key, the model, its arguments and
the forced start method) reaches every process.  ``MPSIM_REPLAY_IDENTITY`` is set by the parent
just while it starts a spawned child, so the child knows its identity before it re-imports the
model (the simulator numbers the objects it creates there as that child's).
"""
from __future__ import annotations

import json
import os
from typing import NamedTuple

VAR = "MPSIM_REPLAY"
IDENTITY_VAR = "MPSIM_REPLAY_IDENTITY"


class Config(NamedTuple):
    address: object  # abstract AF_UNIX name (Linux) or (host, port)
    key: bytes
    model: str  # absolute path of the model file
    argv: list  # the model's sys.argv, as the simulator set it
    forced: str | None  # --start-method, or None for the model's own choice (spawn by default)

    def encode(self) -> str:
        return json.dumps({"address": self.address, "key": self.key.hex(), "model": self.model,
                           "argv": self.argv, "forced": self.forced})


def from_environment() -> Config:
    data = json.loads(os.environ[VAR])
    address = data["address"]
    return Config(tuple(address) if isinstance(address, list) else address,
                  bytes.fromhex(data["key"]), data["model"], data["argv"], data["forced"])


def identity_text(identity: tuple) -> str:
    return ":".join(map(str, identity))


def spawned_identity() -> tuple:
    text = os.environ.get(IDENTITY_VAR, "")
    return tuple(int(k) for k in text.split(":")) if text else ()
