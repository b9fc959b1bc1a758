"""Export fixtures: the hand-built project in a running emulator, and the exporter run as a user runs it.

The round trip reuses the lifecycle suite's `sinch` fixture (a real engine on the emulator, with its
teardown that asserts the project is empty); the command-line tests need only the emulator.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from pulumi_sinch_est.emulator.config import EmulatorConfig
from pulumi_sinch_est.emulator.server import EmulatorServer
from tests.lifecycle.conftest import NUMBERS, api_token, sinch  # noqa: F401  (`sinch` is the fixture, reused here)

from .project import build


@dataclass
class Export:
    """One run of `python -m pulumi_sinch_est.export`."""

    returncode: int
    stdout: str
    stderr: str

    def summary(self) -> dict[str, Any]:
        assert self.returncode == 0, self.stderr
        parsed: dict[str, Any] = json.loads(self.stdout)
        return parsed


def run_export(env: Mapping[str, str], *args: str | Path) -> Export:
    """The exporter as a separate process with exactly these `SINCH_*` settings (none inherited)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SINCH_")}
    done = subprocess.run(
        [sys.executable, "-m", "pulumi_sinch_est.export", *map(str, args)],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    return Export(done.returncode, done.stdout, done.stderr)


@dataclass
class Live:
    """The hand-built project in an emulator of its own."""

    server: EmulatorServer
    api: httpx.Client
    ids: dict[str, str]

    def requests(self) -> list[dict[str, Any]]:
        body: dict[str, Any] = httpx.get(f"{self.server.url}/_emulator/requests").json()
        entries: list[dict[str, Any]] = body["requests"]
        return entries


@pytest.fixture
def live() -> Iterator[Live]:
    config = EmulatorConfig(port=0, numbers=list(NUMBERS), provisioning_delay_s=0.2)
    with EmulatorServer(config) as server:
        env = server.env()
        api = httpx.Client(
            base_url=f"{env['SINCH_EST_URL']}/v1/projects/{env['SINCH_PROJECT_ID']}",
            headers={"Authorization": f"Bearer {api_token(server)}"},
        )
        with api:
            yield Live(server, api, build(api))
