"""`CredentialListProvider` without the engine: validation, secrecy, the diff rules and the API calls."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.output import Unknown
from pulumi.runtime.rpc import UNKNOWN

from pulumi_sinch_est.client import BadRequestError, NotFoundError
from pulumi_sinch_est.client.models import Credential, CredentialList, CredentialListRequest
from pulumi_sinch_est.providers._base import ProviderError
from pulumi_sinch_est.providers._fingerprints import fingerprint, matches
from pulumi_sinch_est.providers.credential_list import CredentialListInputs, CredentialListProvider
from tests.conftest import FakeClient

PROVIDER = CredentialListProvider()
ALICE = "Alice-Secret-001"
BOB = "Bob-Secret-0002"
ROTATED = "Rotated-Secret-003"


def creds(**passwords: Any) -> list[dict[str, Any]]:
    return [{"username": u, "password": p} for u, p in passwords.items()]


def check(**news: Any) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    result = PROVIDER.check({}, {"name": "Office", "credentials": creds(bob=BOB, alice=ALICE), **news})
    return dict(result.inputs), [(f.property, f.reason) for f in result.failures]


def test_check_sorts_by_username_and_fills_defaults() -> None:
    inputs, failures = check()
    assert failures == []
    assert [c["username"] for c in inputs["credentials"]] == ["alice", "bob"]
    assert inputs["import_id"] is None
    assert PROVIDER.check({}, {"name": "Empty"}).inputs["credentials"] == []


@pytest.mark.parametrize(
    ("credentials", "path", "expected"),
    [
        (creds(alice="short1A"), "credentials[0].password", "at least 12 characters"),
        (creds(alice="alllowercase123"), "credentials[0].password", "upper-case letter"),
        (creds(alice="A" * 256 + "a1"), "credentials[0].password", "at most 255"),
        (creds(alice=12345678901234), "credentials[0].password", "valid string"),
        ([{"username": "", "password": ALICE}], "credentials[0].username", "credentials[0].username = '' is invalid"),
        ([{"username": "  ", "password": ALICE}], "credentials[0].username", "non-empty"),
        ([{"username": "alice"}], "credentials[0].password", "is required"),
        (creds(alice=ALICE, bob=BOB) + creds(alice=ROTATED), "credentials", "repeats username 'alice'"),
        ([{"username": "alice", "pasword": ALICE}], "credentials[0]", "unknown key 'pasword'"),
        ([["alice", ALICE]], "credentials[0]", "expected a mapping"),
        ({"username": "alice", "password": ALICE}, "credentials", "valid list"),
        (f"alice:{ALICE}", "credentials", "valid list"),
        ([{"username": {"password": ALICE}, "password": BOB}], "credentials[0].username", "valid string"),
    ],
)
def test_invalid_never_shows_a_password(credentials: Any, path: str, expected: str) -> None:
    _, failures = check(credentials=credentials)
    assert [p for p, _ in failures] == [path]
    reason = failures[0][1]
    assert expected in reason
    for password in (ALICE, BOB, ROTATED, "short1A", "alllowercase123", "A" * 256, "12345678901234"):
        assert password not in reason


def test_the_secret_field_is_declared_once_and_found_where_it_is_nested() -> None:
    assert {"password"} == CredentialListInputs.SECRET_FIELDS
    assert CredentialListInputs.secret_holders() == {"credentials"}


def test_invalid_name() -> None:
    assert check(name="  ")[1][0][0] == "name"
    assert PROVIDER.check({}, {"credentials": []}).failures[0].reason == "name is required"


@pytest.mark.parametrize("unknown", [UNKNOWN, Unknown()], ids=["sentinel", "Unknown"])
def test_unknown_values_pass_check(unknown: Any) -> None:
    assert check(credentials=[{"username": "alice", "password": unknown}])[1] == []
    assert check(credentials=unknown)[1] == []
    assert check(name=unknown)[1] == []


def outputs_for(credentials: list[dict[str, str]], name: str = "Office") -> dict[str, Any]:
    """The outputs a create of these (checked) credentials leaves."""
    return {
        "name": name,
        "usernames": sorted(c["username"] for c in credentials),
        "credential_ids": {c["username"]: f"C-{c['username']}" for c in credentials},
        "password_fingerprints": {c["username"]: fingerprint(c["password"]) for c in credentials},
        "import_id": None,
    }


def diff(olds: dict[str, Any], **news: Any) -> tuple[bool | None, list[str]]:
    inputs, failures = check(**news)
    assert failures == []
    result = PROVIDER.diff("L1", olds, inputs)
    assert result.delete_before_replace is False
    return result.changes, list(result.replaces or [])


def test_diff_rules() -> None:
    olds = outputs_for(check()[0]["credentials"])
    assert diff(olds) == (False, [])
    assert diff(olds, credentials=creds(alice=ALICE, bob=BOB)) == (False, []), "order is no change"
    assert diff(olds, name="Renamed") == (True, [])
    assert diff(olds, credentials=creds(alice=ROTATED, bob=BOB)) == (True, [])
    assert diff(olds, credentials=creds(alice=ALICE)) == (True, [])
    assert diff(olds, credentials=creds(alice=ALICE, bob=BOB, carol=ROTATED)) == (True, ["credentials"])
    assert diff(olds, credentials=creds(alice=ALICE, carol=BOB)) == (True, ["credentials"])
    assert diff(olds, import_id="L1") == (False, [])


@pytest.mark.parametrize("unknown", [UNKNOWN, Unknown()], ids=["sentinel", "Unknown"])
def test_diff_with_unknowns_assumes_the_worst(unknown: Any) -> None:
    olds = outputs_for(check()[0]["credentials"])
    assert diff(olds, credentials=creds(alice=unknown, bob=BOB)) == (True, [])
    assert diff(olds, credentials=[{"username": unknown, "password": ALICE}]) == (True, ["credentials"])
    assert diff(olds, credentials=unknown) == (True, ["credentials"])
    assert diff(olds, name=unknown) == (True, [])


def test_adopted_list_without_fingerprints_sets_passwords() -> None:
    olds = {**outputs_for(check()[0]["credentials"]), "password_fingerprints": {}}
    assert diff(olds) == (True, [])


class FakeLists:
    """The credential-list API over a dict, recording every write."""

    def __init__(self) -> None:
        self.lists: dict[str, CredentialList] = {}
        self.passwords: dict[tuple[str, str], str] = {}
        self.writes: list[str] = []
        self.in_use = False

    def create(self, req: CredentialListRequest) -> CredentialList:
        self.writes.append(f"POST {req.name}")
        list_id = f"L{len(self.lists) + 1}"
        credentials = [Credential(id=f"C-{c.username}", username=c.username) for c in req.credentials or []]
        self.lists[list_id] = CredentialList(id=list_id, name=req.name, credentials=credentials)
        for c in req.credentials or []:
            self.passwords[(list_id, c.username)] = c.password
        return self.get(list_id)

    def list(self) -> list[CredentialList]:
        return [self.get(list_id) for list_id in self.lists]

    def read(self, list_id: str) -> CredentialList:
        """The client's listing-backed read; a fake keeps no listing, so it reads as `get` does."""
        return self.get(list_id)

    def get(self, list_id: str) -> CredentialList:
        if list_id not in self.lists:
            raise NotFoundError(404, f"reading credential list {list_id}")
        return self.lists[list_id].model_copy(deep=True)

    def rename(self, list_id: str, name: str) -> CredentialList:
        self.writes.append(f"PUT {list_id} {name}")
        self.lists[list_id].name = name
        return self.get(list_id)

    def set_password(self, list_id: str, username: str, password: str) -> Credential:
        self.writes.append(f"PUT {list_id}/{username}")
        if (list_id, username) not in self.passwords:
            raise NotFoundError(404, "setting a password")
        self.passwords[(list_id, username)] = password
        return Credential(id=f"C-{username}", username=username)

    def delete_credential(self, list_id: str, username: str) -> None:
        self.writes.append(f"DELETE {list_id}/{username}")
        self.lists[list_id].credentials = [c for c in self.lists[list_id].credentials or [] if c.username != username]
        del self.passwords[(list_id, username)]

    def delete(self, list_id: str) -> None:
        self.writes.append(f"DELETE {list_id}")
        if self.in_use:
            raise BadRequestError(
                400,
                f"deleting credential list {list_id}",
                api_status="FAILED_PRECONDITION",
                api_message="usernames used by SIP endpoints: E1",
            )
        if list_id not in self.lists:
            raise NotFoundError(404, "deleting")
        del self.lists[list_id]


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> FakeLists:
    fake = FakeLists()
    FakeClient(credential_lists=fake).install(monkeypatch)
    return fake


def test_lifecycle(api: FakeLists) -> None:
    inputs, _ = check()
    created = PROVIDER.create(inputs)
    assert (created.id, api.writes) == ("L1", ["POST Office"])
    outs = created.outs or {}
    assert outs["usernames"] == ["alice", "bob"]
    assert outs["credential_ids"] == {"alice": "C-alice", "bob": "C-bob"}
    assert matches(ALICE, outs["password_fingerprints"]["alice"])
    assert ALICE not in repr(outs) and BOB not in repr(outs)
    assert api.passwords == {("L1", "alice"): ALICE, ("L1", "bob"): BOB}

    read = PROVIDER.read("L1", outs)
    assert (read.id, read.outs, read.inputs) == ("L1", outs, {"name": "Office", "import_id": None})

    api.writes.clear()
    news, _ = check(name="Renamed", credentials=creds(alice=ROTATED))
    updated = PROVIDER.update("L1", outs, news).outs or {}
    assert api.writes == ["PUT L1 Renamed", "PUT L1/alice", "DELETE L1/bob"]
    assert api.passwords == {("L1", "alice"): ROTATED}
    assert (updated["name"], updated["usernames"]) == ("Renamed", ["alice"])
    assert updated["credential_ids"] == {"alice": "C-alice"}
    assert matches(ROTATED, updated["password_fingerprints"]["alice"])
    assert PROVIDER.diff("L1", updated, news).changes is False

    api.writes.clear()
    PROVIDER.update("L1", updated, news)
    assert api.writes == [], "an unchanged password keeps its fingerprint and is not sent"

    PROVIDER.delete("L1", updated)
    assert PROVIDER.read("L1", updated).id is None
    PROVIDER.delete("L1", updated)  # 404: already gone


def test_read_shows_usernames_changed_by_hand(api: FakeLists) -> None:
    outs = PROVIDER.create(check()[0]).outs or {}
    api.delete_credential("L1", "bob")
    read = PROVIDER.read("L1", outs).outs or {}
    assert (read["usernames"], list(read["password_fingerprints"])) == (["alice"], ["alice"])
    assert diff(read) == (True, ["credentials"]), "the API cannot add bob back: a replacement"


def test_update_refuses_a_username_the_list_lost(api: FakeLists) -> None:
    outs = PROVIDER.create(check()[0]).outs or {}
    api.delete_credential("L1", "bob")
    api.writes.clear()
    with pytest.raises(ProviderError, match="'bob' is no longer in the list"):
        PROVIDER.update("L1", outs, check(name="Renamed")[0])
    assert api.writes == []


def test_adopt_reads_and_writes_nothing(api: FakeLists) -> None:
    api.create(CredentialListRequest.model_validate({"name": "By hand", "credentials": creds(alice=ALICE)}))
    api.writes.clear()
    adopted = PROVIDER.create(check(name="By hand", credentials=creds(alice=ALICE), import_id="L1")[0])
    assert (adopted.id, api.writes) == ("L1", [])
    assert matches(ALICE, (adopted.outs or {})["password_fingerprints"]["alice"])  # trusted, not sent
    with pytest.raises(ProviderError, match="reading credential list L9 failed: HTTP 404"):
        PROVIDER.create(check(import_id="L9")[0])


def test_delete_refused_names_the_cause_and_the_way_out(api: FakeLists) -> None:
    PROVIDER.create(check()[0])
    api.in_use = True
    with pytest.raises(ProviderError) as refused:
        PROVIDER.delete("L1", {})
    message = str(refused.value)
    assert "usernames used by SIP endpoints: E1" in message and "registered endpoint" in message
