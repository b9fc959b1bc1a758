"""PhoneNumberAssignment through the real engine against the emulator, whose provisioning takes 0.2 s."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
import pulumi
import pytest
from pulumi import automation as auto

from pulumi_sinch_est.resources.endpoint import Endpoint
from pulumi_sinch_est.resources.phone_number_assignment import PhoneNumberAssignment
from pulumi_sinch_est.resources.trunk import Trunk
from tests.conftest import state_resources

from .conftest import NUMBERS, Sinch, auto_ops

pytestmark = pytest.mark.engine

FIRST, SECOND = NUMBERS[0], NUMBERS[1]
TRUNKS = ("acme-num", "acme-num-two")


def _program(number: str = FIRST, *, on: int = 0, **args: Any) -> Callable[[], None]:
    """Two trunks, and `main` assigning `number` to trunk number `on`."""

    def program() -> None:
        trunks = [Trunk(f"trunk{i}", name="Acme", host_name=host) for i, host in enumerate(TRUNKS)]
        main = PhoneNumberAssignment("main", phone_number=number, trunk_id=trunks[on].id, **args)
        pulumi.export("trunk_ids", [t.id for t in trunks])
        pulumi.export("id", main.id)
        pulumi.export("region_code", main.region_code)

    return program


def _voice(sinch: Sinch, number: str) -> dict[str, Any]:
    response = sinch.api.get(f"/activeNumbers/{number}")
    response.raise_for_status()
    voice: dict[str, Any] = response.json()["voiceConfiguration"]
    return voice


def _on_trunk(sinch: Sinch, trunk_id: str) -> list[str]:
    """The numbers EST shows on the trunk."""
    items = sinch.api.get("/phoneNumbers", params={"sipTrunkId": trunk_id}).json()["phoneNumbers"]
    return [n["phoneNumber"] for n in items]


def _set_by_hand(sinch: Sinch, number: str, trunk_id: str) -> None:
    """PATCH the number's trunk ("" to unassign) and wait until the emulator has applied it."""
    body = {"voiceConfiguration": {"type": "EST", "trunkId": trunk_id}}
    sinch.api.patch(f"/activeNumbers/{number}", json=body).raise_for_status()
    deadline = time.monotonic() + 5
    while _voice(sinch, number)["scheduledVoiceProvisioning"] is not None:
        assert time.monotonic() < deadline, "the emulator did not apply the change"
        time.sleep(0.05)


def test_phone_number_assignment_basic(sinch: Sinch) -> None:
    """Also the teardown of a whole trunk in one destroy under strict delete rules: two numbers and two
    endpoints must be gone before the trunk's delete is accepted."""

    def program() -> None:
        trunk = Trunk("trunk", name="Acme", host_name="acme-num")
        for i, number in enumerate((FIRST, SECOND)):
            PhoneNumberAssignment(f"number{i}", phone_number=number, trunk_id=trunk.id)
            Endpoint(f"pbx{i}", trunk_id=trunk.id, priority=i + 1, address=f"203.0.113.{10 + i}")
        pulumi.export("trunk_id", trunk.id)

    stack = sinch.stack(program)
    trunk_id = stack.up().outputs["trunk_id"].value
    assert sorted(_on_trunk(sinch, trunk_id)) == [FIRST, SECOND]
    voice = _voice(sinch, FIRST)
    assert (voice["type"], voice["trunkId"], voice["scheduledVoiceProvisioning"]) == ("EST", trunk_id, None)

    sinch.clear_requests()
    stack.preview(expect_no_changes=True)
    stack.refresh(expect_no_changes=True)
    assert sinch.writes() == []

    stack.destroy()
    assert sinch.leftovers() == {k: [] for k in sinch.leftovers()}
    assert _voice(sinch, FIRST)["trunkId"] == ""


def test_phone_number_assignment_update(sinch: Sinch) -> None:
    stack = sinch.stack(_program())
    outputs = stack.up().outputs
    first, second = outputs["trunk_ids"].value
    assert outputs["region_code"].value == "US"

    assert auto_ops(stack, _program(on=1)) == {"update"}
    assert (_on_trunk(sinch, first), _on_trunk(sinch, second)) == ([], [FIRST])
    stack.preview(expect_no_changes=True, refresh=True, program=_program(on=1))

    # The timeout alone changes nothing at Sinch.
    sinch.clear_requests()
    assert auto_ops(stack, _program(on=1, provisioning_timeout_seconds=60)) == {"update"}
    assert sinch.writes() == []


def test_phone_number_assignment_replace(sinch: Sinch) -> None:
    stack = sinch.stack(_program(FIRST))
    trunk_id = stack.up().outputs["trunk_ids"].value[0]

    assert "replace" in auto_ops(stack, _program(SECOND))
    assert stack.outputs()["id"].value == SECOND
    assert _on_trunk(sinch, trunk_id) == [SECOND]
    assert _voice(sinch, FIRST)["trunkId"] == ""


def test_phone_number_assignment_drift(sinch: Sinch) -> None:
    program = _program()
    stack = sinch.stack(program)
    first, second = stack.up().outputs["trunk_ids"].value
    _set_by_hand(sinch, FIRST, second)

    with pytest.raises(auto.errors.CommandError):
        stack.preview(expect_no_changes=True, refresh=True)
    assert auto_ops(stack, program, refresh=True) == {"update"}
    assert (_on_trunk(sinch, first), _on_trunk(sinch, second)) == ([FIRST], [])
    stack.preview(expect_no_changes=True, refresh=True)


def test_phone_number_assignment_disappears(sinch: Sinch) -> None:
    program = _program()
    stack = sinch.stack(program)
    trunk_id = stack.up().outputs["trunk_ids"].value[0]
    _set_by_hand(sinch, FIRST, "")

    stack.refresh()
    assert auto_ops(stack, program) == {"create"}
    assert _on_trunk(sinch, trunk_id) == [FIRST]


def test_phone_number_assignment_adopt(sinch: Sinch) -> None:
    """A number already on the trunk is taken over without a write; one on another trunk is refused."""
    stack = sinch.stack(_trunks_only)
    first, second = stack.up().outputs["trunk_ids"].value
    _set_by_hand(sinch, FIRST, first)
    _set_by_hand(sinch, SECOND, second)

    sinch.clear_requests()
    assert auto_ops(stack, _program(FIRST)) == {"create"}
    assert sinch.writes() == []
    stack.preview(expect_no_changes=True, program=_program(FIRST))

    with pytest.raises(auto.errors.CommandError) as failure:
        stack.up(program=_program(SECOND))
    assert f"the number is assigned to trunk {second}; it is not taken from there" in str(failure.value)
    assert _on_trunk(sinch, second) == [SECOND]
    _set_by_hand(sinch, SECOND, "")  # made by hand, undone by hand


def _trunks_only() -> None:
    trunks = [Trunk(f"trunk{i}", name="Acme", host_name=host) for i, host in enumerate(TRUNKS)]
    pulumi.export("trunk_ids", [t.id for t in trunks])


def test_phone_number_assignment_failed(sinch: Sinch) -> None:
    stack = sinch.stack(_program())
    httpx.post(f"{sinch.server.url}/_emulator/numbers/{FIRST}/fail-next-provisioning").raise_for_status()

    with pytest.raises(auto.errors.CommandError) as failure:
        stack.up()
    assert f"assigning {FIRST} to trunk" in str(failure.value)
    assert "failed: Sinch reports provisioning status FAILED" in str(failure.value)
    trunk_id = next(t["id"] for t in sinch.api.get("/trunks").json()["trunks"] if t["hostName"] == TRUNKS[0])
    assert _on_trunk(sinch, trunk_id) == []
    voice = _voice(sinch, FIRST)
    assert voice["trunkId"] == "" and voice["scheduledVoiceProvisioning"]["status"] == "FAILED"
    assert "main" not in {r["urn"].rsplit("::", 1)[-1] for r in state_resources(stack)}

    # The failure is over: the next `up` assigns it.
    assert auto_ops(stack, _program()) == {"create"}
    assert _on_trunk(sinch, trunk_id) == [FIRST]


@pytest.mark.parametrize(
    ("args", "field", "shown"),
    [
        ({"phone_number": "5550100000"}, "phone_number", "'5550100000'"),
        ({"phone_number": FIRST, "provisioning_timeout_seconds": 0}, "provisioning_timeout_seconds", "0"),
    ],
)
def test_phone_number_assignment_invalid(sinch: Sinch, args: dict[str, Any], field: str, shown: str) -> None:
    def program() -> None:
        PhoneNumberAssignment("main", trunk_id="01HA2E80QCBX185VVP21PJG9CT", **args)

    stack = sinch.stack(program)
    sinch.clear_requests()
    with pytest.raises(auto.errors.CommandError) as failure:
        stack.preview()
    message = str(failure.value)
    assert "main" in message and field in message and shown in message
    assert sinch.writes() == []
