"""docs/emulator.md documents the control plane and the demo defaults the emulator really has: every
`/_emulator/` route, every run-time setting and fault key, and the demo project, key, numbers and port.
A route or setting added without its line in the page fails here."""

from __future__ import annotations

import re
from pathlib import Path

from pulumi_sinch_est.emulator.config import (
    DEFAULT_CLI_PORT,
    DEMO_KEY_ID,
    DEMO_KEY_SECRET,
    DEMO_NUMBERS,
    DEMO_PROJECT_ID,
    EmulatorConfig,
)
from pulumi_sinch_est.emulator.control import PREFIX, control_routes
from pulumi_sinch_est.emulator.faults import FaultConfig

PAGE = (Path(__file__).resolve().parents[2] / "docs" / "emulator.md").read_text()


def test_every_control_route_is_documented() -> None:
    documented = set(re.findall(r"`(GET|PUT|POST|PATCH|DELETE) (/_emulator/[^`?\s]*)", PAGE))
    routes = {(method, route.path) for route in control_routes() for method in route.methods or () if method != "HEAD"}
    assert {(m, p.replace("{phone_number}", "{number}")) for m, p in routes} == documented
    assert all(p.startswith(PREFIX) for _, p in routes)


def test_every_setting_and_fault_key_is_documented() -> None:
    settings = EmulatorConfig().settings().to_json()
    faults = FaultConfig().to_json()
    missing = [key for key in [*settings, *faults] if f"`{key}`" not in PAGE and f'"{key}"' not in PAGE]
    assert missing == []


def test_demo_defaults_are_the_emulators() -> None:
    for value in (
        DEMO_PROJECT_ID,
        DEMO_KEY_ID,
        DEMO_KEY_SECRET,
        str(DEFAULT_CLI_PORT),
        DEMO_NUMBERS[0],
        DEMO_NUMBERS[-1],
    ):
        assert value in PAGE
    assert f"`{EmulatorConfig().provisioning_delay_s}` s" in PAGE
