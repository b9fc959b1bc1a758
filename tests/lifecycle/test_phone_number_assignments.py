"""PhoneNumberAssignments through the real engine against the emulator, whose provisioning takes 0.2 s."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from typing import Any

import httpx
import pulumi
import pytest
from pulumi import automation as auto

from pulumi_sinch_est.resources.phone_number_assignments import PhoneNumberAssignments
from pulumi_sinch_est.resources.trunk import Trunk
from tests.conftest import state_resources

from .conftest import NUMBERS, Sinch, auto_ops

pytestmark = pytest.mark.engine

TRUNKS = ("acme-bulk", "acme-bulk-two")


def _program(numbers: Sequence[str], *, on: int = 0, **args: Any) -> Callable[[], None]:
    """Two trunks, and `main` assigning `numbers` to trunk number `on`."""

    def program() -> None:
        trunks = [Trunk(f"trunk{i}", name="Acme", host_name=host) for i, host in enumerate(TRUNKS)]
        main = PhoneNumberAssignments("main", trunk_id=trunks[on].id, phone_numbers=list(numbers), **args)
        pulumi.export("trunk_ids", [t.id for t in trunks])
        pulumi.export("numbers", main.phone_numbers)
        pulumi.export("regions", main.region_codes)

    return program


def _on_trunk(sinch: Sinch, trunk_id: str) -> list[str]:
    """The numbers EST shows on the trunk, sorted."""
    items = sinch.api.get("/phoneNumbers", params={"sipTrunkId": trunk_id}).json()["phoneNumbers"]
    return sorted(n["phoneNumber"] for n in items)


def _set_by_hand(sinch: Sinch, number: str, trunk_id: str) -> None:
    """PATCH the number's trunk ("" to unassign) and wait until the emulator has applied it."""
    body = {"voiceConfiguration": {"type": "EST", "trunkId": trunk_id}}
    sinch.api.patch(f"/activeNumbers/{number}", json=body).raise_for_status()
    deadline = time.monotonic() + 5
    while sinch.api.get(f"/activeNumbers/{number}").json()["voiceConfiguration"]["scheduledVoiceProvisioning"]:
        assert time.monotonic() < deadline, "the emulator did not apply the change"
        time.sleep(0.05)


def _recorded(stack: auto.Stack) -> dict[str, Any]:
    """The resource's outputs as the state holds them."""
    resources = state_resources(stack)
    outputs: dict[str, Any] = next(r["outputs"] for r in resources if r["urn"].endswith("::main"))
    return outputs


def test_phone_number_assignments_basic_update_and_move(sinch: Sinch) -> None:
    """Create, a clean preview and refresh with no writes, one diff line per number added or removed, a
    move to another trunk in place, and a destroy that unassigns every number."""
    first_set = NUMBERS[:3]
    stack = sinch.stack(_program(first_set))
    outputs = stack.up().outputs
    first, second = outputs["trunk_ids"].value
    assert _on_trunk(sinch, first) == sorted(first_set)
    assert outputs["numbers"].value == {n: first for n in first_set}
    assert set(outputs["regions"].value.values()) == {"US"}

    sinch.clear_requests()
    stack.preview(expect_no_changes=True)
    stack.refresh(expect_no_changes=True)
    assert sinch.writes() == []

    # Drop one number, add two: the detailed diff names exactly those three, one line each.
    second_set = [NUMBERS[0], NUMBERS[2], NUMBERS[3], NUMBERS[4]]
    shown = stack.preview(diff=True, program=_program(second_set)).stdout.split("--outputs:--")[0]
    assert re.findall(r"^\s+([+-]) (\+\d+): ", shown, re.MULTILINE) == [
        ("-", NUMBERS[1]),
        ("+", NUMBERS[3]),
        ("+", NUMBERS[4]),
    ]
    sinch.clear_requests()
    assert auto_ops(stack, _program(second_set)) == {"update"}
    assert _on_trunk(sinch, first) == sorted(second_set)
    assert sorted(w.split()[1].rsplit("/", 1)[1] for w in sinch.writes()) == [NUMBERS[1], NUMBERS[3], NUMBERS[4]]

    # A new trunk_id moves every number in place: one PATCH each, straight to the new trunk.
    sinch.clear_requests()
    assert auto_ops(stack, _program(second_set, on=1)) == {"update"}
    assert (_on_trunk(sinch, first), _on_trunk(sinch, second)) == ([], sorted(second_set))
    assert len(sinch.writes()) == len(second_set)
    stack.preview(expect_no_changes=True, program=_program(second_set, on=1))

    stack.destroy()
    assert _on_trunk(sinch, second) == []
    assert sinch.leftovers() == {k: [] for k in sinch.leftovers()}


def test_phone_number_assignments_partial_failure(sinch: Sinch) -> None:
    """One number fails provisioning and one is on another trunk: the `up` fails naming both, the other
    numbers are assigned and kept in the state, and the next `up` retries only what failed."""
    numbers = NUMBERS[5:9]
    failing, taken = numbers[1], numbers[2]
    stack = sinch.stack(_program(numbers))
    trunks = sinch.stack(_trunks_only, project="trunks")
    other = trunks.up().outputs["trunk_id"].value
    _set_by_hand(sinch, taken, other)
    httpx.post(f"{sinch.server.url}/_emulator/numbers/{failing}/fail-next-provisioning").raise_for_status()

    with pytest.raises(auto.errors.CommandError) as failure:
        stack.up()
    message = str(failure.value)
    assert "PhoneNumberAssignments main: 2 number(s) failed" in message
    assert f"{failing}: assigning {failing} to trunk" in message and "provisioning status FAILED" in message
    assert f"{taken}: assigning {taken} to trunk" in message and f"assigned to trunk {other}" in message
    first = stack.outputs()["trunk_ids"].value[0]
    kept = sorted({numbers[0], numbers[3]})
    assert _on_trunk(sinch, first) == kept
    outputs = _recorded(stack)
    assert outputs["phone_numbers"] == {n: first for n in kept}
    assert sorted(outputs["failed_numbers"]) == sorted([failing, taken])

    # The failure is over and the taken number is freed: the next `up` assigns just those two.
    _set_by_hand(sinch, taken, "")
    sinch.clear_requests()
    assert auto_ops(stack, _program(numbers)) == {"update"}
    assert sorted(w.split()[1].rsplit("/", 1)[1] for w in sinch.writes()) == sorted([failing, taken])
    assert _on_trunk(sinch, first) == sorted(numbers)
    assert _recorded(stack)["failed_numbers"] == {}
    stack.preview(expect_no_changes=True)


def _trunks_only() -> None:
    pulumi.export("trunk_id", Trunk("other", name="Other", host_name="acme-bulk-other").id)


def test_phone_number_assignments_drift_and_adopt(sinch: Sinch) -> None:
    """Numbers already on the trunk are adopted with no write; a number unassigned by hand and one moved
    to another trunk show at refresh and the next `up` puts both back."""
    numbers = NUMBERS[9:12]
    stack = sinch.stack(_program([]))
    first, second = stack.up().outputs["trunk_ids"].value
    for number in numbers:
        _set_by_hand(sinch, number, first)

    sinch.clear_requests()
    assert auto_ops(stack, _program(numbers)) == {"update"}
    assert sinch.writes() == []
    assert _recorded(stack)["phone_numbers"] == {n: first for n in numbers}

    _set_by_hand(sinch, numbers[0], "")
    _set_by_hand(sinch, numbers[1], second)
    stack.refresh()
    assert _recorded(stack)["phone_numbers"] == {numbers[1]: second, numbers[2]: first}
    with pytest.raises(auto.errors.CommandError):
        stack.preview(expect_no_changes=True)
    assert auto_ops(stack, _program(numbers)) == {"update"}
    assert (_on_trunk(sinch, first), _on_trunk(sinch, second)) == (sorted(numbers), [])
    stack.preview(expect_no_changes=True, refresh=True)


def test_phone_number_assignments_invalid(sinch: Sinch) -> None:
    """Each bad list fails preview naming the resource, the field and the value, with no write."""
    cases = [
        (["+15550100000", "5550100001"], "phone_numbers[1]", "'5550100001'"),
        (["+15550100000", "+15550100000"], "phone_numbers", "repeats +15550100000 from phone_numbers[0]"),
    ]
    stack = sinch.stack(_program([]))
    sinch.clear_requests()
    for numbers, field, shown in cases:

        def program(numbers: list[str] = numbers) -> None:
            PhoneNumberAssignments("main", trunk_id="01HA2E80QCBX185VVP21PJG9CT", phone_numbers=numbers)

        with pytest.raises(auto.errors.CommandError) as failure:
            stack.preview(program=program)
        message = str(failure.value)
        assert "main" in message and field in message and shown in message
    assert sinch.writes() == []
