"""`CallBlockingRuleProvider` without the engine: validation, the replace rule, and the calls it makes."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.runtime.rpc import UNKNOWN

from pulumi_sinch_est.client import (
    CallBlockingRule,
    CallBlockingRuleRequest,
    NotFoundError,
    ServerError,
    TransportError,
)
from pulumi_sinch_est.providers._base import ProviderError
from pulumi_sinch_est.providers.call_blocking_rule import CallBlockingRuleProvider
from tests.conftest import Checker, FakeClient

PROVIDER = CallBlockingRuleProvider()
INBOUND = {"name": "premium callers", "direction": "INBOUND", "caller_match": "+1900"}
OUTBOUND = {"name": "no UK premium", "direction": "OUTBOUND", "callee_country": "GB", "callee_match": "+44870"}
CHECK = Checker(PROVIDER)
checked = CHECK.inputs
failures = CHECK.failures


def test_normalised_inputs() -> None:
    assert checked(**{**INBOUND, "direction": "inbound", "caller_country": "us"}) == {
        **INBOUND,
        "caller_country": "US",
        "callee_country": None,
        "callee_match": None,
        "import_id": None,
    }


@pytest.mark.parametrize(
    ("news", "field", "expected"),
    [
        ({**INBOUND, "direction": "SIDEWAYS"}, "direction", "'SIDEWAYS' is invalid"),
        ({**INBOUND, "caller_country": "USA"}, "caller_country", "'USA' is invalid: expected an ISO 3166-1"),
        ({**INBOUND, "caller_match": "1-900"}, "caller_match", "'1-900' is invalid: expected the leading digits"),
        ({**INBOUND, "caller_match": "+" + "1" * 16}, "caller_match", "1 to 15 digits"),
        (
            {**INBOUND, "callee_country": "GB"},
            "direction",
            "direction = 'INBOUND' is invalid: an INBOUND rule cannot match on callee_country (OUTBOUND rules do); "
            "it matches on caller_country or caller_match",
        ),
        ({**OUTBOUND, "caller_match": "+1"}, "direction", "cannot match on caller_match (INBOUND rules do)"),
        ({"name": "x", "direction": "INBOUND", "caller_country": "USA"}, "caller_country", "'USA' is invalid"),
        ({**INBOUND, "name": " "}, "name", "' ' is invalid"),
        ({"name": "x", "caller_match": "+1"}, "direction", "direction is required"),
    ],
)
def test_invalid(news: dict[str, Any], field: str, expected: str) -> None:
    found = failures(**news)
    assert [path for path, _ in found] == [field], found
    assert expected in found[0][1]


@pytest.mark.parametrize("direction", ["INBOUND", "OUTBOUND"])
def test_a_rule_must_match_something(direction: str) -> None:
    ((path, reason),) = failures(name="everything", direction=direction)
    assert path == "direction"
    assert f"an {direction} rule needs" in reason and f"every {direction.lower()} call" in reason


def test_unknown_values_are_not_judged() -> None:
    assert failures(name="x", direction="INBOUND", caller_match=UNKNOWN) == []
    assert failures(name="x", direction=UNKNOWN, callee_match="+44") == []


@pytest.mark.parametrize(
    ("change", "replaces"),
    [
        ({"name": "renamed"}, []),
        ({"caller_match": "+1976", "caller_country": "US"}, []),
        ({"direction": "OUTBOUND", "caller_match": None, "callee_match": "+1900"}, ["direction"]),
    ],
)
def test_diff(change: dict[str, Any], replaces: list[str]) -> None:
    olds = checked(**INBOUND)
    news = checked(**{k: v for k, v in {**INBOUND, **change}.items() if v is not None})
    diff = PROVIDER.diff("R1", olds, news)
    assert (diff.changes, sorted(diff.replaces or []), diff.delete_before_replace) == (True, replaces, False)
    assert PROVIDER.diff("R1", olds, checked(**INBOUND)).changes is False


class FakeRules:
    def __init__(self) -> None:
        self.calls: list[tuple[str, ...]] = []
        self.bodies: list[dict[str, Any]] = []
        self.items: dict[str, CallBlockingRule] = {}
        self.lose_create_response = False
        self.refuse_create = False
        self.twin_made_meanwhile = False
        self.answer_without_id = False

    def _store(self, rule_id: str, req: CallBlockingRuleRequest) -> CallBlockingRule:
        body = req.to_body()
        self.bodies.append(body)
        # The API answers the direction in lower case.
        item = CallBlockingRule.model_validate({**body, "id": rule_id, "direction": body["direction"].lower()})
        self.items[rule_id] = item
        return item

    def create(self, req: CallBlockingRuleRequest) -> CallBlockingRule:
        self.calls.append(("POST",))
        if self.refuse_create:  # answered 500, never performed
            refused = ServerError(500, "creating call blocking rule", api_status="INTERNAL")
            refused.may_have_been_processed = True  # as the client marks a 500 answering a POST
            raise refused
        item = self._store(f"R{len(self.items) + 1}", req)
        if self.twin_made_meanwhile:
            self._store(f"R{len(self.items) + 1}", req)
        if self.lose_create_response:
            raise TransportError("creating call blocking rule", "connection reset", may_have_been_processed=True)
        return item.model_copy(update={"id": None}) if self.answer_without_id else item

    def list(self) -> list[CallBlockingRule]:
        self.calls.append(("LIST",))
        return list(self.items.values())

    def read(self, rule_id: str) -> CallBlockingRule:
        """The client's listing-backed read; a fake keeps no listing, so it reads as `get` does."""
        return self.get(rule_id)

    def get(self, rule_id: str) -> CallBlockingRule:
        self.calls.append(("GET", rule_id))
        if rule_id not in self.items:
            raise NotFoundError(404, f"reading call blocking rule {rule_id}")
        return self.items[rule_id]

    def replace(self, rule_id: str, req: CallBlockingRuleRequest) -> CallBlockingRule:
        self.calls.append(("PUT", rule_id))
        return self._store(rule_id, req)

    def delete(self, rule_id: str) -> None:
        self.calls.append(("DELETE", rule_id))
        if self.items.pop(rule_id, None) is None:
            raise NotFoundError(404, f"deleting call blocking rule {rule_id}")


@pytest.fixture
def rules(monkeypatch: pytest.MonkeyPatch) -> FakeRules:
    fake = FakeRules()
    FakeClient(call_blocking_rules=fake).install(monkeypatch)
    return fake


def test_create_is_one_post_and_outputs_everything(rules: FakeRules) -> None:
    created = PROVIDER.create(checked(**OUTBOUND))
    assert created.id == "R1" and rules.calls == [("LIST",), ("POST",)]
    assert rules.bodies == [
        {"name": "no UK premium", "direction": "OUTBOUND", "calleeCountry": "GB", "calleeMatch": "+44870"}
    ]
    assert created.outs == checked(**OUTBOUND)  # direction upper-case again, as sent


def test_update_puts_the_whole_rule(rules: FakeRules) -> None:
    olds = PROVIDER.create(checked(**INBOUND)).outs or {}
    news = checked(**{**INBOUND, "caller_country": "US"})
    updated = PROVIDER.update("R1", olds, news)
    assert rules.calls[-1] == ("PUT", "R1")
    assert rules.bodies[-1] == {**rules.bodies[0], "callerCountry": "US"}
    assert updated.outs == news


def test_read_delete_and_not_found(rules: FakeRules) -> None:
    outs = PROVIDER.create(checked(**INBOUND)).outs or {}
    read = PROVIDER.read("R1", outs)
    assert (read.id, read.outs, read.inputs) == ("R1", outs, outs)
    PROVIDER.delete("R1", outs)
    PROVIDER.delete("R1", outs)  # 404 is success
    assert PROVIDER.read("R1", outs).id is None


def test_adopt_reads_and_writes_nothing(rules: FakeRules) -> None:
    existing = PROVIDER.create(checked(**INBOUND))
    rules.calls.clear()
    adopted = PROVIDER.create(checked(**{**INBOUND, "import_id": "R1"}))
    assert rules.calls == [("GET", "R1")]
    assert adopted.id == "R1" and adopted.outs == {**(existing.outs or {}), "import_id": "R1"}


def test_adopting_a_missing_rule_fails(rules: FakeRules) -> None:
    with pytest.raises(ProviderError, match="reading call blocking rule R9 failed: HTTP 404"):
        PROVIDER.create(checked(**{**INBOUND, "import_id": "R9"}))


def test_lost_create_response_takes_the_one_made(rules: FakeRules) -> None:
    rules.lose_create_response = True
    created = PROVIDER.create(checked(**INBOUND))
    assert created.id == "R1" and rules.calls == [("LIST",), ("POST",), ("LIST",)]


def test_lost_create_response_beside_an_older_twin_takes_the_new_one(rules: FakeRules) -> None:
    # The twin was there before the create began (another stack's rule): it cannot be the one made.
    PROVIDER.create(checked(**INBOUND))
    rules.lose_create_response = True
    assert PROVIDER.create(checked(**INBOUND)).id == "R2"


def test_a_create_refused_with_500_never_takes_an_older_twin(rules: FakeRules) -> None:
    PROVIDER.create(checked(**INBOUND))
    rules.refuse_create = True
    with pytest.raises(ProviderError) as caught:
        PROVIDER.create(checked(**INBOUND))
    message = str(caught.value)
    assert message.startswith("creating call blocking rule failed: HTTP 500"), message
    assert "made no CallBlockingRule" in message and "(R1)" in message and "import_id" in message
    assert list(rules.items) == ["R1"]


def test_two_new_twins_cannot_be_told_apart(rules: FakeRules) -> None:
    # Someone made an identical rule while this create's answer was lost: neither is adopted.
    rules.lose_create_response = True
    rules.twin_made_meanwhile = True
    with pytest.raises(ProviderError) as caught:
        PROVIDER.create(checked(**INBOUND))
    message = str(caught.value)
    assert "2 identical CallBlockingRule objects exist: R1 (no createTime, made since), R2" in message, message
    assert "cannot tell which one this create made" in message and "import_id" in message


def test_a_created_rule_without_an_id_is_looked_up_not_stored_as_none(rules: FakeRules) -> None:
    rules.answer_without_id = True
    created = PROVIDER.create(checked(**INBOUND))
    assert created.id == "R1" and rules.calls == [("LIST",), ("POST",), ("LIST",)]
