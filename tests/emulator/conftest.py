"""Fixtures of the emulator suite: a real server on a free port per test, and a client for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pulumi_sinch_est.emulator import EmulatorConfig, EmulatorServer

from .support import Api, fetch_token

PROVISIONING_DELAY_S = 0.2


@pytest.fixture
def emulator() -> Iterator[EmulatorServer]:
    """A started emulator on 127.0.0.1 and a free port, stopped after the test."""
    with EmulatorServer(EmulatorConfig(port=0, provisioning_delay_s=PROVISIONING_DELAY_S, seed=7)) as server:
        yield server


@pytest.fixture
def api(emulator: EmulatorServer) -> Iterator[Api]:
    """A client of the emulator's default project with a fresh bearer token."""
    client = Api(emulator)
    yield client
    client.close()


@pytest.fixture
def other_api(emulator: EmulatorServer, api: Api) -> Iterator[Api]:
    """A client of a second project, with its own access key registered through the control plane."""
    project = "0c0ffee0-0000-4000-8000-00000000beef"
    created = api.control(
        "POST", "/keys", json={"keyId": "other-key", "keySecret": "other-secret", "projectId": project}
    )
    assert created.status_code == 201
    client = Api(emulator, token=fetch_token(emulator, "other-key", "other-secret"), project=project)
    yield client
    client.close()
