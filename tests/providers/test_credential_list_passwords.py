"""A preview or refresh must not re-hash passwords known to be the ones the fingerprints were made from:
a PBKDF2 fingerprint costs about 0.3 s of CPU per credential, and both diff every list."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from pulumi_sinch_est.client import CredentialList
from pulumi_sinch_est.providers import _fingerprints
from pulumi_sinch_est.providers import credential_list as module
from pulumi_sinch_est.providers._fingerprints import fingerprint, matches
from pulumi_sinch_est.providers.credential_list import CREDENTIALS_VERSION, CredentialListProvider
from tests.conftest import FakeClient, outs_of

PROVIDER = CredentialListProvider()
OLD, NEW = "Old-Passw0rd-123", "New-Passw0rd-456"


def program(password: str = OLD) -> dict[str, Any]:
    return {"name": "pbx", "credentials": [{"username": "alice", "password": password}]}


class FakeLists:
    def create(self, _request: Any) -> CredentialList:
        return CredentialList.model_validate(
            {"id": "L1", "name": "pbx", "credentials": [{"id": "c1", "username": "alice"}]}
        )

    def read(self, _id: str) -> CredentialList:
        """The client's listing-backed read; a fake keeps no listing, so it reads as `get` does."""
        return self.get(_id)

    def get(self, _id: str) -> CredentialList:
        return self.create(None)

    def list(self) -> list[CredentialList]:
        return []


@pytest.fixture
def hashes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The passwords `diff` hashes."""
    seen: list[str] = []
    real = _fingerprints.matches

    def counting(password: object, stored: object) -> bool:
        seen.append(str(password))
        return real(password, stored)

    monkeypatch.setattr(module, "matches", counting)
    FakeClient(credential_lists=FakeLists()).install(monkeypatch)
    return seen


def created() -> tuple[dict[str, Any], dict[str, Any]]:
    """The inputs and outputs the engine stores after a create."""
    inputs = PROVIDER.check({}, program()).inputs
    outs = outs_of(PROVIDER.create(inputs))
    assert outs[CREDENTIALS_VERSION] == inputs[CREDENTIALS_VERSION]
    return inputs, outs


def test_unchanged_passwords_are_not_hashed_in_preview_or_refresh(hashes: list[str]) -> None:
    stored, outs = created()
    news = PROVIDER.check(stored, program()).inputs
    assert news[CREDENTIALS_VERSION] == stored[CREDENTIALS_VERSION]
    assert PROVIDER.diff("L1", outs, news).changes is False  # preview
    refreshed = outs_of(PROVIDER.read("L1", outs))
    assert PROVIDER.diff("L1", refreshed, stored).changes is False  # refresh: read outputs against stored inputs
    assert hashes == []


def test_a_rotated_password_gets_a_new_version_and_is_hashed(hashes: list[str]) -> None:
    stored, outs = created()
    news = PROVIDER.check(stored, program(NEW)).inputs
    assert news[CREDENTIALS_VERSION] != stored[CREDENTIALS_VERSION]
    assert PROVIDER.diff("L1", outs, news).changes is True
    assert hashes == [NEW]


def test_without_a_version_the_fingerprints_decide(hashes: list[str]) -> None:
    """Inputs refreshed from outputs hold neither passwords nor the version: a new one, so hashing."""
    _, outs = created()
    news = PROVIDER.check({"name": "pbx", "import_id": None}, program()).inputs
    assert PROVIDER.diff("L1", outs, news).changes is False
    assert hashes == [OLD]


def test_an_adopted_list_trusts_its_passwords_until_one_changes(hashes: list[str]) -> None:
    inputs = PROVIDER.check({}, {**program(), "import_id": "L1"}).inputs
    outs = outs_of(PROVIDER.create(inputs))
    assert outs[CREDENTIALS_VERSION] == inputs[CREDENTIALS_VERSION]
    assert matches(OLD, outs["password_fingerprints"]["alice"])
    assert not PROVIDER.diff("L1", outs, PROVIDER.check(inputs, {**program(), "import_id": "L1"}).inputs).changes
    assert PROVIDER.diff("L1", outs, PROVIDER.check(inputs, {**program(NEW), "import_id": "L1"}).inputs).changes


def test_new_fingerprints_meet_the_owasp_iteration_count() -> None:
    scheme, iterations, _salt, _digest = fingerprint(OLD).split("$")
    assert (scheme, int(iterations) >= 600_000) == ("pbkdf2-sha256", True)


def test_a_fingerprint_from_an_older_release_verifies_and_is_upgraded_on_the_next_update(
    hashes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """State written with 50,000 iterations: no diff, and a rename upgrades it without sending the password."""
    sent: list[str] = []
    monkeypatch.setattr(FakeLists, "rename", lambda self, _id, name: sent.append(f"rename {name}"), raising=False)
    monkeypatch.setattr(FakeLists, "set_password", lambda self, *args: sent.append("set_password"), raising=False)
    stored, outs = created()
    old = fingerprint(OLD, iterations=50_000)
    outs = {**outs, "password_fingerprints": {"alice": old}, CREDENTIALS_VERSION: None}
    news = PROVIDER.check(stored, program()).inputs

    assert PROVIDER.diff("L1", outs, news).changes is False
    renamed = PROVIDER.check(stored, {**program(), "name": "pbx2"}).inputs
    updated = PROVIDER.update("L1", outs, renamed).outs or {}

    assert sent == ["rename pbx2"]
    upgraded = updated["password_fingerprints"]["alice"]
    assert upgraded != old and int(upgraded.split("$")[1]) >= 600_000 and matches(OLD, upgraded)


def test_a_create_hashes_while_it_talks_to_the_api(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fingerprints are under way before the create's request is sent, so the request's latency hides
    them; the lists' passwords are hashed at once, not one after another."""
    hashing = threading.Event()
    seen_by_the_request: list[bool] = []
    real = _fingerprints.fingerprint

    def announced(password: str) -> str:
        hashing.set()
        return real(password)

    class WaitingLists(FakeLists):
        def create(self, _request: Any) -> CredentialList:
            seen_by_the_request.append(hashing.wait(timeout=5))
            return super().create(_request)

    monkeypatch.setattr(_fingerprints, "fingerprint", announced)
    FakeClient(credential_lists=WaitingLists()).install(monkeypatch)
    outs = outs_of(PROVIDER.create(PROVIDER.check({}, program()).inputs))
    assert seen_by_the_request == [True]
    assert matches(OLD, outs["password_fingerprints"]["alice"])


def test_started_fingerprints_are_collected_by_username() -> None:
    collected = _fingerprints.started({"alice": OLD, "bob": NEW})()
    assert sorted(collected) == ["alice", "bob"]
    assert matches(OLD, collected["alice"]) and matches(NEW, collected["bob"])
    assert _fingerprints.started({})() == {}
