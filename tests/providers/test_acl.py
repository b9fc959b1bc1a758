"""`AclProvider` without the engine: validation, the order-insensitive diff, and the order of range calls."""

from __future__ import annotations

import builtins
from typing import Any

import pytest
from pulumi.output import Unknown
from pulumi.runtime.rpc import UNKNOWN

from pulumi_sinch_est.client import NotFoundError
from pulumi_sinch_est.client.models import (
    AccessControlList,
    AccessControlListRequest,
    IpRange,
    IpRangeRequest,
)
from pulumi_sinch_est.providers.acl import AclProvider
from tests.conftest import Checker, FakeClient, outs_of

PROVIDER = AclProvider()
CHECK = Checker(PROVIDER, name="Office")
checked = CHECK.inputs
failures = CHECK.failures


def test_ranges_are_normalised_and_sorted() -> None:
    inputs = checked(
        ip_ranges=[
            "203.0.113.10/32",
            {"cidr": "198.51.100.0/24", "description": "HQ"},
            {"cidr": "192.0.2.0/25", "description": None},
        ]
    )
    assert inputs == {
        "name": "Office",
        "enabled": True,
        "import_id": None,
        "ip_ranges": [
            {"cidr": "192.0.2.0/25", "description": ""},
            {"cidr": "198.51.100.0/24", "description": "HQ"},
            {"cidr": "203.0.113.10/32", "description": ""},
        ],
    }


def test_order_is_not_a_change() -> None:
    olds = checked(ip_ranges=["203.0.113.10/32", {"cidr": "198.51.100.0/24", "description": "HQ"}])
    news = checked(ip_ranges=[{"cidr": "198.51.100.0/24", "description": "HQ"}, "203.0.113.10/32"])
    assert PROVIDER.diff("acl", olds, news).changes is False


@pytest.mark.parametrize(
    "news",
    [
        {"name": "Renamed"},
        {"enabled": False},
        {"ip_ranges": ["203.0.113.10/32", {"cidr": "198.51.100.0/24", "description": "moved"}]},
        {"ip_ranges": ["203.0.113.10/32"]},
    ],
)
def test_every_change_is_in_place(news: dict[str, Any]) -> None:
    olds = checked(ip_ranges=["203.0.113.10/32", {"cidr": "198.51.100.0/24", "description": "HQ"}])
    diff = PROVIDER.diff("acl", olds, {**olds, **checked(**{"ip_ranges": olds["ip_ranges"], **news})})
    assert (diff.changes, diff.replaces) == (True, [])


@pytest.mark.parametrize(
    ("ranges", "path", "expected"),
    [
        (
            ["10.0.0.1/24"],
            "ip_ranges[0]",
            "'10.0.0.1/24' is invalid: host bits are set: did you mean 10.0.0.0/24?",
        ),
        (["10.0.0.0/8", {"cidr": "10.0.0.1/24"}], "ip_ranges[1].cidr", "did you mean 10.0.0.0/24"),
        (["0.0.0.0/0"], "ip_ranges[0]", "'0.0.0.0/0' is invalid: expected a prefix length from 1 to 32"),
        (["10.0.0.0/33"], "ip_ranges[0]", "'10.0.0.0/33' is invalid: expected a prefix length from 1 to 32"),
        (["not-an-ip/32"], "ip_ranges[0]", "'not-an-ip/32' is invalid: expected an IPv4 network"),
        (["10.0.0.1"], "ip_ranges[0]", "'10.0.0.1' is invalid: expected IPv4 CIDR notation"),
        (["2001:db8::/32"], "ip_ranges[0]", "expected an IPv4 network"),
        (
            ["10.0.0.0/24", {"cidr": "10.0.0.0/24", "description": "again"}],
            "ip_ranges",
            "ip_ranges[1] repeats 10.0.0.0/24 from ip_ranges[0]",
        ),
        ([], "ip_ranges", "[] is invalid: expected at least one range"),
        ("10.0.0.0/24", "ip_ranges", "valid list"),
        ([5], "ip_ranges[0]", "5 is invalid: expected a CIDR string"),
        ([{"cidr": "10.0.0.0/24", "comment": "x"}], "ip_ranges[0]", "unknown key 'comment'"),
        ([{"description": "x"}], "ip_ranges[0].cidr", "ip_ranges[0].cidr is required"),
        ([{"cidr": "10.0.0.0/24", "description": 7}], "ip_ranges[0].description", "= 7 is invalid"),
    ],
)
def test_invalid_ranges(ranges: Any, path: str, expected: str) -> None:
    found = failures(ip_ranges=ranges)
    assert [p for p, _ in found] == [path]
    assert found[0][1].startswith(path) and expected in found[0][1]


def test_missing_and_mistyped_inputs() -> None:
    assert failures() == [("ip_ranges", "ip_ranges is required")]
    assert [p for p, _ in failures(ip_ranges=["10.0.0.0/24"], enabled="yes")] == ["enabled"]
    assert [p for p, _ in failures(ip_ranges=["10.0.0.0/24"], name=" ")] == ["name"]


@pytest.mark.parametrize("unknown", [UNKNOWN, Unknown()], ids=["sentinel", "Unknown"])
def test_unknown_ranges_pass_preview_and_count_as_a_change(unknown: Any) -> None:
    olds = checked(ip_ranges=["10.0.0.0/24"])
    news = PROVIDER.check({}, {"name": "Office", "ip_ranges": ["10.0.0.0/24", unknown]})
    assert news.failures == []
    assert PROVIDER.diff("acl", olds, dict(news.inputs)).changes is True


def test_acl_put_body_leaves_the_ranges_alone() -> None:
    body = AccessControlListRequest(name="Office", enabled=False).to_body()
    assert body == {"name": "Office", "enabled": False}


# A client double: the provider only sees `client.access_control_lists`.


def _range(range_id: str, cidr: str, description: str | None = "") -> IpRange:
    address, _, prefix = cidr.partition("/")
    return IpRange(id=range_id, ip_address=address, range=int(prefix), description=description)


class FakeAcls:
    def __init__(self, acl: AccessControlList | None) -> None:
        self.acl = acl
        self.calls: list[str] = []
        self.bodies: list[dict[str, Any]] = []
        self.next_id = 0

    def _live(self) -> AccessControlList:
        if self.acl is None:
            raise NotFoundError(404, "reading access control list")
        return self.acl

    def create(self, req: AccessControlListRequest) -> AccessControlList:
        self.calls.append("POST acl")
        self.bodies.append(req.to_body())
        ranges = [
            _range(f"r{i}", f"{r.ip_address}/{r.range}", r.description) for i, r in enumerate(req.ip_ranges or [])
        ]
        self.acl = AccessControlList(id="acl-1", name=req.name, enabled=req.enabled, ip_ranges=ranges)
        return self.acl

    def read(self, acl_id: str) -> AccessControlList:
        """The client's listing-backed read; a fake keeps no listing, so it reads as `get` does."""
        return self.get(acl_id)

    def get(self, acl_id: str) -> AccessControlList:
        return self._live()

    def list(self) -> list[AccessControlList]:
        self.calls.append("GET acls")
        return [] if self.acl is None else [self.acl]

    def list_ip_ranges(self, acl_id: str) -> builtins.list[IpRange]:
        self.calls.append("GET ranges")
        return [_range("listed", "192.0.2.0/24", "listed")]

    def replace(self, acl_id: str, req: AccessControlListRequest) -> AccessControlList:
        self.calls.append("PUT acl")
        self.bodies.append(req.to_body())
        self.acl = self._live().model_copy(update={"name": req.name, "enabled": req.enabled})
        return self.acl

    def delete(self, acl_id: str) -> None:
        self.calls.append("DELETE acl")
        self._live()
        self.acl = None

    def add_ip_range(self, acl_id: str, req: IpRangeRequest) -> IpRange:
        self.next_id += 1
        cidr = f"{req.ip_address}/{req.range}"
        self.calls.append(f"POST {cidr}")
        added = _range(f"new{self.next_id}", cidr, req.description)
        acl = self._live()
        self.acl = acl.model_copy(update={"ip_ranges": [*(acl.ip_ranges or []), added]})
        return added

    def replace_ip_range(self, acl_id: str, range_id: str, req: IpRangeRequest) -> IpRange:
        self.calls.append(f"PUT {range_id} {req.description}")
        acl = self._live()
        ranges = [
            r if r.id != range_id else r.model_copy(update={"description": req.description})
            for r in acl.ip_ranges or []
        ]
        self.acl = acl.model_copy(update={"ip_ranges": ranges})
        return next(r for r in ranges if r.id == range_id)

    def delete_ip_range(self, acl_id: str, range_id: str) -> None:
        self.calls.append(f"DELETE {range_id}")
        acl = self._live()
        self.acl = acl.model_copy(update={"ip_ranges": [r for r in acl.ip_ranges or [] if r.id != range_id]})
        if range_id == "gone":  # removed by someone else between the read and this call
            raise NotFoundError(404, "deleting IP range")


@pytest.fixture
def live(monkeypatch: pytest.MonkeyPatch) -> FakeAcls:
    acls = FakeAcls(
        AccessControlList(
            id="acl-1",
            name="Office",
            enabled=True,
            ip_ranges=[
                _range("a", "10.0.0.0/24", "A"),
                _range("b", "10.1.0.0/24", "B"),
                _range("b2", "10.1.0.0/24", "B again"),
                _range("h", "10.2.0.1/24", None),
                _range("gone", "10.3.0.0/24"),
            ],
        )
    )
    FakeClient(access_control_lists=acls).install(monkeypatch)
    return acls


def test_update_adds_first_then_redescribes_then_deletes(live: FakeAcls) -> None:
    news = checked(
        ip_ranges=[
            {"cidr": "10.0.0.0/24", "description": "A2"},
            {"cidr": "10.1.0.0/24", "description": "B"},
            "10.2.0.0/24",
            "10.9.0.0/16",
        ]
    )
    outs = PROVIDER.update("acl-1", {}, news).outs
    assert live.calls == [
        "POST 10.2.0.0/24",
        "POST 10.9.0.0/16",
        "PUT a A2",
        "DELETE b2",
        "DELETE h",
        "DELETE gone",
    ]
    assert outs is not None
    assert outs["ip_ranges"] == news["ip_ranges"]
    assert outs["ip_range_ids"] == {
        "10.0.0.0/24": "a",
        "10.1.0.0/24": "b",
        "10.2.0.0/24": "new1",
        "10.9.0.0/16": "new2",
    }
    assert (outs["name"], outs["enabled"], outs["import_id"]) == ("Office", True, None)


def test_update_puts_the_acl_only_for_name_or_enabled(live: FakeAcls) -> None:
    same_ranges = [{"cidr": "10.0.0.0/24", "description": "A"}]
    PROVIDER.update("acl-1", {}, checked(ip_ranges=same_ranges))
    assert "PUT acl" not in live.calls
    live.calls.clear()
    outs = PROVIDER.update("acl-1", {}, checked(name="Renamed", enabled=False, ip_ranges=same_ranges)).outs
    assert live.calls == ["PUT acl"]
    assert live.bodies == [{"name": "Renamed", "enabled": False}]
    assert outs is not None and (outs["name"], outs["enabled"]) == ("Renamed", False)


def test_create_sends_every_range_in_one_post(live: FakeAcls) -> None:
    live.acl = None
    result = PROVIDER.create(checked(ip_ranges=["203.0.113.10/32", {"cidr": "198.51.100.0/24", "description": "HQ"}]))
    assert live.calls == ["GET acls", "POST acl"]  # the ids there before the POST (`_ownership`)
    assert live.bodies == [
        {
            "name": "Office",
            "enabled": True,
            "ipRanges": [
                {"ipAddress": "198.51.100.0", "range": 24, "description": "HQ"},
                {"ipAddress": "203.0.113.10", "range": 32, "description": ""},
            ],
        }
    ]
    assert result.id == "acl-1"
    assert outs_of(result)["ip_range_ids"] == {"198.51.100.0/24": "r0", "203.0.113.10/32": "r1"}


def test_adopt_reads_and_writes_nothing(live: FakeAcls) -> None:
    result = PROVIDER.create(checked(ip_ranges=["10.0.0.0/24"], import_id="acl-1"))
    assert live.calls == []
    assert result.id == "acl-1" and outs_of(result)["import_id"] == "acl-1"
    assert outs_of(result)["ip_ranges"][0] == {"cidr": "10.0.0.0/24", "description": "A"}


def test_read_shows_live_state_and_drops_a_missing_acl(live: FakeAcls) -> None:
    read = PROVIDER.read("acl-1", {"import_id": None})
    assert read.id == "acl-1" and read.inputs is not None
    assert read.inputs["ip_ranges"][:3] == [
        {"cidr": "10.0.0.0/24", "description": "A"},
        {"cidr": "10.1.0.0/24", "description": "B"},
        {"cidr": "10.1.0.0/24", "description": "B again"},
    ]
    assert outs_of(read)["ip_range_ids"]["10.1.0.0/24"] == "b"
    assert "ip_range_ids" not in read.inputs

    assert live.acl is not None
    live.acl = live.acl.model_copy(update={"ip_ranges": None})
    assert outs_of(PROVIDER.read("acl-1", {}))["ip_ranges"] == [{"cidr": "192.0.2.0/24", "description": "listed"}]
    assert live.calls == ["GET ranges"]

    live.acl = None
    assert PROVIDER.read("acl-1", {}).id is None


def test_delete_treats_404_as_done(live: FakeAcls) -> None:
    PROVIDER.delete("acl-1", {})
    PROVIDER.delete("acl-1", {})
    assert live.calls == ["DELETE acl", "DELETE acl"]
