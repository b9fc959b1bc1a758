"""The rule a create follows when its outcome is unknown, for the lists whose names are not unique: take the
only list equal to what was sent that did not exist before the create began, and never guess. Providers
called directly (no engine) against the emulator, which performs the create and drops the answer, or
answers 500 without performing it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pulumi.dynamic import ResourceProvider

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
def test_a_lost_create_leaves_an_older_twin_alone(
    emulator: EmulatorServer, provider: type[ResourceProvider], inputs: dict[str, Any], collection: str
) -> None:
    # A twin made beforehand (by hand, or by another stack) existed before the create began: it is never
    # the one the create made, so the list that appeared since is taken.
    twin = _create(provider(), inputs)
    _lose_next_create(emulator, collection)
    created = _create(provider(), inputs)
    assert created.id != twin.id
    assert sorted(_ids(emulator, collection)) == sorted([twin.id, created.id])


@pytest.mark.parametrize(("provider", "inputs", "collection"), CASES, ids=["Acl", "CredentialList"])
def test_a_create_answered_500_and_not_performed_never_takes_a_twin(
    emulator: EmulatorServer, provider: type[ResourceProvider], inputs: dict[str, Any], collection: str
) -> None:
    twin = _create(provider(), inputs)
    refused = {"method": "POST", "pathRegex": f"/{collection}$", "status": 500, "times": 1}
    httpx.put(f"{emulator.url}/_emulator/faults", json={"errors": [refused]}).raise_for_status()
    with pytest.raises(ProviderError) as failure:
        _create(provider(), inputs)
    message = str(failure.value)
    assert "HTTP 500" in message and f"({twin.id})" in message and "import_id" in message, message
    assert _ids(emulator, collection) == [twin.id]


def test_a_lost_create_never_guesses_between_twins_made_meanwhile(emulator: EmulatorServer) -> None:
    # The POST is performed and its answer held; meanwhile someone makes an identical list. Two lists that
    # did not exist before the create began match: the error stands, naming both.
    rule = {"method": "POST", "pathRegex": "/accessControlLists$", "times": 1, "mode": "hold", "holdS": 8}
    httpx.put(f"{emulator.url}/_emulator/faults", json={"lostResponses": [rule]}).raise_for_status()
    twin: list[str] = []

    def make_twin() -> None:
        while not _ids(emulator, "accessControlLists"):
            time.sleep(0.02)
        twin.append(str(_create(AclProvider(), {**ACL, "enabled": True}).id))

    maker = threading.Thread(target=make_twin)
    maker.start()
    with pytest.raises(ProviderError) as failure:
        _create(AclProvider(), ACL)
    maker.join()
    message = str(failure.value)
    assert message.startswith("creating access control list 'office' failed: no response from Sinch"), message
    assert "cannot tell which one this create made" in message and twin[0] in message, message
    assert len(_ids(emulator, "accessControlLists")) == 2
