"""No password, key secret or access token in plaintext anywhere a user or a CI system keeps output:
the stored state (with its history), the engine's events, the provider's debug log and every error."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pulumi import automation as auto

from pulumi_sinch_est.emulator.config import DEMO_KEY_SECRET
from pulumi_sinch_est.recovery import TYPE_PREFIX

from .conftest import NUMBERS, PASSWORD, Chaos, Timer
from .programs import every_type

pytestmark = pytest.mark.engine

ROTATED = "Rotated-Secret-Passw0rd2"
FAILED_ROTATION = "Unsent-Secret-Passw0rd3"
REJECTED = "Short-Pw1"
"""Fails `check` (under 12 characters): the error must hide it."""


class Transcript:
    """Everything the engine said during the test's runs: events as JSON, stdout, stderr, errors."""

    def __init__(self) -> None:
        self.chunks: list[str] = []

    def event(self, event: auto.EngineEvent) -> None:
        self.chunks.append(json.dumps(event, default=_plain))

    def run(self, operation: Callable[..., Any], **kwargs: Any) -> None:
        try:
            result = operation(on_event=self.event, **kwargs)
        except auto.errors.CommandError as error:
            self.chunks.append(str(error))
            raise
        self.chunks += [result.stdout, result.stderr]

    def text(self) -> str:
        return "\n".join(self.chunks)


def _first_error_lines(output: str) -> list[str]:
    """The first line of each resource's error under "Diagnostics:": what a user reads first."""
    lines = output.split("\n")
    headings = [i for i, line in enumerate(lines) if line.startswith(f"  {TYPE_PREFIX}") and line.endswith("):")]
    return [lines[i + 1].strip() for i in headings]


def _plain(value: object) -> object:
    return vars(value) if hasattr(value, "__dict__") else str(value)


def test_no_secret_in_state_events_logs_or_errors(sinch: Chaos, tmp_path: Path) -> None:
    timer = Timer.start()
    tokens: list[str] = []
    authority = sinch.server.app.runtime.auth  # type: ignore[attr-defined]
    issue = authority.issue

    def recording_issue(key_id: str, key_secret: str) -> tuple[str, int]:
        token, ttl = issue(key_id, key_secret)
        tokens.append(token)
        return token, ttl

    authority.issue = recording_issue
    log_file = tmp_path / "provider.log"
    sinch.engine.env.update(SINCH_LOG_LEVEL="DEBUG", SINCH_LOG_FILE=str(log_file))
    # The key travels as secret stack config; the key id and URLs go with it (one layer, see config.py).
    config = {
        f"sinch:{key}": sinch.engine.env.pop(f"SINCH_{variable}")
        for key, variable in [
            ("keyId", "KEY_ID"),
            ("keySecret", "KEY_SECRET"),
            ("estUrl", "EST_URL"),
            ("numbersUrl", "NUMBERS_URL"),
            ("authUrl", "AUTH_URL"),
        ]
    }
    key_secret = config["sinch:keySecret"]
    assert key_secret == DEMO_KEY_SECRET
    stack = sinch.stack(every_type(NUMBERS[:1]), config=config, secrets={"sinch:keySecret"})
    said = Transcript()

    said.run(stack.up)
    stack.workspace.program = every_type(NUMBERS[:1], password=ROTATED, trunk_name="Renamed")
    said.run(stack.up)
    said.run(stack.refresh)
    sinch.expire_tokens()
    stack.workspace.program = every_type(NUMBERS[:1], password=REJECTED)
    with pytest.raises(auto.errors.CommandError):
        said.run(stack.preview)
    sinch.faults(errorRates={"400": 1.0})
    stack.workspace.program = every_type(NUMBERS[:1], password=FAILED_ROTATION)
    with pytest.raises(auto.errors.CommandError) as failed:
        said.run(stack.up)
    first_lines = _first_error_lines(str(failed.value))
    assert first_lines and all(line.startswith("error: pulumi_sinch_est.ProviderError: ") for line in first_lines)
    sinch.faults()
    said.run(stack.destroy)

    logged = log_file.read_text()
    assert "POST /v1/projects/" in logged and "PUT /v1/projects/" in logged, "the debug log was not written"
    assert "Injected fault: HTTP 400" in said.text(), "the failing update did not fail as planned"
    assert len(tokens) >= 2, "the provider did not fetch a second token after the expiry"
    places = {"stored state": sinch.engine.stored_text(), "engine output": said.text(), "provider log": logged}
    secrets = {
        "password": PASSWORD,
        "rotated password": ROTATED,
        "password of the failed update": FAILED_ROTATION,
        "rejected password": REJECTED,
        "key secret": key_secret,
        **{f"access token {n}": token for n, token in enumerate(tokens)},
    }
    found = [f"{what} in {where}" for where, text in places.items() for what, value in secrets.items() if value in text]
    assert found == []
    print(f"secrets: tokens={len(tokens)} wall={timer.seconds()} s")
