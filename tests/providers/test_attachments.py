"""`AclAttachmentProvider` and `CredentialListAttachmentProvider` without the engine: validation, replace
rules and the link calls. One body runs against both, as one implementation (`_attachment`) serves both."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from pulumi.output import Unknown
from pulumi.runtime.rpc import UNKNOWN

from pulumi_sinch_est.client import NotFoundError, TransportError
from pulumi_sinch_est.providers._attachment import AttachmentProvider
from pulumi_sinch_est.providers._base import ProviderError
from pulumi_sinch_est.providers.acl_attachment import AclAttachmentProvider
from pulumi_sinch_est.providers.credential_list_attachment import CredentialListAttachmentProvider
from tests.conftest import FakeClient


class FakeTrunks:
    """The links of trunks to lists, for one kind of list (the subclasses name its three calls)."""

    def __init__(self) -> None:
        self.links: dict[str, list[str]] = {"T1": ["other"]}
        self.calls: list[str] = []
        self.lose_response = False
        """The link is made, then the response is lost."""
        self.unreachable = False
        """No request gets through."""

    def _link(self, trunk_id: str, list_ids: list[str]) -> None:
        if self.unreachable:
            raise TransportError("linking", "connection reset", may_have_been_processed=True)
        self.calls.append(f"POST {trunk_id} {list_ids}")
        self.links[trunk_id].extend(i for i in list_ids if i not in self.links[trunk_id])
        if self.lose_response:
            raise TransportError("linking", "read timeout", may_have_been_processed=True)

    def _list_ids(self, trunk_id: str) -> list[str]:
        if trunk_id not in self.links:
            raise NotFoundError(404, "listing")
        return list(self.links[trunk_id])

    def _has(self, trunk_id: str, list_id: str) -> bool:
        """The client's listing-backed check; a fake keeps no listing, so it lists every time (a gone
        trunk holds no link)."""
        return list_id in self.links.get(trunk_id, [])

    def _unlink(self, trunk_id: str, list_id: str) -> None:
        self.calls.append(f"DELETE {trunk_id} {list_id}")
        if list_id not in self.links.get(trunk_id, []):
            raise NotFoundError(404, "unlinking")
        self.links[trunk_id].remove(list_id)


class AclTrunks(FakeTrunks):
    def link_access_control_lists(self, trunk_id: str, acl_ids: list[str]) -> None:
        self._link(trunk_id, acl_ids)

    def list_access_control_list_ids(self, trunk_id: str) -> list[str]:
        return self._list_ids(trunk_id)

    def has_access_control_list(self, trunk_id: str, acl_id: str) -> bool:
        return self._has(trunk_id, acl_id)

    def unlink_access_control_list(self, trunk_id: str, acl_id: str) -> None:
        self._unlink(trunk_id, acl_id)


class CredentialListTrunks(FakeTrunks):
    def link_credential_lists(self, trunk_id: str, list_ids: list[str]) -> None:
        self._link(trunk_id, list_ids)

    def list_credential_list_ids(self, trunk_id: str) -> list[str]:
        return self._list_ids(trunk_id)

    def has_credential_list(self, trunk_id: str, list_id: str) -> bool:
        return self._has(trunk_id, list_id)

    def unlink_credential_list(self, trunk_id: str, list_id: str) -> None:
        self._unlink(trunk_id, list_id)


@dataclass(frozen=True)
class Kind:
    """One attachment: its provider, the input naming the list, the letter of the lists' ids in these
    tests (`A1`, `L1`), and the fake trunk calls it makes."""

    provider: AttachmentProvider
    field: str
    letter: str
    trunks: type[FakeTrunks]

    def id(self, n: int | str = 1) -> str:
        return f"{self.letter}{n}"

    def check(self, **news: Any) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        result = self.provider.check({}, {"trunk_id": "T1", self.field: self.id(), **news})
        return dict(result.inputs), [(f.property, f.reason) for f in result.failures]


KINDS = [
    Kind(AclAttachmentProvider(), "acl_id", "A", AclTrunks),
    Kind(CredentialListAttachmentProvider(), "credential_list_id", "L", CredentialListTrunks),
]


@pytest.fixture(params=KINDS, ids=[k.field for k in KINDS])
def kind(request: pytest.FixtureRequest) -> Kind:
    chosen: Kind = request.param
    return chosen


@pytest.fixture
def trunks(monkeypatch: pytest.MonkeyPatch, kind: Kind) -> FakeTrunks:
    fake = kind.trunks()
    FakeClient(trunks=fake).install(monkeypatch)
    return fake


INVALID = [
    ({"trunk_id": ""}, "trunk_id", "trunk_id = '' is invalid"),
    ({"trunk_id": "  "}, "trunk_id", "expected a Sinch object id"),
    ({"<list>": ""}, "<list>", "<list> = '' is invalid"),
    ({"<list>": " "}, "<list>", "expected a Sinch object id"),
    ({"<list>": 5}, "<list>", "<list> = 5 is invalid"),
    ({"import_id": "T1"}, "import_id", "expected 'T1/<id>1'"),
    ({"import_id": "<id>1"}, "import_id", "expected 'T1/<id>1'"),
    ({"import_id": "T1/<id>2"}, "import_id", "'T1/<id>2' is invalid"),
    ({"trunk": "T1"}, "trunk", "not an input of this resource"),
]


def _named(kind: Kind, value: Any) -> Any:
    """A case written for any kind, `<list>` and `<id>` filled in for this one."""
    return value.replace("<list>", kind.field).replace("<id>", kind.letter) if isinstance(value, str) else value


@pytest.mark.parametrize(("news", "path", "expected"), INVALID)
def test_invalid(kind: Kind, news: dict[str, Any], path: str, expected: str) -> None:
    _, found = kind.check(**{_named(kind, k): _named(kind, v) for k, v in news.items()})
    assert [p for p, _ in found] == [_named(kind, path)]
    assert _named(kind, expected) in found[0][1]


def test_missing_ids(kind: Kind) -> None:
    assert sorted(f.property for f in kind.provider.check({}, {}).failures) == sorted([kind.field, "trunk_id"])


@pytest.mark.parametrize("unknown", [UNKNOWN, Unknown()], ids=["sentinel", "Unknown"])
def test_unknown_ids_pass_preview(kind: Kind, unknown: Any) -> None:
    """Check gets `pulumi.output.Unknown` objects for values not known yet (the host deserializes with
    keep_unknowns), the sentinel string elsewhere."""
    inputs, found = kind.check(trunk_id=unknown, **{kind.field: unknown})
    assert (found, inputs["trunk_id"]) == ([], unknown)
    assert kind.check(trunk_id=unknown, import_id=f"T9/{kind.id()}")[1] == []
    assert kind.check(**{kind.field: unknown}, import_id=f"T1/{kind.id(9)}")[1] == []
    assert kind.check(trunk_id="", **{kind.field: unknown}, import_id=f"T9/{kind.id()}")[1][0][0] == "trunk_id"


def test_any_change_replaces_new_link_first(kind: Kind) -> None:
    olds, _ = kind.check()
    link = f"T1/{kind.id()}"
    for news in ({kind.field: kind.id(2)}, {"trunk_id": "T2"}, {"trunk_id": UNKNOWN}, {kind.field: UNKNOWN}):
        diff = kind.provider.diff(link, olds, {**olds, **news})
        assert diff.changes is True and diff.replaces == list(news)
        assert diff.delete_before_replace is False
    assert kind.provider.diff(link, olds, kind.check()[0]).changes is False
    assert kind.provider.diff(link, olds, kind.check(import_id=link)[0]).changes is False


def test_lifecycle(kind: Kind, trunks: FakeTrunks) -> None:
    provider, link = kind.provider, f"T1/{kind.id()}"
    inputs, _ = kind.check()
    created = provider.create(inputs)
    assert created.id == link
    assert created.outs == {"trunk_id": "T1", kind.field: kind.id(), "import_id": None}
    assert trunks.calls == [f"POST T1 ['{kind.id()}']"]

    read = provider.read(link, created.outs)
    assert (read.id, read.inputs) == (link, created.outs)

    provider.delete(link, created.outs)
    assert trunks.links["T1"] == ["other"]
    assert provider.read(link, created.outs).id is None
    provider.delete(link, {})  # 404: already gone
    assert provider.read(f"T9/{kind.id()}", {}).id is None  # the trunk is gone


def test_lost_response_is_looked_up(kind: Kind, trunks: FakeTrunks) -> None:
    trunks.lose_response = True
    assert kind.provider.create(kind.check()[0]).id == f"T1/{kind.id()}", "the link was made: the POST was processed"

    trunks.links["T2"] = []
    trunks.unreachable = True
    with pytest.raises(ProviderError, match="no response from Sinch"):
        kind.provider.create(kind.check(trunk_id="T2")[0])


def test_adopt_checks_the_link_and_writes_nothing(kind: Kind, trunks: FakeTrunks) -> None:
    inputs, _ = kind.check(**{kind.field: "other"}, import_id="T1/other")
    assert kind.provider.create(inputs).id == "T1/other"
    with pytest.raises(ProviderError, match=f"{kind.id()} is not linked to trunk T1") as failure:
        kind.provider.create(kind.check(import_id=f"T1/{kind.id()}")[0])
    assert isinstance(failure.value, LookupError)
    assert trunks.calls == []
