"""`TrunkProvider` without the engine: validation, the generated host name and the replace rule."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pulumi.output import Unknown
from pulumi.runtime.rpc import UNKNOWN

from pulumi_sinch_est.client import Trunk, TrunkRequest
from pulumi_sinch_est.providers import _context
from pulumi_sinch_est.providers._base import ProviderError
from pulumi_sinch_est.providers._fields import HostName
from pulumi_sinch_est.providers.trunk import HOST_NAME_SEED, TrunkProvider, generate_host_name

PROVIDER = TrunkProvider()


def check(olds: dict[str, Any] | None = None, **news: Any) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    result = PROVIDER.check(olds or {}, {"name": "Acme", "host_name": "acme", **news})
    return dict(result.inputs), [(f.property, f.reason) for f in result.failures]


def test_defaults_are_filled() -> None:
    inputs, failures = check()
    assert failures == []
    assert inputs == {
        "name": "Acme",
        "host_name": "acme",
        "enable_caller_name": False,
        "enable_call_forward": False,
        "call_forward_number": None,
        "import_id": None,
    }


@pytest.mark.parametrize(
    ("news", "path", "expected"),
    [
        ({"host_name": "acme_1"}, "host_name", "host_name = 'acme_1' is invalid: expected 1 to 63 letters"),
        ({"host_name": "acme-"}, "host_name", "may not start or end with '-'"),
        ({"host_name": 7}, "host_name", "host_name = 7 is invalid"),
        ({"enable_call_forward": True}, "call_forward_number", "required when enable_call_forward is true"),
        ({"call_forward_number": "+0123"}, "call_forward_number", "'+0123' is invalid: expected an E.164"),
        ({"enable_caller_name": "yes"}, "enable_caller_name", "'yes' is invalid"),
        ({"hostname": "typo"}, "hostname", "not an input of this resource"),
    ],
)
def test_invalid(news: dict[str, Any], path: str, expected: str) -> None:
    _, failures = check(**news)
    assert [p for p, _ in failures] == [path]
    assert expected in failures[0][1]


@pytest.mark.parametrize("unknown", [UNKNOWN, Unknown()], ids=["sentinel", "Unknown"])
def test_unknown_values_pass_check_and_count_as_changes(unknown: Any) -> None:
    inputs, failures = check(call_forward_number=unknown, enable_call_forward=True)
    assert failures == []
    diff = PROVIDER.diff("T1", {**inputs, "call_forward_number": "+15551234567"}, inputs)
    assert diff.changes is True and diff.replaces == []


def test_generated_host_name_is_kept_from_the_previous_inputs() -> None:
    news = {"name": "Acme", HOST_NAME_SEED: "prod-main"}
    first = PROVIDER.check({}, dict(news)).inputs["host_name"]
    assert first.startswith("prod-main-") and HOST_NAME_SEED not in PROVIDER.check({}, dict(news)).inputs
    assert PROVIDER.check({"host_name": first}, dict(news)).inputs["host_name"] == first


def test_host_name_change_replaces_and_others_update() -> None:
    olds, _ = check()
    assert PROVIDER.diff("T1", olds, check(host_name="acme-2")[0]).replaces == ["host_name"]
    renamed = PROVIDER.diff("T1", olds, check(name="Other")[0])
    assert renamed.changes is True and renamed.replaces == []
    assert PROVIDER.diff("T1", olds, check()[0]).changes is False


@given(st.text(max_size=200))
def test_generated_host_names_are_always_valid(seed: str) -> None:
    from pydantic import TypeAdapter

    name = generate_host_name(seed)
    assert TypeAdapter(HostName).validate_python(name) == name


class FakeTrunks:
    """The trunk API over a dict; its create answers 2xx with a body that has no id."""

    def __init__(self, *, performs: bool) -> None:
        self.items: dict[str, Trunk] = {}
        self.performs = performs

    def create(self, req: TrunkRequest) -> Trunk:
        made = Trunk.model_validate({**req.to_body(), "id": f"T{len(self.items) + 1}"})
        if self.performs:
            self.items[str(made.id)] = made
        return made.model_copy(update={"id": None})

    def list(self) -> list[Trunk]:
        return list(self.items.values())

    def find_by_host_name(self, host_name: str) -> Trunk | None:
        return next((t for t in self.items.values() if str(t.host_name).lower() == host_name.lower()), None)


class FakeClient:
    def __init__(self, trunks: FakeTrunks) -> None:
        self.trunks = trunks


@pytest.mark.parametrize("performs", [True, False], ids=["made", "not-made"])
def test_a_created_trunk_without_an_id_is_looked_up_never_stored_as_none(
    monkeypatch: pytest.MonkeyPatch, performs: bool
) -> None:
    trunks = FakeTrunks(performs=performs)
    monkeypatch.setattr(_context, "client", lambda: FakeClient(trunks))
    inputs, _ = check()
    if performs:
        assert PROVIDER.create(inputs).id == "T1"
    else:
        with pytest.raises(ProviderError, match="creating Trunk 'acme' failed: .*the created object has no id"):
            PROVIDER.create(inputs)
