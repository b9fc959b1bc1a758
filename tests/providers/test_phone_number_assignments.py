"""`PhoneNumberAssignmentsProvider` without the engine: validation, the per-number diff, and partial
failures handled against a fake Numbers API on a fake clock (no real waiting)."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any

import pytest
from pulumi.runtime.rpc import UNKNOWN

from pulumi_sinch_est.client import ActiveNumber, NotFoundError
from pulumi_sinch_est.providers._base import ProviderError
from pulumi_sinch_est.providers._provisioning import FirstPoll, ProvisioningError
from pulumi_sinch_est.providers.phone_number_assignments import (
    LISTED_FAILURES,
    PhoneNumberAssignmentsProvider,
    summary,
)
from pulumi_sinch_est.resources.phone_number_assignments import _report
from tests.conftest import FakeClient, FakeClock, outs_of

PROVIDER = PhoneNumberAssignmentsProvider()
A, B, C, D = (f"+1555010000{i}" for i in range(4))


def checked(numbers: list[str], **news: Any) -> dict[str, Any]:
    result = PROVIDER.check({}, {"trunk_id": "T1", "phone_numbers": numbers, **news})
    assert result.failures == []
    return dict(result.inputs)


def outputs(numbers: dict[str, str], failed: dict[str, str] | None = None, **settings: Any) -> dict[str, Any]:
    return {
        "trunk_id": "T1",
        "phone_numbers": numbers,
        "provisioning_timeout_seconds": 300,
        "concurrency": 16,
        "region_codes": {n: "US" for n in numbers},
        "failed_numbers": failed or {},
        **settings,
    }


def test_check_keys_the_numbers_by_number() -> None:
    assert checked([C, A]) == {
        "trunk_id": "T1",
        "phone_numbers": {A: "T1", C: "T1"},
        "provisioning_timeout_seconds": 300,
        "concurrency": 16,
    }
    assert checked([], concurrency=4.0)["concurrency"] == 4
    unknown_trunk = PROVIDER.check({}, {"trunk_id": UNKNOWN, "phone_numbers": [A]})
    assert unknown_trunk.failures == [] and unknown_trunk.inputs["phone_numbers"] == {A: UNKNOWN}


@pytest.mark.parametrize(
    ("news", "field", "expected"),
    [
        ({"phone_numbers": [A, "5550100001"]}, "phone_numbers[1]", "'5550100001' is invalid: expected an E.164"),
        ({"phone_numbers": [A, B, A]}, "phone_numbers", "phone_numbers[2] repeats +15550100000 from phone_numbers[0]"),
        ({"phone_numbers": A}, "phone_numbers", "is invalid"),
        ({"concurrency": 17}, "concurrency", "17 is invalid"),
        ({"provisioning_timeout_seconds": 0}, "provisioning_timeout_seconds", "0 is invalid"),
    ],
)
def test_check_invalid(news: dict[str, Any], field: str, expected: str) -> None:
    found = [
        (f.property, f.reason) for f in PROVIDER.check({}, {"trunk_id": "T1", "phone_numbers": [A], **news}).failures
    ]
    assert [path for path, _ in found] == [field] and expected in found[0][1], found


@pytest.mark.parametrize(
    ("olds", "news", "changes"),
    [
        (outputs({A: "T1"}), checked([A]), False),
        (outputs({A: "T1"}), checked([A, B]), True),
        (outputs({A: "T1", B: "T1"}), checked([A]), True),
        (outputs({A: "T2"}), checked([A]), True),  # moved by hand: drift to repair
        (outputs({A: "T1"}, {B: "FAILED"}), checked([A, B]), True),  # retry the failure
        (outputs({A: "T1"}), checked([A], concurrency=2), True),
        (outputs({A: "T1"}), {**checked([A]), "phone_numbers": {A: UNKNOWN}}, True),
    ],
)
def test_diff(olds: dict[str, Any], news: dict[str, Any], changes: bool) -> None:
    diff = PROVIDER.diff("numbers-1", olds, news)
    assert (diff.changes, diff.replaces) == (changes, [])


# A fake Numbers API on a fake clock -------------------------------------------------------------------


@dataclass
class FakeNumber:
    type: str = "RTC"
    id: str = ""
    scheduled: dict[str, Any] | None = None
    fails: bool = False


@dataclass
class FakeActiveNumbers:
    numbers: dict[str, FakeNumber] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)
    """Numbers whose every call raises a bug-like error."""
    slow: set[str] = field(default_factory=set)
    """Numbers whose provisioning never finishes."""
    calls: list[tuple[str, ...]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def _number(self, phone_number: str) -> FakeNumber:
        if phone_number in self.broken:
            raise RuntimeError("boom")
        number = self.numbers.get(phone_number)
        if number is None:
            raise NotFoundError(404, f"reading active number {phone_number}")
        return number

    def _wire(self, phone_number: str, n: FakeNumber) -> ActiveNumber:
        key = {"EST": "trunkId", "RTC": "appId", "FAX": "serviceId"}[n.type]
        voice = {"type": n.type, "trunkId": "", "appId": "", "serviceId": "", key: n.id}
        return ActiveNumber.model_validate(
            {
                "phoneNumber": phone_number,
                "regionCode": "US",
                "voiceConfiguration": {**voice, "scheduledVoiceProvisioning": n.scheduled},
            }
        )

    def read(self, phone_number: str) -> ActiveNumber:
        """The client's listing-backed read; a fake keeps no listing, so it reads as `get` does."""
        return self.get(phone_number)

    def get(self, phone_number: str) -> ActiveNumber:
        with self.lock:
            self.calls.append(("GET", phone_number))
            n = self._number(phone_number)
            if n.scheduled is not None and n.scheduled["status"] != "FAILED" and phone_number not in self.slow:
                if n.fails:
                    n.scheduled = {**n.scheduled, "status": "FAILED"}
                    n.fails = False
                else:
                    n.type, n.id, n.scheduled = "EST", n.scheduled["trunkId"], None
            return self._wire(phone_number, n)

    def assign_to_trunk(self, phone_number: str, trunk_id: str) -> ActiveNumber:
        return self._patch(phone_number, trunk_id)

    def unassign_from_trunk(self, phone_number: str) -> ActiveNumber:
        return self._patch(phone_number, "")

    def _patch(self, phone_number: str, trunk_id: str) -> ActiveNumber:
        with self.lock:
            self.calls.append(("PATCH", phone_number, trunk_id))
            n = self._number(phone_number)
            n.scheduled = {"type": "EST", "trunkId": trunk_id, "appId": "", "serviceId": "", "status": "WAITING"}
            return self._wire(phone_number, n)

    def writes(self) -> list[tuple[str, ...]]:
        return sorted(c for c in self.calls if c[0] == "PATCH")

    def where(self) -> dict[str, str]:
        return {p: n.id for p, n in self.numbers.items() if n.type == "EST" and n.id}


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch, fake_clock: FakeClock) -> FakeActiveNumbers:
    active_numbers = FakeActiveNumbers()
    FakeClient(active_numbers=active_numbers).install(monkeypatch)
    return active_numbers


def test_create_assigns_adopts_and_reports_each_failure_without_raising(api: FakeActiveNumbers) -> None:
    api.numbers = {
        A: FakeNumber(),
        B: FakeNumber("EST", "T1"),  # already here: adopted
        C: FakeNumber("EST", "T9"),  # on another trunk: refused
        D: FakeNumber(fails=True),
    }
    created = PROVIDER.create(checked([A, B, C, D, "+15550100009"]))
    assert created.id.startswith("numbers-")
    outs = outs_of(created)
    assert outs["phone_numbers"] == {A: "T1", B: "T1"} and outs["region_codes"] == {A: "US", B: "US"}
    failed = outs["failed_numbers"]
    assert sorted(failed) == [C, D, "+15550100009"]
    assert (
        failed[C] == f"assigning {C} to trunk T1 failed: the number is assigned to trunk T9; it is not taken from there"
    )
    assert "Sinch reports provisioning status FAILED" in failed[D]
    assert "not rented in this Sinch project" in failed["+15550100009"]
    assert api.writes() == [("PATCH", A, "T1"), ("PATCH", D, "T1")]
    assert api.where() == {A: "T1", B: "T1", C: "T9"}


def test_create_keeps_numbers_whose_outcome_is_uncertain(api: FakeActiveNumbers) -> None:
    """A timeout or an error nobody foresaw leaves the number recorded: destroy checks before it acts."""
    api.numbers = {A: FakeNumber(), B: FakeNumber(), C: FakeNumber()}
    api.slow, api.broken = {B}, {C}
    outs = outs_of(PROVIDER.create(checked([A, B, C], provisioning_timeout_seconds=5)))
    assert outs["phone_numbers"] == {A: "T1", B: "T1", C: "T1"}
    assert "timed out after 5 s" in outs["failed_numbers"][B]
    assert outs["failed_numbers"][C] == "RuntimeError: boom"


def test_update_adds_removes_moves_and_retries(api: FakeActiveNumbers) -> None:
    api.numbers = {A: FakeNumber("EST", "T1"), B: FakeNumber("EST", "T1"), C: FakeNumber(), D: FakeNumber()}
    olds = outputs({A: "T1", B: "T1"}, {C: "FAILED before"})
    updated = PROVIDER.update("numbers-1", olds, checked([A, C, D]))
    assert outs_of(updated)["phone_numbers"] == {A: "T1", C: "T1", D: "T1"}
    assert outs_of(updated)["failed_numbers"] == {}
    assert api.writes() == [("PATCH", B, ""), ("PATCH", C, "T1"), ("PATCH", D, "T1")]

    api.calls.clear()
    moved = PROVIDER.update("numbers-1", outs_of(updated), checked([A, C, D], trunk_id="T2"))
    assert outs_of(moved)["phone_numbers"] == {A: "T2", C: "T2", D: "T2"} and outs_of(moved)["trunk_id"] == "T2"
    assert api.writes() == [("PATCH", A, "T2"), ("PATCH", C, "T2"), ("PATCH", D, "T2")]
    assert [c for c in api.calls if c[1] == A] == [("PATCH", A, "T2"), ("GET", A)]  # a move needs no pre-read


def test_update_failed_move_keeps_the_number_where_it_is(api: FakeActiveNumbers) -> None:
    api.numbers = {A: FakeNumber("EST", "T1", fails=True), B: FakeNumber("EST", "T1")}
    moved = PROVIDER.update("numbers-1", outputs({A: "T1", B: "T1"}), checked([A, B], trunk_id="T2"))
    assert outs_of(moved)["phone_numbers"] == {A: "T1", B: "T2"}
    assert list(outs_of(moved)["failed_numbers"]) == [A]


def test_read_follows_the_live_numbers(api: FakeActiveNumbers) -> None:
    api.numbers = {A: FakeNumber("EST", "T1"), B: FakeNumber("EST", "T7"), C: FakeNumber("EST", "")}
    read = PROVIDER.read("numbers-1", outputs({A: "T1", B: "T1", C: "T1", D: "T1"}))
    assert read.id == "numbers-1"
    assert outs_of(read)["phone_numbers"] == {A: "T1", B: "T7"}
    assert read.inputs == {
        "trunk_id": "T1",
        "phone_numbers": {A: "T1", B: "T7"},
        "provisioning_timeout_seconds": 300,
        "concurrency": 16,
    }
    assert api.writes() == []


def test_read_error_fails_the_refresh(api: FakeActiveNumbers) -> None:
    api.numbers = {A: FakeNumber("EST", "T1")}
    api.broken = {A}
    expected = f"reading the numbers of PhoneNumberAssignments numbers-1: 1 number(s) failed: {A}: RuntimeError: boom"
    with pytest.raises(ProviderError, match=re.escape(expected)):
        PROVIDER.read("numbers-1", outputs({A: "T1"}))


def test_delete_unassigns_only_numbers_still_here_and_reports_failures(api: FakeActiveNumbers) -> None:
    api.numbers = {
        A: FakeNumber("EST", "T1"),
        B: FakeNumber("EST", "T9"),  # moved away by hand: left alone
        C: FakeNumber("EST", "T1", fails=True),
        D: FakeNumber(scheduled={"type": "EST", "trunkId": "T1", "appId": "", "serviceId": "", "status": "WAITING"}),
    }
    with pytest.raises(ProviderError) as failure:
        PROVIDER.delete("numbers-1", outputs({A: "T1", B: "T1", C: "T1", D: "T1"}))
    assert str(failure.value).startswith(
        "unassigning the numbers of PhoneNumberAssignments numbers-1: 1 number(s) failed"
    )
    assert C in str(failure.value)
    assert api.writes() == [("PATCH", A, ""), ("PATCH", C, ""), ("PATCH", D, "")]
    assert api.where() == {B: "T9", C: "T1"}


def test_failures_are_summarised_in_one_line() -> None:
    many = {f"+1555020{i:04d}": "FAILED" for i in range(LISTED_FAILURES + 3)}
    text = summary("assigning", many)
    assert text.startswith(f"assigning: {LISTED_FAILURES + 3} number(s) failed: +15550200000: FAILED; ")
    assert text.endswith("; and 3 more (see the failed_numbers output)") and "\n" not in text


def test_the_resource_fails_the_program_on_failures() -> None:
    _report("main", {})
    _report("main", None)
    with pytest.raises(ProvisioningError, match=r"PhoneNumberAssignments main: 1 number\(s\) failed: \+15550100000: x"):
        _report("main", {A: "x"})


def test_first_poll_learns_how_fast_provisioning_is() -> None:
    """Halved while the first read finds the provisioning over, down to a read straight after the write;
    doubled back, never past the default, when it does not."""
    first = FirstPoll()
    seen = [first.seconds]
    for over in (True, True, True, True, True, False, False, False, False, False, False):
        first.learn(over)
        seen.append(first.seconds)
    assert seen == [0.25, 0.125, 0.0625, 0.03125, 0.0, 0.0, 0.02, 0.04, 0.08, 0.16, 0.25, 0.25]


def test_waits_after_a_fast_provisioning_start_sooner(api: FakeActiveNumbers, fake_clock: FakeClock) -> None:
    api.numbers = {A: FakeNumber(), B: FakeNumber()}
    clock = fake_clock
    PROVIDER.create(checked([A], concurrency=1))
    PROVIDER.create(checked([B], concurrency=1))
    assert clock.sleeps == [0.25, 0.125]
