"""`PhoneNumberAssignmentProvider` without the engine: validation, the replace rule, and the asynchronous
provisioning handled against a fake Numbers API on a fake clock (no real waiting)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

import pytest

from pulumi_sinch_est.client import ActiveNumber, NotFoundError, SinchClient
from pulumi_sinch_est.providers._provisioning import FirstPoll, Pacing, Provisioner, ProvisioningError
from pulumi_sinch_est.providers.phone_number_assignment import PhoneNumberAssignmentProvider
from tests.conftest import Checker, FakeClient, FakeClock

PROVIDER = PhoneNumberAssignmentProvider()
NUMBER = "+15550100000"
CHECK = Checker(PROVIDER, phone_number=NUMBER, trunk_id="T1")
checked = CHECK.inputs


def test_defaults_and_engine_floats() -> None:
    assert checked() == {"phone_number": NUMBER, "trunk_id": "T1", "provisioning_timeout_seconds": 300}
    assert checked(provisioning_timeout_seconds=60.0)["provisioning_timeout_seconds"] == 60


@pytest.mark.parametrize(
    ("news", "field", "expected"),
    [
        (
            {"phone_number": "15550100000"},
            "phone_number",
            "'15550100000' is invalid: expected an E.164 number",
        ),
        ({"phone_number": "+1 555 0100"}, "phone_number", "expected an E.164 number"),
        ({"provisioning_timeout_seconds": 0}, "provisioning_timeout_seconds", "0 is invalid"),
        ({"provisioning_timeout_seconds": 3601}, "provisioning_timeout_seconds", "3601 is invalid"),
        ({"trunk_id": ""}, "trunk_id", "'' is invalid"),
    ],
)
def test_invalid(news: dict[str, Any], field: str, expected: str) -> None:
    found = [
        (f.property, f.reason) for f in PROVIDER.check({}, {"phone_number": NUMBER, "trunk_id": "T1", **news}).failures
    ]
    assert [path for path, _ in found] == [field] and expected in found[0][1], found


@pytest.mark.parametrize(
    ("change", "replaces"),
    [
        ({"phone_number": "+15550100001"}, ["phone_number"]),
        ({"trunk_id": "T2"}, []),
        ({"provisioning_timeout_seconds": 30}, []),
    ],
)
def test_diff(change: dict[str, Any], replaces: list[str]) -> None:
    diff = PROVIDER.diff(NUMBER, {**checked(), "region_code": "US"}, checked(**change))
    assert (diff.changes, diff.replaces) == (True, replaces)
    assert PROVIDER.diff(NUMBER, {**checked(), "region_code": "US"}, checked()).changes is False


# A fake Numbers API on a fake clock -------------------------------------------------------------------


@dataclass
class FakeNumber:
    type: str = "RTC"
    id: str = ""
    scheduled: dict[str, Any] | None = None
    applies_at: float = 0.0

    def wire(self) -> dict[str, Any]:
        key = {"EST": "trunkId", "RTC": "appId", "FAX": "serviceId"}[self.type]
        return {
            "phoneNumber": NUMBER,
            "regionCode": "US",
            "voiceConfiguration": {
                "type": self.type,
                "trunkId": "",
                "appId": "",
                "serviceId": "",
                key: self.id,
                "scheduledVoiceProvisioning": self.scheduled,
            },
        }


@dataclass
class FakeActiveNumbers:
    clock: FakeClock
    number: FakeNumber | None = field(default_factory=FakeNumber)
    delay: float = 0.6
    fail_next: dict[str, Any] | None = None
    calls: list[tuple[str, ...]] = field(default_factory=list)

    def _advance(self) -> None:
        n = self.number
        if n is None or n.scheduled is None or n.scheduled["status"] == "FAILED":
            return
        if self.clock.now >= n.applies_at:
            if n.scheduled.get("fails"):
                n.scheduled = {k: v for k, v in n.scheduled.items() if k != "fails"} | {"status": "FAILED"}
            else:
                n.type, n.id, n.scheduled = "EST", n.scheduled["trunkId"], None
        else:
            n.scheduled["status"] = "IN_PROGRESS"

    def read(self, phone_number: str) -> ActiveNumber:
        """The client's listing-backed read; a fake keeps no listing, so it reads as `get` does."""
        return self.get(phone_number)

    def get(self, phone_number: str) -> ActiveNumber:
        self.calls.append(("GET",))
        self._advance()
        if self.number is None:
            raise NotFoundError(404, f"reading active number {phone_number}")
        return ActiveNumber.model_validate(self.number.wire())

    def _patch(self, trunk_id: str) -> ActiveNumber:
        assert self.number is not None
        self.number.scheduled = {
            "type": "EST",
            "trunkId": trunk_id,
            "appId": "",
            "serviceId": "",
            "status": "WAITING",
        }
        if self.fail_next is not None:
            self.number.scheduled |= {"fails": True, **self.fail_next}
            self.fail_next = None
        self.number.applies_at = self.clock.now + self.delay
        return ActiveNumber.model_validate(self.number.wire())

    def assign_to_trunk(self, phone_number: str, trunk_id: str) -> ActiveNumber:
        self.calls.append(("ASSIGN", trunk_id))
        return self._patch(trunk_id)

    def unassign_from_trunk(self, phone_number: str) -> ActiveNumber:
        self.calls.append(("UNASSIGN",))
        return self._patch("")

    def writes(self) -> list[tuple[str, ...]]:
        return [c for c in self.calls if c[0] != "GET"]


@pytest.fixture
def clock(fake_clock: FakeClock) -> FakeClock:
    return fake_clock


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> FakeActiveNumbers:
    active_numbers = FakeActiveNumbers(clock)
    FakeClient(active_numbers=active_numbers).install(monkeypatch)
    return active_numbers


def test_create_assigns_and_waits(api: FakeActiveNumbers, clock: FakeClock) -> None:
    created = PROVIDER.create(checked())
    assert created.id == NUMBER
    assert created.outs == {**checked(), "region_code": "US"}
    assert api.writes() == [("ASSIGN", "T1")]
    assert clock.sleeps == [0.25, 0.5]  # applied 0.6 s after the PATCH, seen at 0.75 s


def test_polling_backs_off_to_a_few_seconds_within_the_timeout(api: FakeActiveNumbers, clock: FakeClock) -> None:
    api.delay = 1000
    with pytest.raises(ProvisioningError) as failure:
        PROVIDER.create(checked(provisioning_timeout_seconds=20))
    assert clock.sleeps == [0.25, 0.5, 1.0, 2.0, 4.0, 4.0, 4.0, 4.0, 0.25]
    assert clock.now == 20
    message = str(failure.value)
    assert "timed out after 20 s (status still IN_PROGRESS)" in message
    assert "unassigning it was requested, so nothing is left that Pulumi does not track" in message
    assert api.writes() == [("ASSIGN", "T1"), ("UNASSIGN",)]


def test_create_adopts_a_number_already_on_the_trunk(api: FakeActiveNumbers) -> None:
    api.number = FakeNumber("EST", "T1")
    created = PROVIDER.create(checked())
    assert created.outs is not None and created.outs["trunk_id"] == "T1"
    assert api.writes() == []


def test_create_waits_for_a_provisioning_already_heading_to_the_trunk(api: FakeActiveNumbers) -> None:
    api.number = FakeNumber(scheduled={"type": "EST", "trunkId": "T1", "status": "WAITING"}, applies_at=0.3)
    assert PROVIDER.create(checked()).id == NUMBER
    assert api.writes() == []


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (FakeNumber("EST", "T9"), "the number is assigned to trunk T9; it is not taken from there"),
        (FakeNumber("RTC", "app-1"), "the number is assigned to Voice app app-1"),
        (FakeNumber("FAX", "fax-1"), "the number is assigned to Fax service fax-1"),
        (
            FakeNumber(scheduled={"type": "EST", "trunkId": "T9", "status": "WAITING"}, applies_at=9),
            "the number is being moved to trunk T9",
        ),
    ],
)
def test_create_does_not_take_a_number_in_use(api: FakeActiveNumbers, number: FakeNumber, expected: str) -> None:
    api.number = number
    with pytest.raises(ProvisioningError, match=expected):
        PROVIDER.create(checked())
    assert api.writes() == []


def test_create_of_a_number_not_rented(api: FakeActiveNumbers) -> None:
    api.number = None
    with pytest.raises(ProvisioningError, match=r"\+15550100000 is not rented in this Sinch project"):
        PROVIDER.create(checked())


def test_create_failed_carries_status_and_reason(api: FakeActiveNumbers) -> None:
    api.fail_next = {"failureCode": "NUMBER_NOT_PORTABLE"}
    with pytest.raises(ProvisioningError) as failure:
        PROVIDER.create(checked())
    assert str(failure.value) == (
        "assigning +15550100000 to trunk T1 failed: Sinch reports provisioning status FAILED "
        "(failureCode=NUMBER_NOT_PORTABLE); the number stays unassigned; "
        "see docs/troubleshooting.md#number-provisioning-failed"
    )
    assert api.writes() == [("ASSIGN", "T1")]


def test_create_failed_without_reason(api: FakeActiveNumbers) -> None:
    api.fail_next = {}
    with pytest.raises(ProvisioningError, match=r"FAILED \(Sinch gave no reason\)"):
        PROVIDER.create(checked())


@pytest.mark.parametrize(
    ("number", "trunk_id"),
    [
        (FakeNumber("EST", "T1"), "T1"),
        (FakeNumber("EST", "T7"), "T7"),
        (FakeNumber("EST", ""), None),
        (FakeNumber("RTC", "app"), None),
        (None, None),
    ],
)
def test_read(api: FakeActiveNumbers, number: FakeNumber | None, trunk_id: str | None) -> None:
    api.number = number
    read = PROVIDER.read(NUMBER, {**checked(provisioning_timeout_seconds=60), "region_code": "US"})
    if trunk_id is None:
        assert read.id is None
    else:
        expected = {**checked(trunk_id=trunk_id, provisioning_timeout_seconds=60), "region_code": "US"}
        assert (read.id, read.outs, read.inputs) == (
            NUMBER,
            expected,
            checked(trunk_id=trunk_id, provisioning_timeout_seconds=60),
        )


def test_update_moves_the_number(api: FakeActiveNumbers) -> None:
    api.number = FakeNumber("EST", "T1")
    olds = {**checked(), "region_code": "US"}
    updated = PROVIDER.update(NUMBER, olds, checked(trunk_id="T2"))
    assert updated.outs == {**olds, "trunk_id": "T2"}
    assert api.writes() == [("ASSIGN", "T2")]


def test_update_timeout_moves_it_back(api: FakeActiveNumbers) -> None:
    api.number = FakeNumber("EST", "T1")
    api.delay = 1000
    with pytest.raises(ProvisioningError, match="moving it back to trunk T1 was requested"):
        PROVIDER.update(
            NUMBER, {**checked(), "region_code": "US"}, checked(trunk_id="T2", provisioning_timeout_seconds=5)
        )
    assert api.writes() == [("ASSIGN", "T2"), ("ASSIGN", "T1")]


def test_update_of_the_timeout_alone_calls_nothing(api: FakeActiveNumbers) -> None:
    updated = PROVIDER.update(NUMBER, {**checked(), "region_code": "US"}, checked(provisioning_timeout_seconds=9))
    assert updated.outs == {**checked(provisioning_timeout_seconds=9), "region_code": "US"}
    assert api.calls == []


@pytest.mark.parametrize(
    ("number", "writes"),
    [
        (FakeNumber("EST", "T1"), [("UNASSIGN",)]),
        (
            FakeNumber(scheduled={"type": "EST", "trunkId": "T1", "status": "WAITING"}, applies_at=9),
            [("UNASSIGN",)],
        ),
        (
            FakeNumber("EST", "T1", scheduled={"type": "EST", "trunkId": "T2", "status": "FAILED"}),
            [("UNASSIGN",)],
        ),
        (FakeNumber("EST", "T7"), []),
        (FakeNumber("RTC", "app"), []),
        (FakeNumber("EST", ""), []),
        (None, []),
    ],
)
def test_delete_unassigns_only_from_this_trunk(
    api: FakeActiveNumbers, number: FakeNumber | None, writes: list[tuple[str, ...]]
) -> None:
    api.number = number
    PROVIDER.delete(NUMBER, {**checked(), "region_code": "US"})
    assert api.writes() == writes
    if writes:
        assert api.number is not None and (api.number.type, api.number.id, api.number.scheduled) == (
            "EST",
            "",
            None,
        )


def test_delete_waits_for_a_move_off_the_trunk(api: FakeActiveNumbers) -> None:
    api.number = FakeNumber("EST", "T1", scheduled={"type": "EST", "trunkId": "T7", "status": "WAITING"}, applies_at=1)
    PROVIDER.delete(NUMBER, {**checked(), "region_code": "US"})
    assert api.writes() == [] and api.number is not None and api.number.id == "T7"


def test_delete_failed_unassign_is_an_error(api: FakeActiveNumbers) -> None:
    api.number = FakeNumber("EST", "T1")
    api.fail_next = {}
    with pytest.raises(ProvisioningError, match="unassigning .* failed: .*FAILED.*the number stays on trunk T1"):
        PROVIDER.delete(NUMBER, {**checked(), "region_code": "US"})


def test_the_provisioner_runs_on_the_clock_it_is_given() -> None:
    """No module state: the clock and the first-poll estimate are the ones handed in."""
    clock, first_poll = FakeClock(), FirstPoll()
    api = FakeActiveNumbers(clock)
    provisioner = Provisioner(cast(SinchClient, FakeClient(active_numbers=api)), Pacing(clock, first_poll))
    assigned = provisioner.assign(NUMBER, "T1", 60)
    assert (assigned.trunk, assigned.region, assigned.failure) == ("T1", "US", None)
    assert clock.sleeps == [0.25, 0.5] and first_poll.seconds == 0.25  # still under way at the first read
    released = provisioner.release(NUMBER, "T1", "T1", 60)
    assert (released.trunk, released.failure) == ("", None)
    assert api.writes() == [("ASSIGN", "T1"), ("UNASSIGN",)]
