"""A preview or refresh must not re-hash passwords known to be the ones the fingerprints were made from:
a PBKDF2 fingerprint costs about 10 ms of CPU per credential, and both diff every list."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_sinch_est.client import CredentialList
from pulumi_sinch_est.providers import _context
from pulumi_sinch_est.providers import credential_list as module
from pulumi_sinch_est.providers.credential_list import CREDENTIALS_VERSION, CredentialListProvider

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


class FakeClient:
    credential_lists = FakeLists()


@pytest.fixture
def hashes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The passwords `diff` hashes."""
    seen: list[str] = []
    real = module.matches

    def counting(password: object, stored: object) -> bool:
        seen.append(str(password))
        return real(password, stored)

    monkeypatch.setattr(module, "matches", counting)
    monkeypatch.setattr(_context, "client", FakeClient)
    return seen


def created() -> tuple[dict[str, Any], dict[str, Any]]:
    """The inputs and outputs the engine stores after a create."""
    inputs = PROVIDER.check({}, program()).inputs
    outs = PROVIDER.create(inputs).outs
    assert outs[CREDENTIALS_VERSION] == inputs[CREDENTIALS_VERSION]
    return inputs, outs


def test_unchanged_passwords_are_not_hashed_in_preview_or_refresh(hashes: list[str]) -> None:
    stored, outs = created()
    news = PROVIDER.check(stored, program()).inputs
    assert news[CREDENTIALS_VERSION] == stored[CREDENTIALS_VERSION]
    assert PROVIDER.diff("L1", outs, news).changes is False  # preview
    refreshed = PROVIDER.read("L1", outs).outs
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


def test_an_adopted_list_has_no_version_and_gets_its_passwords_set(hashes: list[str]) -> None:
    inputs = PROVIDER.check({}, {**program(), "import_id": "L1"}).inputs
    outs = PROVIDER.create(inputs).outs
    assert outs[CREDENTIALS_VERSION] is None and outs["password_fingerprints"] == {}
    assert PROVIDER.diff("L1", outs, PROVIDER.check(inputs, {**program(), "import_id": "L1"}).inputs).changes
