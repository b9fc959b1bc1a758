"""Acl through the real engine against the emulator: the lifecycle matrix (no `_replace`: every input
changes in place)."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest
from pulumi import automation as auto

from pulumi_sinch_est.resources.acl import Acl

from .conftest import Sinch, auto_ops

pytestmark = pytest.mark.engine


def _program(**args: Any) -> Any:
    def program() -> None:
        acl = Acl("main", **args)
        pulumi.export("id", acl.id)
        pulumi.export("ip_range_ids", acl.ip_range_ids)

    return program


def _live_ranges(sinch: Sinch, acl_id: str) -> dict[str, tuple[str, str]]:
    """cidr -> (range id, description) as the API holds them."""
    ranges = sinch.api.get(f"/accessControlLists/{acl_id}").json()["ipRanges"]
    return {f"{r['ipAddress']}/{r['range']}": (r["id"], r["description"]) for r in ranges}


def _writes(sinch: Sinch) -> list[str]:
    """The API writes since the log was cleared, with the `/v1/projects/{id}` prefix cut."""
    return [w.replace(f"/v1/projects/{sinch.server.env()['SINCH_PROJECT_ID']}", "") for w in sinch.writes()]


def test_acl_basic(sinch: Sinch) -> None:
    stack = sinch.stack(
        _program(
            name="Office",
            ip_ranges=[
                "203.0.113.10/32",
                {"cidr": "198.51.100.0/24", "description": "HQ"},
                "192.0.2.128/25",
            ],
        )
    )
    sinch.clear_requests()
    up = stack.up()
    acl_id = up.outputs["id"].value
    assert _writes(sinch) == ["POST /accessControlLists"]

    live = sinch.api.get(f"/accessControlLists/{acl_id}").json()
    assert (live["name"], live["enabled"]) == ("Office", True)
    ranges = _live_ranges(sinch, acl_id)
    assert {cidr: description for cidr, (_, description) in ranges.items()} == {
        "192.0.2.128/25": "",
        "198.51.100.0/24": "HQ",
        "203.0.113.10/32": "",
    }
    assert up.outputs["ip_range_ids"].value == {cidr: range_id for cidr, (range_id, _) in ranges.items()}

    sinch.clear_requests()
    stack.preview(expect_no_changes=True)
    stack.refresh(expect_no_changes=True)
    assert sinch.writes() == []


def test_acl_update(sinch: Sinch) -> None:
    stack = sinch.stack(
        _program(
            name="Office",
            ip_ranges=[
                {"cidr": "10.0.0.0/24", "description": "kept"},
                {"cidr": "10.1.0.0/24", "description": "old"},
                "10.2.0.0/24",
            ],
        )
    )
    acl_id = stack.up().outputs["id"].value
    before = _live_ranges(sinch, acl_id)

    sinch.clear_requests()
    ops = auto_ops(
        stack,
        _program(
            name="Office renamed",
            ip_ranges=[
                "10.3.0.0/16",
                {"cidr": "10.1.0.0/24", "description": "new"},
                {"cidr": "10.0.0.0/24", "description": "kept"},
            ],
        ),
    )
    assert ops == {"update"}
    after = _live_ranges(sinch, acl_id)
    assert {cidr: d for cidr, (_, d) in after.items()} == {
        "10.0.0.0/24": "kept",
        "10.1.0.0/24": "new",
        "10.3.0.0/16": "",
    }
    assert after["10.0.0.0/24"][0] == before["10.0.0.0/24"][0]
    assert after["10.1.0.0/24"][0] == before["10.1.0.0/24"][0]
    base = f"/accessControlLists/{acl_id}"
    assert _writes(sinch) == [
        f"PUT {base}",
        f"POST {base}/ipRanges",
        f"PUT {base}/ipRanges/{before['10.1.0.0/24'][0]}",
        f"DELETE {base}/ipRanges/{before['10.2.0.0/24'][0]}",
    ]
    live = sinch.api.get(base).json()
    assert (live["name"], live["enabled"]) == ("Office renamed", True)
    assert stack.outputs()["ip_range_ids"].value == {cidr: range_id for cidr, (range_id, _) in after.items()}

    sinch.clear_requests()
    assert auto_ops(
        stack,
        _program(
            name="Office renamed",
            enabled=False,
            ip_ranges=[
                "10.3.0.0/16",
                {"cidr": "10.1.0.0/24", "description": "new"},
                {"cidr": "10.0.0.0/24", "description": "kept"},
            ],
        ),
    ) == {"update"}
    assert _writes(sinch) == [f"PUT {base}"]
    assert sinch.api.get(base).json()["enabled"] is False
    stack.preview(expect_no_changes=True, refresh=True)


def test_acl_drift(sinch: Sinch) -> None:
    program = _program(name="Office", ip_ranges=["10.0.0.0/24", {"cidr": "10.1.0.0/24", "description": "B"}])
    stack = sinch.stack(program)
    acl_id = stack.up().outputs["id"].value
    ranges = _live_ranges(sinch, acl_id)
    sinch.api.delete(f"/accessControlLists/{acl_id}/ipRanges/{ranges['10.1.0.0/24'][0]}").raise_for_status()
    sinch.api.put(f"/accessControlLists/{acl_id}", json={"name": "by hand", "enabled": True}).raise_for_status()

    with pytest.raises(auto.errors.CommandError):
        stack.preview(expect_no_changes=True, refresh=True)
    assert auto_ops(stack, program, refresh=True) == {"update"}
    assert sinch.api.get(f"/accessControlLists/{acl_id}").json()["name"] == "Office"
    assert {cidr: d for cidr, (_, d) in _live_ranges(sinch, acl_id).items()} == {
        "10.0.0.0/24": "",
        "10.1.0.0/24": "B",
    }
    stack.preview(expect_no_changes=True, refresh=True)


def test_acl_disappears(sinch: Sinch) -> None:
    program = _program(name="Office", ip_ranges=["10.0.0.0/24"])
    stack = sinch.stack(program)
    acl_id = stack.up().outputs["id"].value
    sinch.api.delete(f"/accessControlLists/{acl_id}").raise_for_status()

    stack.refresh()
    assert auto_ops(stack, program) == {"create"}
    new_id = stack.outputs()["id"].value
    assert new_id != acl_id
    assert list(_live_ranges(sinch, new_id)) == ["10.0.0.0/24"]


def test_acl_adopt(sinch: Sinch) -> None:
    body = {
        "name": "Made by hand",
        "enabled": True,
        "ipRanges": [
            {"ipAddress": "10.0.0.0", "range": 24, "description": "A"},
            {"ipAddress": "10.9.9.9", "range": 32},
        ],
    }
    existing = sinch.api.post("/accessControlLists", json=body).json()
    sinch.clear_requests()

    stack = sinch.stack(
        _program(
            name="Made by hand",
            import_id=existing["id"],
            ip_ranges=["10.9.9.9/32", {"cidr": "10.0.0.0/24", "description": "A"}],
        )
    )
    assert stack.up().outputs["id"].value == existing["id"]
    assert sinch.writes() == []
    stack.preview(expect_no_changes=True)


@pytest.mark.parametrize(
    ("ranges", "field", "shown"),
    [
        (["10.0.0.1/24"], "ip_ranges[0]", "did you mean 10.0.0.0/24"),
        (["10.0.0.0/24", "0.0.0.0/0"], "ip_ranges[1]", "'0.0.0.0/0'"),
        ([{"cidr": "10.0.0.0/33"}], "ip_ranges[0].cidr", "'10.0.0.0/33'"),
        (["office-router/32"], "ip_ranges[0]", "'office-router/32'"),
        (
            ["10.0.0.0/24", {"cidr": "10.0.0.0/24", "description": "again"}],
            "ip_ranges",
            "repeats 10.0.0.0/24",
        ),
        ([], "ip_ranges", "at least one range"),
    ],
)
def test_acl_invalid(sinch: Sinch, ranges: list[Any], field: str, shown: str) -> None:
    stack = sinch.stack(_program(name="Office", ip_ranges=ranges))
    sinch.clear_requests()
    with pytest.raises(auto.errors.CommandError) as failure:
        stack.preview()
    message = str(failure.value)
    assert "main" in message and field in message and shown in message
    assert sinch.writes() == []
