"""Wire models: tolerant parsing of what the API sends, exact bodies for what the client sends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pydantic
import pytest

from pulumi_sinch_est.client import (
    AccessControlListRequest,
    CallBlockingRuleRequest,
    CredentialRequest,
    IpRange,
    IpRangeRequest,
    Trunk,
    TrunkRequest,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-06-06T14:42:42.820177628Z", datetime(2024, 6, 6, 14, 42, 42, 820177, tzinfo=UTC)),
        ("2023-09-14T08:08:48.264185988", datetime(2023, 9, 14, 8, 8, 48, 264185, tzinfo=UTC)),
        ("2023-09-11T15:37:30", datetime(2023, 9, 11, 15, 37, 30, tzinfo=UTC)),
        ("2024-06-06T14:42:42Z", datetime(2024, 6, 6, 14, 42, 42, tzinfo=UTC)),
        ("2024-06-06T16:57:45+0000", datetime(2024, 6, 6, 16, 57, 45, tzinfo=UTC)),
        ("2024-06-06T18:57:45+02:00", datetime(2024, 6, 6, 18, 57, 45, tzinfo=timezone(timedelta(hours=2)))),
        ("", None),
        (None, None),
    ],
)
def test_timestamps_in_every_observed_format(text: str | None, expected: datetime | None) -> None:
    parsed = IpRange.model_validate({"createTime": text}).create_time

    assert parsed == expected
    assert parsed is None or parsed.tzinfo is not None


def test_response_fields_are_all_optional_and_extras_kept() -> None:
    trunk = Trunk.model_validate({"somethingNew": 1})

    assert trunk.id is None and trunk.host_name is None
    assert trunk.model_extra == {"somethingNew": 1}


def test_response_models_accept_snake_case_too() -> None:
    assert Trunk(host_name="a").host_name == "a"


def test_requests_refuse_unknown_fields() -> None:
    with pytest.raises(pydantic.ValidationError):
        TrunkRequest.model_validate({"name": "n", "host_name": "h", "hostname_typo": "x"})


def test_trunk_request_always_sends_every_writable_field() -> None:
    assert TrunkRequest(name="n", host_name="h").to_body() == {
        "name": "n",
        "hostName": "h",
        "enableCallerName": False,
        "callForwardNumber": "",
        "enableCallForward": False,
    }


def test_optional_on_create_fields_are_left_out_when_unset() -> None:
    assert AccessControlListRequest(name="a").to_body() == {"name": "a", "enabled": True}
    assert IpRangeRequest(ip_address="1.2.3.4", range=24).to_body() == {"ipAddress": "1.2.3.4", "range": 24}
    assert CallBlockingRuleRequest(direction="OUTBOUND").to_body() == {"direction": "OUTBOUND"}


def test_credential_request_shows_no_password() -> None:
    credential = CredentialRequest(username="u", password="Sup3r-Secret-Pass")

    assert "Sup3r-Secret-Pass" not in repr(credential)
    assert credential.to_body() == {"username": "u", "password": "Sup3r-Secret-Pass"}
