"""The rule a create follows when its response is lost, for the lists whose names are not unique: take the
only list equal to what was sent, and never guess between several. Providers called directly (no engine)
against the emulator, which performs the create and drops the answer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pulumi.dynamic import ResourceProvider

from pulumi_sinch_est.client import TransportError
from pulumi_sinch_est.emulator.config import EmulatorConfig
from pulumi_sinch_est.emulator.server import EmulatorServer
from pulumi_sinch_est.providers._base import ProviderError
from pulumi_sinch_est.providers.acl import AclProvider
from pulumi_sinch_est.providers.credential_list import CredentialListProvider

from .conftest import PASSWORD

ACL = {"name": "office", "ip_ranges": ["203.0.113.0/28"]}
CREDS = {"name": "users", "credentials": [{"username": "pbx", "password": PASSWORD}]}
CASES = [(AclProvider, ACL, "accessControlLists"), (CredentialListProvider, CREDS, "credentialLists")]


@pytest.fixture
def emulator(monkeypatch: pytest.MonkeyPatch) -> Iterator[EmulatorServer]:
    with EmulatorServer(EmulatorConfig(port=0, numbers=[])) as server:
        for key, value in server.env().items():
            monkeypatch.setenv(key, value)
        monkeypatch.setenv("SINCH_TIMEOUT_SECONDS", "5")
        yield server


def _lose_next_create(server: EmulatorServer, collection: str) -> None:
    rule = {"method": "POST", "pathRegex": f"/{collection}$", "times": 1, "mode": "close"}
    httpx.put(f"{server.url}/_emulator/faults", json={"lostResponses": [rule]}).raise_for_status()


def _ids(server: EmulatorServer, collection: str) -> list[str]:
    project = httpx.get(f"{server.url}/_emulator/state").json()["projects"][server.config.project_id]
    return [item["id"] for item in project[collection]]


def _create(provider: ResourceProvider, inputs: dict[str, Any]) -> Any:
    checked = provider.check({}, inputs)
    assert checked.failures == []
    return provider.create(dict(checked.inputs))


@pytest.mark.parametrize(("provider", "inputs", "collection"), CASES, ids=["Acl", "CredentialList"])
def test_a_lost_create_adopts_the_list_it_made(
    emulator: EmulatorServer, provider: type[ResourceProvider], inputs: dict[str, Any], collection: str
) -> None:
    other = _create(provider(), {**inputs, "name": "someone else's"})  # same content, other name: no match
    _lose_next_create(emulator, collection)
    created = _create(provider(), inputs)
    assert created.id != other.id
    assert sorted(_ids(emulator, collection)) == sorted([other.id, created.id])


@pytest.mark.parametrize(("provider", "inputs", "collection"), CASES, ids=["Acl", "CredentialList"])
def test_a_lost_create_never_guesses_between_twins(
    emulator: EmulatorServer, provider: type[ResourceProvider], inputs: dict[str, Any], collection: str
) -> None:
    _create(provider(), inputs)  # a twin made beforehand (by hand, or by another stack)
    _lose_next_create(emulator, collection)
    with pytest.raises(ProviderError) as failure:
        _create(provider(), inputs)
    assert isinstance(failure.value.__context__, TransportError)
    assert "may have been processed" in str(failure.value)
    assert len(_ids(emulator, collection)) == 2
