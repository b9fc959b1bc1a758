"""Call blocking rules, including the list's two body shapes and the list-backed get."""

from __future__ import annotations

import pytest
import respx

from pulumi_sinch_est.client import CallBlockingRuleRequest, NotFoundError, SinchClient

from .conftest import EST_BASE, sent_json

RULE = {
    "id": "01W4FFL35P4NC4K35BLOCKING03",
    "name": "Block calls from US",
    "direction": "inbound",
    "callerCountry": "US",
    "callerMatch": "123",
    "calleeCountry": None,
    "calleeMatch": None,
    "createTime": "2024-06-06T14:42:42.252663248Z",
    "updateTime": None,
    "projectId": "p",
}


def test_create_sends_only_given_optional_fields(client: SinchClient, router: respx.MockRouter) -> None:
    route = router.post(f"{EST_BASE}/callBlockingRules").respond(200, json=RULE)

    rule = client.call_blocking_rules.create(
        CallBlockingRuleRequest(
            name="Block calls from US", direction="INBOUND", caller_country="US", caller_match="123"
        )
    )

    assert sent_json(route.calls.last) == {
        "name": "Block calls from US",
        "direction": "INBOUND",
        "callerCountry": "US",
        "callerMatch": "123",
    }
    assert (rule.direction, rule.callee_country) == ("inbound", None)


@pytest.mark.parametrize(
    "body",
    [{"callBlockingRules": [RULE], "totalItems": 1, "pageNumber": 1, "pageSize": 500}, [RULE]],
    ids=["paginated", "bare-array"],
)
def test_list_reads_both_shapes(client: SinchClient, router: respx.MockRouter, body: object) -> None:
    router.get(f"{EST_BASE}/callBlockingRules").respond(200, json=body)

    assert [r.id for r in client.call_blocking_rules.list()] == ["01W4FFL35P4NC4K35BLOCKING03"]


def test_get_searches_the_list(client: SinchClient, router: respx.MockRouter) -> None:
    router.get(f"{EST_BASE}/callBlockingRules").respond(200, json=[RULE])

    assert client.call_blocking_rules.get("01W4FFL35P4NC4K35BLOCKING03").name == "Block calls from US"
    with pytest.raises(NotFoundError) as caught:
        client.call_blocking_rules.get("missing")
    assert caught.value.status_code == 404
    assert str(caught.value).startswith("reading call blocking rule missing failed: HTTP 404 NOT_FOUND")


def test_replace_and_delete(client: SinchClient, router: respx.MockRouter) -> None:
    put = router.put(f"{EST_BASE}/callBlockingRules/R1").respond(200, json={**RULE, "direction": "outbound"})
    delete = router.delete(f"{EST_BASE}/callBlockingRules/R1").respond(204)

    replaced = client.call_blocking_rules.replace(
        "R1", CallBlockingRuleRequest(direction="OUTBOUND", callee_country="SE")
    )
    client.call_blocking_rules.delete("R1")

    assert sent_json(put.calls.last) == {"direction": "OUTBOUND", "calleeCountry": "SE"}
    assert replaced.direction == "outbound"
    assert delete.called
