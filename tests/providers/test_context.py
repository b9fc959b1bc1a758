"""The provider process's settings and logging: resolved from `configure()`, announced once, and never
failing a deployment over a diagnostics setting."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, cast

import pytest
from pulumi.dynamic import ConfigureRequest

from pulumi_sinch_est.config import ConfigurationError
from pulumi_sinch_est.providers import _context

STACK = {
    "sinch:projectId": "stack-project",
    "sinch:keyId": "stack-key",
    "sinch:keySecret": "stack-Secret-Value-456",
    "sinch:estUrl": "http://127.0.0.1:9",
}


class _Config:
    """What `configure()` reads from the engine's config: `get(key)`."""

    def __init__(self, values: Mapping[str, str]) -> None:
        self._values = dict(values)

    def get(self, key: str) -> str | None:
        return self._values.get(key)


def _configure(values: Mapping[str, str]) -> None:
    _context.configure(ConfigureRequest(cast(Any, _Config(values))))


@pytest.fixture(autouse=True)
def fresh_process(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test is a new provider process: logging unread, nothing announced, no SINCH_* inherited."""
    monkeypatch.setattr(_context, "_logging_read", False)
    monkeypatch.setattr(_context, "_announced", None)
    for name in ("SINCH_PROJECT_ID", "SINCH_KEY_ID", "SINCH_KEY_SECRET", "SINCH_ACCESS_TOKEN", "SINCH_EST_URL"):
        monkeypatch.delenv(name, raising=False)
    package = logging.getLogger("pulumi_sinch_est")
    handlers, level = list(package.handlers), package.level
    yield
    for handler in package.handlers[len(handlers) :]:
        handler.close()
    package.handlers[:] = handlers
    package.setLevel(level)
    _configure({})


def test_an_unusable_log_file_warns_on_stderr_and_configure_goes_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-folder" / "provider.log"
    monkeypatch.setenv(_context.LOG_LEVEL_ENV, "INFO")
    monkeypatch.setenv(_context.LOG_FILE_ENV, str(missing))

    _configure(STACK)

    assert f"cannot open SINCH_LOG_FILE={str(missing)!r}" in capsys.readouterr().err
    assert isinstance(logging.getLogger("pulumi_sinch_est").handlers[-1], logging.StreamHandler)


def test_the_resolved_project_and_hosts_are_logged_once_without_secrets(caplog: pytest.LogCaptureFixture) -> None:
    _configure(STACK)
    caplog.set_level(logging.INFO, logger="pulumi_sinch_est")

    _context.client()
    _context.client()

    lines = [r.getMessage() for r in caplog.records if r.name == "pulumi_sinch_est.providers"]
    assert lines == [
        "using Sinch project stack-project (credentials and URLs from stack config): EST http://127.0.0.1:9, "
        "Numbers https://numbers.api.sinch.com, auth https://auth.sinch.com"
    ]
    assert "stack-Secret-Value-456" not in caplog.text


def test_a_stray_url_in_the_environment_fails_the_operation_naming_both_places(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SINCH_EST_URL", "http://127.0.0.1:8787")
    _configure(STACK)

    with pytest.raises(ConfigurationError, match="stack config `sinch:keyId`.*environment variable SINCH_EST_URL"):
        _context.client()
