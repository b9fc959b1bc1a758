"""`SipTrunking`'s answers, judged without Pulumi: which workflow they pick, what they build, and the
message each contradictory or incomplete set fails with."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_sinch_est.components import SipTrunkingError
from pulumi_sinch_est.components._answers import plan

PASSWORD = "Desk-phone-2024-Secret"
CREDENTIALS = [{"username": "desk01", "password": PASSWORD}]
NUMBERS = ["+15550100001"]
A: dict[str, Any] = {"direction": "outbound", "authentication": "acl", "acl_cidrs": ["203.0.113.10/32"]}
B: dict[str, Any] = {
    "direction": "inbound",
    "endpoint_type": "static",
    "endpoints": [{"address": "203.0.113.10"}],
    "phone_numbers": NUMBERS,
}
D: dict[str, Any] = {
    "direction": "inbound",
    "endpoint_type": "registered",
    "credentials": CREDENTIALS,
    "endpoints": [{"credential_username": "desk01"}],
    "phone_numbers": NUMBERS,
}
E: dict[str, Any] = {"direction": "outbound", "authentication": "credentials", "credentials": CREDENTIALS}
C_ACL_STATIC: dict[str, Any] = {**A, **B, "direction": "both"}
C_CREDENTIALS_REGISTERED: dict[str, Any] = {**D, **E, "direction": "both"}
C_ACL_REGISTERED: dict[str, Any] = {**A, **D, "direction": "both"}


@pytest.mark.parametrize(
    ("answers", "workflow", "built"),
    [
        (A, "A", {"acl": 1, "credentials": 0, "endpoints": 0, "numbers": 0}),
        (B, "B", {"acl": 0, "credentials": 0, "endpoints": 1, "numbers": 1}),
        (C_ACL_STATIC, "C", {"acl": 1, "credentials": 0, "endpoints": 1, "numbers": 1}),
        (C_CREDENTIALS_REGISTERED, "C", {"acl": 0, "credentials": 1, "endpoints": 1, "numbers": 1}),
        (C_ACL_REGISTERED, "C", {"acl": 1, "credentials": 1, "endpoints": 1, "numbers": 1}),
        (D, "D", {"acl": 0, "credentials": 1, "endpoints": 1, "numbers": 1}),
        (E, "E", {"acl": 0, "credentials": 1, "endpoints": 0, "numbers": 0}),
    ],
)
def test_answers_pick_the_workflow(answers: dict[str, Any], workflow: str, built: dict[str, int]) -> None:
    planned = plan("office", answers)
    assert planned.workflow == workflow
    assert {
        "acl": int(bool(planned.acl_cidrs)),
        "credentials": int(bool(planned.credentials)),
        "endpoints": len(planned.endpoints),
        "numbers": len(planned.phone_numbers),
    } == built


def test_endpoints_default_to_their_position() -> None:
    answers = {
        **B,
        "endpoints": [
            {"address": "203.0.113.10"},
            {"address": "203.0.113.11", "name": "failover"},
            {"address": "pbx.example.com", "priority": 7, "port": 5080},
        ],
    }
    planned = plan("office", answers)
    assert [(e.key, e.args) for e in planned.endpoints] == [
        ("endpoint-1", {"name": "endpoint-1", "address": "203.0.113.10", "priority": 1}),
        ("failover", {"name": "failover", "address": "203.0.113.11", "priority": 2}),
        ("endpoint-3", {"name": "endpoint-3", "address": "pbx.example.com", "priority": 7, "port": 5080}),
    ]


def test_plan_never_shows_a_password() -> None:
    assert PASSWORD not in repr(plan("office", D))


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        # Contradictions: an answer or argument the other answers do not use.
        (
            {**B, "authentication": "credentials"},
            "authentication = 'credentials' does not apply to direction 'inbound' (it says how Sinch admits outbound "
            "calls); expected it left out",
        ),
        (
            {**A, "endpoint_type": "static"},
            "endpoint_type = 'static' does not apply to direction 'outbound' (endpoints receive inbound calls); "
            "expected it left out",
        ),
        (
            {**A, "phone_numbers": NUMBERS},
            "phone_numbers = ['+15550100001'] does not apply to direction 'outbound' (inbound calls only)",
        ),
        (
            {**A, "endpoints": [{"address": "203.0.113.10"}]},
            "endpoints = [{'address': '203.0.113.10'}] does not apply to direction 'outbound'",
        ),
        (
            {**E, "acl_cidrs": ["203.0.113.10/32"]},
            "acl_cidrs = ['203.0.113.10/32'] does not apply without authentication 'acl'; expected it left out",
        ),
        (
            {**B, "credentials": CREDENTIALS},
            "credentials = (hidden: it may hold a password) does not apply without authentication 'credentials' or "
            "endpoint_type 'registered' (nothing uses them)",
        ),
        (
            {**B, "endpoints": [{"address": "203.0.113.10", "credential_username": "desk01"}]},
            "endpoints[0].credential_username = 'desk01' does not apply to endpoint_type 'static'",
        ),
        (
            {**D, "endpoints": [{"credential_username": "desk01", "address": "203.0.113.10"}]},
            "endpoints[0].address = '203.0.113.10' does not apply to endpoint_type 'registered'",
        ),
        (
            {**D, "endpoints": [{"credential_username": "desk01", "port": 5060}]},
            "endpoints[0].port = 5060 does not apply to endpoint_type 'registered'",
        ),
        (
            {**D, "endpoints": [{"credential_username": "someone-else"}]},
            "endpoints[0].credential_username = 'someone-else' is not in credentials (registering only works with a "
            "username of the trunk's list); expected one of ['desk01']",
        ),
        # Incomplete: an answer or argument the answers need.
        ({}, "direction = (missing) is required for every trunk; expected one of 'inbound', 'outbound', 'both'"),
        (
            {"direction": "sideways"},
            "direction = 'sideways' is not an answer; expected one of 'inbound', 'outbound', 'both'",
        ),
        (
            {**A, "authentication": None},
            "authentication = (missing) is required for direction 'outbound'; expected one of 'acl', 'credentials'",
        ),
        ({**A, "authentication": "ACL"}, "authentication = 'ACL' is not an answer; expected one of 'acl'"),
        (
            {**B, "endpoint_type": None},
            "endpoint_type = (missing) is required for direction 'inbound'; expected one of 'static', 'registered'",
        ),
        (
            {**A, "acl_cidrs": []},
            "acl_cidrs = (missing) is required for authentication 'acl'; expected the PBX's public addresses in CIDR",
        ),
        ({**E, "credentials": None}, "credentials = (missing) is required for authentication 'credentials'"),
        (
            {**D, "credentials": []},
            "credentials = (missing) is required for endpoint_type 'registered' (the endpoints register with them)",
        ),
        ({**B, "endpoints": []}, "endpoints = (missing) is required for direction 'inbound'; expected at least one"),
        ({**B, "phone_numbers": []}, "phone_numbers = (missing) is required for direction 'inbound'"),
        (
            {**B, "endpoints": [{"port": 5060}]},
            "endpoints[0].address = (missing) is required for endpoint_type 'static'; expected the PBX's IPv4 address "
            "or domain name",
        ),
        (
            {**D, "endpoints": [{"priority": 1}]},
            "endpoints[0].credential_username = (missing) is required for endpoint_type 'registered'",
        ),
        # Shapes the component needs to decide what to build.
        (
            {**B, "phone_numbers": [*NUMBERS, *NUMBERS]},
            "phone_numbers[1] = '+15550100001' repeats an earlier number; expected each number once",
        ),
        (
            {
                **B,
                "endpoints": [{"address": "203.0.113.10", "name": "pbx"}, {"address": "203.0.113.11", "name": "pbx"}],
            },
            "endpoints[1].name = 'pbx' repeats an earlier endpoint's name",
        ),
        (
            {**B, "endpoints": [{"address": "203.0.113.10", "adress": "typo"}]},
            "endpoints[0].adress = 'typo' is not an endpoint argument",
        ),
        ({**B, "phone_numbers": "+15550100001"}, "phone_numbers = '+15550100001' is not a list"),
        (
            {**E, "credentials": [{"username": "desk01", "pasword": PASSWORD}]},
            "credentials[0] = (hidden: it may hold a password) is not a credential",
        ),
        ({**A, "endpiont_type": "static"}, "endpiont_type = (given) is not an argument of SipTrunking"),
    ],
)
def test_answers_invalid(answers: dict[str, Any], expected: str) -> None:
    with pytest.raises(SipTrunkingError) as failure:
        plan("office", answers)
    message = str(failure.value)
    assert f"SipTrunking 'office': {expected}" in message
    assert PASSWORD not in message


def test_every_problem_is_listed() -> None:
    answers = {**D, "endpoints": [{"credential_username": "nobody", "port": 5060}], "phone_numbers": ["+1", "+1"]}
    with pytest.raises(SipTrunkingError) as failure:
        plan("office", answers)
    assert [p.split(" = ")[0] for p in failure.value.problems] == [
        "SipTrunking 'office': endpoints[0].credential_username",
        "SipTrunking 'office': endpoints[0].port",
        "SipTrunking 'office': phone_numbers[1]",
    ]
    assert str(failure.value) == "\n".join(failure.value.problems)
