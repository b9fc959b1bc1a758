"""`AclAttachmentProvider` without the engine: validation, replace rules and the link calls."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.output import Unknown
from pulumi.runtime.rpc import UNKNOWN

from pulumi_sinch_est.client import NotFoundError
from pulumi_sinch_est.providers import _context
from pulumi_sinch_est.providers.acl_attachment import AclAttachmentProvider

PROVIDER = AclAttachmentProvider()


def check(**news: Any) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    result = PROVIDER.check({}, {"trunk_id": "T1", "acl_id": "A1", **news})
    return dict(result.inputs), [(f.property, f.reason) for f in result.failures]


@pytest.mark.parametrize(
    ("news", "path", "expected"),
    [
        ({"trunk_id": ""}, "trunk_id", "trunk_id = '' is invalid"),
        ({"trunk_id": "  "}, "trunk_id", "expected a non-empty string"),
        ({"acl_id": ""}, "acl_id", "acl_id = '' is invalid"),
        ({"acl_id": 5}, "acl_id", "acl_id = 5 is invalid"),
        ({"import_id": "T1"}, "import_id", "expected 'T1/A1'"),
        ({"import_id": "T1/A2"}, "import_id", "'T1/A2' is invalid"),
    ],
)
def test_invalid(news: dict[str, Any], path: str, expected: str) -> None:
    _, found = check(**news)
    assert [p for p, _ in found] == [path]
    assert expected in found[0][1]


def test_missing_ids() -> None:
    result = PROVIDER.check({}, {})
    assert sorted(f.property for f in result.failures) == ["acl_id", "trunk_id"]


@pytest.mark.parametrize("unknown", [UNKNOWN, Unknown()], ids=["sentinel", "Unknown"])
def test_unknown_ids_pass_preview(unknown: Any) -> None:
    """Check gets `pulumi.output.Unknown` objects for values not known yet (the host deserializes with
    keep_unknowns), the sentinel string elsewhere."""
    inputs, found = check(trunk_id=unknown, acl_id=unknown)
    assert (found, inputs["trunk_id"]) == ([], unknown)
    assert check(trunk_id=unknown, import_id="T9/A1")[1] == []
    assert check(trunk_id="", acl_id=unknown, import_id="T9/A1")[1][0][0] == "trunk_id"


def test_any_change_replaces_new_link_first() -> None:
    olds, _ = check()
    for news in ({"acl_id": "A2"}, {"trunk_id": "T2"}, {"trunk_id": UNKNOWN}):
        diff = PROVIDER.diff("T1/A1", olds, {**olds, **news})
        assert diff.changes is True and diff.replaces == list(news)
        assert diff.delete_before_replace is False
    adopted, _ = check(import_id="T1/A1")
    assert PROVIDER.diff("T1/A1", olds, adopted).changes is False


class FakeTrunks:
    def __init__(self) -> None:
        self.links: dict[str, list[str]] = {"T1": ["other"]}
        self.calls: list[str] = []

    def link_access_control_lists(self, trunk_id: str, acl_ids: list[str]) -> None:
        self.calls.append(f"POST {trunk_id} {acl_ids}")
        self.links[trunk_id].extend(i for i in acl_ids if i not in self.links[trunk_id])

    def has_access_control_list(self, trunk_id: str, list_id: str) -> bool:
        """The client's listing-backed check; a fake keeps no listing, so it lists every time."""
        return trunk_id in self.links and list_id in self.links[trunk_id]

    def list_access_control_list_ids(self, trunk_id: str) -> list[str]:
        if trunk_id not in self.links:
            raise NotFoundError(404, "listing")
        return list(self.links[trunk_id])

    def unlink_access_control_list(self, trunk_id: str, acl_id: str) -> None:
        self.calls.append(f"DELETE {trunk_id} {acl_id}")
        if acl_id not in self.links.get(trunk_id, []):
            raise NotFoundError(404, "unlinking")
        self.links[trunk_id].remove(acl_id)


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
    assert created.id == "T1/A1"
    assert created.outs == {"trunk_id": "T1", "acl_id": "A1", "import_id": None}
    assert trunks.calls == ["POST T1 ['A1']"]

    read = PROVIDER.read("T1/A1", created.outs)
    assert (read.id, read.inputs) == ("T1/A1", created.outs)

    PROVIDER.delete("T1/A1", created.outs)
    assert trunks.links["T1"] == ["other"]
    assert PROVIDER.read("T1/A1", created.outs).id is None
    PROVIDER.delete("T1/A1", {})  # 404: already gone
    assert PROVIDER.read("T9/A1", {}).id is None  # the trunk is gone


def test_adopt_checks_the_link_and_writes_nothing(trunks: FakeTrunks) -> None:
    inputs, _ = check(acl_id="other", import_id="T1/other")
    assert PROVIDER.create(inputs).id == "T1/other"
    with pytest.raises(LookupError, match="A1 is not linked to trunk T1"):
        PROVIDER.create(check(import_id="T1/A1")[0])
    assert trunks.calls == []
