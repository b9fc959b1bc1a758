"""`EndpointProvider` without the engine: validation, defaults, the replace rules, and the calls it makes."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.runtime.rpc import UNKNOWN

from pulumi_sinch_est.client import NotFoundError, ServerError, TransportError
from pulumi_sinch_est.client.models import Endpoint, EndpointRequest
from pulumi_sinch_est.providers._base import ProviderError
from pulumi_sinch_est.providers.endpoint import EndpointProvider
from tests.conftest import Checker, FakeClient

PROVIDER = EndpointProvider()
STATIC = {"trunk_id": "T1", "name": "pbx", "priority": 1, "address": "203.0.113.10"}
REGISTERED = {"trunk_id": "T1", "name": "desk", "priority": 2, "credential_username": "alice"}
CHECK = Checker(PROVIDER)
checked = CHECK.inputs
failures = CHECK.failures


def test_static_defaults() -> None:
    assert checked(**STATIC) == {
        **STATIC,
        "enabled": True,
        "transport": "UDP",
        "credential_username": None,
        "port": 5060,
        "import_id": None,
    }


def test_registered_has_no_port() -> None:
    inputs = checked(**REGISTERED, transport="tls")
    assert (inputs["port"], inputs["address"], inputs["transport"]) == (None, None, "TLS")


def test_numbers_from_the_engine_arrive_as_floats() -> None:
    inputs = checked(**{**STATIC, "priority": 3.0}, port=5061.0)
    assert (inputs["priority"], inputs["port"]) == (3, 5061)
    assert isinstance(inputs["priority"], int) and isinstance(inputs["port"], int)


@pytest.mark.parametrize(
    ("news", "field", "expected"),
    [
        (
            {**STATIC, "credential_username": "alice"},
            "address",
            "exactly one of address (static) or credential_username (registered), not both",
        ),
        (
            {"trunk_id": "T1", "name": "x", "priority": 1},
            "address",
            "exactly one of address (static) or credential_username (registered) is required",
        ),
        ({**REGISTERED, "port": 5060}, "port", "port applies to static endpoints only"),
        ({**STATIC, "port": 0}, "port", "0 is invalid"),
        ({**STATIC, "port": 70000}, "port", "70000 is invalid"),
        ({**STATIC, "port": 5060.5}, "port", "5060.5 is invalid"),
        ({**STATIC, "priority": 0}, "priority", "0 is invalid"),
        ({**STATIC, "transport": "SCTP"}, "transport", "'SCTP' is invalid"),
        ({**STATIC, "address": "999.1.1.1"}, "address", "expected an IPv4 address"),
        ({**STATIC, "address": "pbx_1.example.com"}, "address", "or a domain name"),
        ({**STATIC, "address": "10.0.0.0/24"}, "address", "'10.0.0.0/24' is invalid"),
        ({**STATIC, "enabled": "yes"}, "enabled", "'yes' is invalid"),
        ({**STATIC, "trunk_id": " "}, "trunk_id", "' ' is invalid"),
        ({k: v for k, v in STATIC.items() if k != "priority"}, "priority", "priority is required"),
    ],
)
def test_invalid(news: dict[str, Any], field: str, expected: str) -> None:
    found = failures(**news)
    assert [path for path, _ in found] == [field], found
    assert expected in found[0][1]


def test_unknown_values_are_not_judged() -> None:
    assert failures(**{**STATIC, "trunk_id": UNKNOWN, "address": UNKNOWN}) == []
    assert failures(**{**REGISTERED, "credential_username": UNKNOWN}) == []


@pytest.mark.parametrize(
    ("change", "replaces"),
    [
        ({"name": "renamed"}, []),
        ({"priority": 5, "enabled": False, "transport": "TCP"}, []),
        ({"address": "pbx.example.com", "port": 5080}, []),
        ({"trunk_id": "T2"}, ["trunk_id"]),
    ],
)
def test_static_diff(change: dict[str, Any], replaces: list[str]) -> None:
    olds = checked(**STATIC)
    diff = PROVIDER.diff("E1", olds, checked(**{**STATIC, **change}))
    assert (diff.changes, sorted(diff.replaces or []), diff.delete_before_replace) == (True, replaces, False)


def test_switching_kind_replaces() -> None:
    static, registered = checked(**STATIC), checked(**{**REGISTERED, "name": "pbx", "priority": 1})
    for olds, news in ((static, registered), (registered, static)):
        diff = PROVIDER.diff("E1", olds, news)
        assert diff.changes and sorted(diff.replaces or []) == ["address", "credential_username"]


def test_same_inputs_no_change_and_unknown_is_a_change() -> None:
    olds = checked(**STATIC)
    assert PROVIDER.diff("E1", olds, checked(**STATIC)).changes is False
    unknown = PROVIDER.check(olds, {**STATIC, "trunk_id": UNKNOWN}).inputs
    assert PROVIDER.diff("E1", olds, unknown).replaces == ["trunk_id"]


class FakeEndpoints:
    def __init__(self) -> None:
        self.calls: list[tuple[str, ...]] = []
        self.bodies: list[dict[str, Any]] = []
        self.items: dict[str, Endpoint] = {}
        self.lose_create_response = False
        self.refuse_create = False

    def _store(self, trunk_id: str, endpoint_id: str, req: EndpointRequest) -> Endpoint:
        self.bodies.append(req.to_body())
        item = Endpoint.model_validate({**req.to_body(), "id": endpoint_id, "sipTrunkId": trunk_id})
        self.items[endpoint_id] = item
        return item

    def create(self, trunk_id: str, req: EndpointRequest) -> Endpoint:
        self.calls.append(("POST", trunk_id))
        if self.refuse_create:  # answered 500, never performed
            refused = ServerError(500, "creating endpoint", api_status="INTERNAL")
            refused.may_have_been_processed = True  # as the client marks a 500 answering a POST
            raise refused
        item = self._store(trunk_id, f"E{len(self.items) + 1}", req)
        if self.lose_create_response:
            raise TransportError("creating endpoint", "connection reset", may_have_been_processed=True)
        return item

    def list(self, trunk_id: str) -> list[Endpoint]:
        self.calls.append(("LIST", trunk_id))
        return [e for e in self.items.values() if e.sip_trunk_id == trunk_id]

    def read(self, trunk_id: str, endpoint_id: str) -> Endpoint:
        """The client's listing-backed read; a fake keeps no listing, so it reads as `get` does."""
        return self.get(trunk_id, endpoint_id)

    def get(self, trunk_id: str, endpoint_id: str) -> Endpoint:
        self.calls.append(("GET", trunk_id, endpoint_id))
        item = self.items.get(endpoint_id)
        if item is None or item.sip_trunk_id != trunk_id:
            raise NotFoundError(404, "reading endpoint")
        return item

    def replace(self, trunk_id: str, endpoint_id: str, req: EndpointRequest) -> Endpoint:
        self.calls.append(("PUT", trunk_id, endpoint_id))
        return self._store(trunk_id, endpoint_id, req)

    def delete(self, trunk_id: str, endpoint_id: str) -> None:
        self.calls.append(("DELETE", trunk_id, endpoint_id))
        if self.items.pop(endpoint_id, None) is None:
            raise NotFoundError(404, "deleting endpoint")


@pytest.fixture
def endpoints(monkeypatch: pytest.MonkeyPatch) -> FakeEndpoints:
    fake = FakeEndpoints()
    FakeClient(endpoints=fake).install(monkeypatch)
    return fake


def test_create_is_one_post_and_outputs_everything(endpoints: FakeEndpoints) -> None:
    created = PROVIDER.create(checked(**STATIC))
    assert created.id == "E1" and endpoints.calls == [("LIST", "T1"), ("POST", "T1")]
    assert endpoints.bodies == [
        {
            "name": "pbx",
            "priority": 1,
            "transport": "UDP",
            "enabled": True,
            "address": "203.0.113.10",
            "port": 5060,
        }
    ]
    assert created.outs == {**checked(**STATIC)}


def test_registered_body(endpoints: FakeEndpoints) -> None:
    created = PROVIDER.create(checked(**REGISTERED))
    assert endpoints.bodies == [
        {
            "name": "desk",
            "priority": 2,
            "transport": "UDP",
            "enabled": True,
            "isRegistered": True,
            "credentialUsername": "alice",
        }
    ]
    assert created.outs is not None and created.outs["credential_username"] == "alice"
    assert created.outs["port"] is None and created.outs["address"] is None


def test_update_puts_the_whole_object(endpoints: FakeEndpoints) -> None:
    olds = PROVIDER.create(checked(**STATIC)).outs or {}
    news = checked(**{**STATIC, "name": "renamed"})
    updated = PROVIDER.update("E1", olds, news)
    assert endpoints.calls[-1] == ("PUT", "T1", "E1")
    assert endpoints.bodies[-1] == {**endpoints.bodies[0], "name": "renamed"}
    assert updated.outs == news


def test_read_delete_and_not_found(endpoints: FakeEndpoints) -> None:
    outs = PROVIDER.create(checked(**STATIC)).outs or {}
    read = PROVIDER.read("E1", outs)
    assert (read.id, read.outs, read.inputs) == ("E1", outs, outs)
    PROVIDER.delete("E1", outs)
    PROVIDER.delete("E1", outs)  # 404 is success
    assert PROVIDER.read("E1", outs).id is None
    assert PROVIDER.read("E9", {**outs, "trunk_id": "gone"}).id is None


def test_adopt_reads_and_writes_nothing(endpoints: FakeEndpoints) -> None:
    existing = PROVIDER.create(checked(**STATIC))
    endpoints.calls.clear()
    adopted = PROVIDER.create(checked(**{**STATIC, "import_id": "E1"}))
    assert endpoints.calls == [("GET", "T1", "E1")]
    assert adopted.id == "E1" and adopted.outs == {**(existing.outs or {}), "import_id": "E1"}


def test_lost_create_response_takes_the_one_made(endpoints: FakeEndpoints) -> None:
    endpoints.lose_create_response = True
    created = PROVIDER.create(checked(**STATIC))
    assert created.id == "E1" and endpoints.calls == [("LIST", "T1"), ("POST", "T1"), ("LIST", "T1")]


def test_lost_create_response_beside_an_older_twin_takes_the_new_one(endpoints: FakeEndpoints) -> None:
    # The twin was there before the create began: it cannot be the one this create made.
    PROVIDER.create(checked(**STATIC))
    endpoints.lose_create_response = True
    assert PROVIDER.create(checked(**STATIC)).id == "E2"


def test_a_create_refused_with_500_never_takes_an_older_twin(endpoints: FakeEndpoints) -> None:
    PROVIDER.create(checked(**STATIC))
    endpoints.refuse_create = True
    with pytest.raises(ProviderError, match=r"HTTP 500.*this create made no Endpoint.*\(E1\)"):
        PROVIDER.create(checked(**STATIC))
    assert list(endpoints.items) == ["E1"]


def test_nulls_from_a_put_by_hand_show_as_drift(endpoints: FakeEndpoints) -> None:
    outs = PROVIDER.create(checked(**STATIC)).outs or {}
    endpoints.items["E1"] = endpoints.items["E1"].model_copy(update={"transport": None, "enabled": None})
    read = PROVIDER.read("E1", outs)
    assert read.inputs is not None and (read.inputs["transport"], read.inputs["enabled"]) == (None, None)
    diff = PROVIDER.diff("E1", read.outs or {}, checked(**STATIC))
    assert (diff.changes, diff.replaces) == (True, [])
