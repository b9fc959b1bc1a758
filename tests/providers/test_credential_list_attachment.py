"""`CredentialListAttachmentProvider` without the engine: validation, replace rules and the link calls."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.output import Unknown
from pulumi.runtime.rpc import UNKNOWN

from pulumi_sinch_est.client import NotFoundError, TransportError
from pulumi_sinch_est.providers import _context
from pulumi_sinch_est.providers._base import ProviderError
from pulumi_sinch_est.providers.credential_list_attachment import CredentialListAttachmentProvider

PROVIDER = CredentialListAttachmentProvider()


def check(**news: Any) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    result = PROVIDER.check({}, {"trunk_id": "T1", "credential_list_id": "L1", **news})
    return dict(result.inputs), [(f.property, f.reason) for f in result.failures]


@pytest.mark.parametrize(
    ("news", "path", "expected"),
    [
        ({"trunk_id": ""}, "trunk_id", "trunk_id = '' is invalid"),
        ({"credential_list_id": " "}, "credential_list_id", "expected a non-empty string"),
        ({"credential_list_id": 7}, "credential_list_id", "credential_list_id = 7 is invalid"),
        ({"import_id": "L1"}, "import_id", "expected 'T1/L1'"),
        ({"import_id": "T1/L2"}, "import_id", "'T1/L2' is invalid"),
        ({"trunk": "T1"}, "trunk", "not an input of this resource"),
    ],
)
def test_invalid(news: dict[str, Any], path: str, expected: str) -> None:
    _, found = check(**news)
    assert [p for p, _ in found] == [path]
    assert expected in found[0][1]


def test_missing_ids() -> None:
    assert sorted(f.property for f in PROVIDER.check({}, {}).failures) == ["credential_list_id", "trunk_id"]


@pytest.mark.parametrize("unknown", [UNKNOWN, Unknown()], ids=["sentinel", "Unknown"])
def test_unknown_ids_pass_preview(unknown: Any) -> None:
    inputs, found = check(trunk_id=unknown, credential_list_id=unknown)
    assert (found, inputs["trunk_id"]) == ([], unknown)
    assert check(credential_list_id=unknown, import_id="T1/L9")[1] == []


def test_any_change_replaces_new_link_first() -> None:
    olds, _ = check()
    for news in ({"credential_list_id": "L2"}, {"trunk_id": "T2"}, {"credential_list_id": UNKNOWN}):
        diff = PROVIDER.diff("T1/L1", olds, {**olds, **news})
        assert diff.changes is True and diff.replaces == list(news)
        assert diff.delete_before_replace is False
    assert PROVIDER.diff("T1/L1", olds, check()[0]).changes is False
    assert PROVIDER.diff("T1/L1", olds, check(import_id="T1/L1")[0]).changes is False


class FakeTrunks:
    def __init__(self) -> None:
        self.links: dict[str, list[str]] = {"T1": ["other"]}
        self.calls: list[str] = []
        self.lose_response = False

    def link_credential_lists(self, trunk_id: str, list_ids: list[str]) -> None:
        self.calls.append(f"POST {trunk_id} {list_ids}")
        self.links[trunk_id].extend(i for i in list_ids if i not in self.links[trunk_id])
        if self.lose_response:
            raise TransportError("linking", "read timeout", may_have_been_processed=True)

    @staticmethod
    def unreachable(trunk_id: str, list_ids: list[str]) -> None:
        raise TransportError("linking", "connection reset", may_have_been_processed=True)

    def has_credential_list(self, trunk_id: str, list_id: str) -> bool:
        """The client's listing-backed check; a fake keeps no listing, so it lists every time."""
        return trunk_id in self.links and list_id in self.links[trunk_id]

    def list_credential_list_ids(self, trunk_id: str) -> list[str]:
        if trunk_id not in self.links:
            raise NotFoundError(404, "listing")
        return list(self.links[trunk_id])

    def unlink_credential_list(self, trunk_id: str, list_id: str) -> None:
        self.calls.append(f"DELETE {trunk_id} {list_id}")
        if list_id not in self.links.get(trunk_id, []):
            raise NotFoundError(404, "unlinking")
        self.links[trunk_id].remove(list_id)


class FakeClient:
    def __init__(self, trunks: FakeTrunks) -> None:
        self.trunks = trunks


@pytest.fixture
def trunks(monkeypatch: pytest.MonkeyPatch) -> FakeTrunks:
    fake = FakeTrunks()
    monkeypatch.setattr(_context, "client", lambda: FakeClient(fake))
    return fake


def test_lifecycle(trunks: FakeTrunks) -> None:
    inputs, _ = check()
    created = PROVIDER.create(inputs)
    assert created.id == "T1/L1"
    assert created.outs == {"trunk_id": "T1", "credential_list_id": "L1", "import_id": None}
    assert trunks.calls == ["POST T1 ['L1']"]

    read = PROVIDER.read("T1/L1", created.outs)
    assert (read.id, read.inputs) == ("T1/L1", created.outs)

    PROVIDER.delete("T1/L1", created.outs)
    assert trunks.links["T1"] == ["other"]
    assert PROVIDER.read("T1/L1", created.outs).id is None
    PROVIDER.delete("T1/L1", {})  # 404: already gone
    assert PROVIDER.read("T9/L1", {}).id is None  # the trunk is gone


def test_lost_response_is_looked_up(trunks: FakeTrunks) -> None:
    trunks.lose_response = True
    assert PROVIDER.create(check()[0]).id == "T1/L1", "the link was made: the POST was processed"

    trunks.links["T2"] = []
    trunks.link_credential_lists = FakeTrunks.unreachable  # type: ignore[method-assign]
    with pytest.raises(ProviderError, match="no response from Sinch"):
        PROVIDER.create(check(trunk_id="T2")[0])


def test_adopt_checks_the_link_and_writes_nothing(trunks: FakeTrunks) -> None:
    inputs, _ = check(credential_list_id="other", import_id="T1/other")
    assert PROVIDER.create(inputs).id == "T1/other"
    with pytest.raises(ProviderError, match="L1 is not linked to trunk T1"):
        PROVIDER.create(check(import_id="T1/L1")[0])
    assert trunks.calls == []
