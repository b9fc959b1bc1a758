"""Fixtures shared by every suite: a private Pulumi engine per test, and the one fake client and fake
clock the unit tests use (imported by name where a test needs the types: `from conftest import ...`)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pulumi import automation as auto
from pulumi.dynamic import CreateResult, ReadResult, ResourceProvider, UpdateResult

from pulumi_sinch_est.providers import _context
from pulumi_sinch_est.providers._provisioning import FirstPoll, Pacing
from tests.harness.engine import Engine, cli_root_from_env
from tests.harness.vault import Vault


@pytest.fixture(scope="session")
def pulumi_cli_root() -> Path:
    return cli_root_from_env()


@pytest.fixture(scope="session")
def vault() -> Iterator[Vault]:
    """One stand-in Vault per test process: the stacks' secrets provider (see `tests.harness.vault`)."""
    server = Vault()
    yield server
    server.close()


@pytest.fixture
def engine(pulumi_cli_root: Path, tmp_path: Path, vault: Vault) -> Engine:
    """A fresh file backend and PULUMI_HOME for this test alone; secrets wrapped by the stand-in Vault."""
    return Engine(
        cli_root=pulumi_cli_root, root=tmp_path / "pulumi", env=dict(vault.env), secrets_provider=vault.secrets_provider
    )


class FakeClock:
    """Time that moves only when the code sleeps (or a test says so); sleeps are recorded. Thread-safe,
    for the bulk provider's worker threads."""

    def __init__(self, now: float = 0.0) -> None:
        self.now = now
        self.sleeps: list[float] = []
        self._lock = threading.Lock()

    def monotonic(self) -> float:
        return self.now

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self.now += seconds


class FakeClient:
    """The one stand-in for `SinchClient` in provider tests: it holds the fake API areas a test gives it
    (`FakeClient(trunks=FakeTrunks())`); touching an area it was not given fails the test."""

    def __init__(self, **areas: object) -> None:
        self.__dict__.update(areas)

    def install(self, monkeypatch: pytest.MonkeyPatch) -> FakeClient:
        """Make it the client every provider gets from `_context` for the rest of the test."""
        monkeypatch.setattr(_context, "client", lambda: self)
        return self


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """A fake clock for the number provisioning waits, with a first-poll estimate of this test's own."""
    clock = FakeClock()
    pacing = Pacing(clock, FirstPoll())
    monkeypatch.setattr(_context, "pacing", lambda: pacing)
    return clock


class Checker:
    """`check` of a new resource, as the provider tests call it: `base` inputs under the test's own."""

    def __init__(self, provider: ResourceProvider, **base: Any) -> None:
        self._provider = provider
        self._base = base

    def inputs(self, **news: Any) -> dict[str, Any]:
        """The normalised inputs of a valid resource (the test fails when `check` finds a fault)."""
        result = self._provider.check({}, {**self._base, **news})
        assert result.failures == []
        return dict(result.inputs)

    def failures(self, **news: Any) -> list[tuple[str, str]]:
        """(property, reason) of each fault `check` finds."""
        return [(f.property, f.reason) for f in self._provider.check({}, {**self._base, **news}).failures or []]


def outs_of(result: CreateResult | ReadResult | UpdateResult) -> dict[str, Any]:
    """The outputs of a provider operation, which every operation tested here returns."""
    assert result.outs is not None
    return dict(result.outs)


def state_resources(stack: auto.Stack) -> list[dict[str, Any]]:
    """The resources the stack's state holds, as `pulumi stack export` writes them."""
    resources: list[dict[str, Any]] = (stack.export_stack().deployment or {}).get("resources") or []
    return resources
