"""CallBlockingRule through the real engine against the emulator: the lifecycle matrix."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi
import pytest
from pulumi import automation as auto

from pulumi_sinch_est.resources.call_blocking_rule import CallBlockingRule

from .conftest import Sinch, auto_ops

pytestmark = pytest.mark.engine

PREMIUM = {"direction": "INBOUND", "caller_country": "US", "caller_match": "+1900"}


def _program(**args: Any) -> Callable[[], None]:
    def program() -> None:
        rule = CallBlockingRule("main", **args)
        pulumi.export("id", rule.id)

    return program


def _rules(sinch: Sinch) -> list[dict[str, Any]]:
    response = sinch.api.get("/callBlockingRules")
    response.raise_for_status()
    rules: list[dict[str, Any]] = response.json()["callBlockingRules"]
    return rules


def _live(sinch: Sinch, stack: auto.Stack) -> dict[str, Any]:
    (rule,) = [r for r in _rules(sinch) if r["id"] == stack.outputs()["id"].value]
    return rule


FIELDS = ("name", "direction", "callerCountry", "callerMatch", "calleeCountry", "calleeMatch")


def test_call_blocking_rule_basic(sinch: Sinch) -> None:
    stack = sinch.stack(_program(**{**PREMIUM, "direction": "inbound", "caller_country": "us"}))
    stack.up()
    live = _live(sinch, stack)
    assert {k: live[k] for k in FIELDS} == {
        "name": "main",
        "direction": "inbound",  # the API answers lower case; the outputs keep what was sent
        "callerCountry": "US",
        "callerMatch": "+1900",
        "calleeCountry": None,
        "calleeMatch": None,
    }

    sinch.clear_requests()
    stack.preview(expect_no_changes=True)
    stack.refresh(expect_no_changes=True)
    assert sinch.writes() == []


def test_call_blocking_rule_update(sinch: Sinch) -> None:
    stack = sinch.stack(_program(**PREMIUM))
    rule_id = stack.up().outputs["id"].value

    changed = _program(direction="INBOUND", name="Premium-rate callers", caller_match="+1976")
    sinch.clear_requests()
    assert auto_ops(stack, changed) == {"update"}
    (write,) = sinch.writes()  # one PUT of the whole rule, caller_country dropped by it
    assert write.startswith("PUT ") and write.endswith(f"/callBlockingRules/{rule_id}")
    live = _live(sinch, stack)
    assert (live["id"], live["name"], live["callerCountry"], live["callerMatch"]) == (
        rule_id,
        "Premium-rate callers",
        None,
        "+1976",
    )


def test_call_blocking_rule_replace(sinch: Sinch) -> None:
    stack = sinch.stack(_program(**PREMIUM))
    old_id = stack.up().outputs["id"].value

    assert "replace" in auto_ops(stack, _program(direction="OUTBOUND", callee_country="GB"))
    (rule,) = _rules(sinch)
    assert rule["id"] == stack.outputs()["id"].value != old_id
    assert (rule["direction"], rule["calleeCountry"], rule["callerMatch"]) == ("outbound", "GB", None)


def test_call_blocking_rule_drift(sinch: Sinch) -> None:
    program = _program(**PREMIUM)
    stack = sinch.stack(program)
    rule_id = stack.up().outputs["id"].value
    # A PUT by hand that leaves out name and callerCountry: the API nulls them, which is drift too.
    by_hand = {"direction": "INBOUND", "callerMatch": "+1"}
    sinch.api.put(f"/callBlockingRules/{rule_id}", json=by_hand).raise_for_status()

    with pytest.raises(auto.errors.CommandError):
        stack.preview(expect_no_changes=True, refresh=True)
    assert auto_ops(stack, program, refresh=True) == {"update"}
    live = _live(sinch, stack)
    assert (live["name"], live["callerCountry"], live["callerMatch"]) == ("main", "US", "+1900")


def test_call_blocking_rule_disappears(sinch: Sinch) -> None:
    program = _program(**PREMIUM)
    stack = sinch.stack(program)
    rule_id = stack.up().outputs["id"].value
    sinch.api.delete(f"/callBlockingRules/{rule_id}").raise_for_status()

    assert auto_ops(stack, program, refresh=True) == {"create"}
    assert [r["id"] for r in _rules(sinch)] == [stack.outputs()["id"].value]
    assert stack.outputs()["id"].value != rule_id


def test_call_blocking_rule_adopt(sinch: Sinch) -> None:
    by_hand = {"name": "Made by hand", "direction": "OUTBOUND", "calleeMatch": "+44870"}
    existing = sinch.api.post("/callBlockingRules", json=by_hand).json()
    sinch.clear_requests()

    adopt = _program(name="Made by hand", direction="OUTBOUND", callee_match="+44870", import_id=existing["id"])
    stack = sinch.stack(adopt)
    assert stack.up().outputs["id"].value == existing["id"]
    stack.preview(expect_no_changes=True)
    assert sinch.writes() == []


def test_call_blocking_rule_invalid(sinch: Sinch) -> None:
    # Two failures in one preview: a bad country, and an OUTBOUND rule that names nothing to match.
    stack = sinch.stack(_program(direction="OUTBOUND", caller_country="USA"))
    sinch.clear_requests()
    with pytest.raises(auto.errors.CommandError) as failure:
        stack.preview()
    message = str(failure.value)
    assert "main" in message
    assert "caller_country = 'USA' is invalid" in message
    assert "direction = 'OUTBOUND' is invalid: an OUTBOUND rule needs callee_country or callee_match" in message
    assert sinch.writes() == []
