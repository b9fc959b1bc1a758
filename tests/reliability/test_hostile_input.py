"""Bad values for every validated input fail `check` (so `preview`) with one clear failure naming the field
and the value, never with an exception; through the real engine they fail preview with zero API writes
and an error whose first line is the message, not a traceback.

The breadth is in the `check` tests (hypothesis, hundreds of values, no engine); the engine test draws a
handful of the same values to prove the message reaches the user intact.
"""

from __future__ import annotations

import copy
import re
import string
from typing import Any, TypeGuard

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pulumi import automation as auto
from pulumi.dynamic import ResourceProvider

from pulumi_sinch_est import Acl, CredentialList, Endpoint, PhoneNumberAssignment, Trunk
from pulumi_sinch_est.providers._base import shown_value
from pulumi_sinch_est.providers.acl import AclProvider
from pulumi_sinch_est.providers.acl_attachment import AclAttachmentProvider
from pulumi_sinch_est.providers.call_blocking_rule import CallBlockingRuleProvider
from pulumi_sinch_est.providers.country_permission import CountryPermissionProvider
from pulumi_sinch_est.providers.credential_list import CredentialListProvider
from pulumi_sinch_est.providers.credential_list_attachment import CredentialListAttachmentProvider
from pulumi_sinch_est.providers.endpoint import EndpointProvider
from pulumi_sinch_est.providers.phone_number_assignment import PhoneNumberAssignmentProvider
from pulumi_sinch_est.providers.phone_number_assignments import PhoneNumberAssignmentsProvider
from pulumi_sinch_est.providers.trunk import TrunkProvider

from .conftest import PASSWORD, Chaos

Path = tuple[str | int, ...]

# Values of the wrong type for any field, and strings nothing accepts.
wrong_type = st.one_of(
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True).filter(lambda f: not f.is_integer()),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
not_a_string = st.one_of(wrong_type, st.integers())
blank = st.text(alphabet=" \t\n\u00a0\u2003", min_size=1, max_size=20)
long_text = st.text(alphabet=string.ascii_letters, min_size=256, max_size=5000)
unicode_junk = st.text(
    alphabet=st.characters(categories=("Lo", "Nd", "So", "Zs", "Cc"), exclude_characters=string.printable),
    min_size=1,
    max_size=40,
)

host_names = st.one_of(
    not_a_string,
    st.just(""),
    st.text(alphabet=string.ascii_lowercase, min_size=64, max_size=3000),
    st.from_regex(r"-[a-z0-9]{0,10}|[a-z0-9]{0,10}-", fullmatch=True),
    st.text(min_size=1, max_size=30).filter(lambda s: re.search(r"[^A-Za-z0-9-]", s) is not None),
)
e164 = st.one_of(
    not_a_string,
    st.from_regex(r"[0-9]{2,15}", fullmatch=True),
    st.from_regex(r"\+0[0-9]{1,14}|\+[1-9][0-9]{15,30}|\+[1-9]", fullmatch=True),
    unicode_junk.map(lambda s: "+1" + s),
    long_text,
)
cidrs = st.one_of(
    not_a_string,
    st.none(),
    st.from_regex(r"(25[6-9]|2[6-9][0-9]|[3-9][0-9]{2})(\.[0-9]{1,3}){3}/[0-9]{1,2}", fullmatch=True),
    st.from_regex(r"10\.0\.0\.0/(0|3[3-9]|[4-9][0-9]|[0-9]{3,5})", fullmatch=True),
    st.from_regex(r"10\.0\.0\.[13579]/(2[4-9]|3[01])", fullmatch=True),  # host bits set
    st.from_regex(r"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}", fullmatch=True),  # no prefix
    st.just("2001:db8::/32"),
    unicode_junk,
    long_text,
)
names = st.one_of(not_a_string, blank, st.text(min_size=256, max_size=3000).filter(lambda s: s.strip()))
passwords = st.one_of(
    not_a_string,
    st.text(max_size=11),
    st.text(alphabet=string.ascii_lowercase + string.digits, min_size=12, max_size=40),
    st.text(alphabet=string.ascii_uppercase + string.ascii_lowercase, min_size=12, max_size=40),
    st.text(min_size=256, max_size=2000).map(lambda s: "Aa1" + s),
)
ports = st.one_of(
    wrong_type, st.text(max_size=6), st.integers(max_value=0), st.integers(min_value=65536), st.just(5060.5)
)
priorities = st.one_of(wrong_type, st.text(max_size=6), st.integers(max_value=0), st.integers(min_value=1_000_001))
addresses = st.one_of(
    not_a_string,
    st.just(""),
    st.from_regex(r"(25[6-9]|[3-9][0-9]{2})\.1\.1\.1|1\.1\.1|1\.1\.1\.1\.1", fullmatch=True),
    st.from_regex(r"-[a-z]{1,8}\.example\.com|[a-z]{1,8}_[a-z]{1,8}\.com|[a-z]{64,80}\.com", fullmatch=True),
    unicode_junk.filter(lambda s: not s.isdigit()),
)
transports = st.one_of(not_a_string, st.text(max_size=10).filter(lambda s: s.upper() not in ("UDP", "TCP", "TLS")))
timeouts = st.one_of(wrong_type, st.text(max_size=6), st.integers(max_value=0), st.integers(min_value=3601))
object_ids = st.one_of(not_a_string, blank, st.text(alphabet=string.ascii_uppercase, min_size=129, max_size=2000))
countries = st.one_of(
    not_a_string,
    st.just(""),
    st.from_regex(r"[A-Za-z]|[A-Za-z]{3,8}|[0-9]{2}|[A-Za-z][0-9 -]", fullmatch=True),
    unicode_junk,
    long_text,
)
prefixes = st.one_of(
    not_a_string,
    st.just(""),
    st.just("+"),
    st.from_regex(r"\+?[0-9]{16,40}", fullmatch=True),
    st.from_regex(r"\+?[0-9]{0,5}[A-Za-z #*-][0-9]{0,5}", fullmatch=True),
    unicode_junk,
)
directions = st.one_of(
    not_a_string, st.text(max_size=12).filter(lambda s: s.strip().upper() not in ("INBOUND", "OUTBOUND"))
)
concurrencies = st.one_of(wrong_type, st.text(max_size=6), st.integers(max_value=0), st.integers(min_value=17))
flags = st.one_of(st.integers(), st.text(max_size=5), st.floats(), st.lists(st.booleans(), max_size=2))

TRUNK = {"name": "Acme", "host_name": "acme"}
ACL = {"name": "office", "ip_ranges": ["203.0.113.0/24"]}
CREDS = {"name": "users", "credentials": [{"username": "pbx", "password": PASSWORD}]}
STATIC = {"trunk_id": "T1", "name": "pbx", "priority": 1, "address": "203.0.113.10"}
REGISTERED = {"trunk_id": "T1", "name": "phone", "priority": 1, "credential_username": "pbx"}
NUMBER = {"phone_number": "+15551234567", "trunk_id": "T1"}
ACL_LINK = {"trunk_id": "T1", "acl_id": "A1"}
CREDS_LINK = {"trunk_id": "T1", "credential_list_id": "C1"}
NUMBERS = {"trunk_id": "T1", "phone_numbers": ["+15551234567", "+15551234568"]}
COUNTRY = {"iso_code": "SE", "enabled": True}
INBOUND_RULE = {"name": "premium", "direction": "INBOUND", "caller_match": "+1900"}
OUTBOUND_RULE = {"name": "premium", "direction": "OUTBOUND", "callee_match": "+1900"}

FIELDS: list[tuple[type[ResourceProvider], dict[str, Any], Path, st.SearchStrategy[Any]]] = [
    (TrunkProvider, TRUNK, ("name",), names),
    (TrunkProvider, TRUNK, ("host_name",), host_names),
    (TrunkProvider, TRUNK, ("enable_caller_name",), flags),
    (
        TrunkProvider,
        {**TRUNK, "enable_call_forward": True, "call_forward_number": "+15551234567"},
        ("call_forward_number",),
        e164,
    ),
    (AclProvider, ACL, ("name",), names),
    (AclProvider, ACL, ("enabled",), flags),
    (AclProvider, ACL, ("ip_ranges", 0), cidrs),
    (AclProvider, {**ACL, "ip_ranges": [{"cidr": "203.0.113.0/24"}]}, ("ip_ranges", 0, "cidr"), cidrs),
    (AclProvider, {**ACL, "ip_ranges": [{"cidr": "203.0.113.0/24"}]}, ("ip_ranges", 0, "description"), not_a_string),
    (CredentialListProvider, CREDS, ("name",), names),
    (CredentialListProvider, CREDS, ("credentials", 0, "username"), names),
    (CredentialListProvider, CREDS, ("credentials", 0, "password"), passwords),
    (EndpointProvider, STATIC, ("trunk_id",), object_ids),
    (EndpointProvider, STATIC, ("name",), names),
    (EndpointProvider, STATIC, ("priority",), priorities),
    (EndpointProvider, STATIC, ("port",), ports),
    (EndpointProvider, STATIC, ("address",), addresses),
    (EndpointProvider, STATIC, ("transport",), transports),
    (EndpointProvider, REGISTERED, ("credential_username",), names),
    (PhoneNumberAssignmentProvider, NUMBER, ("phone_number",), e164),
    (PhoneNumberAssignmentProvider, NUMBER, ("trunk_id",), object_ids),
    (PhoneNumberAssignmentProvider, NUMBER, ("provisioning_timeout_seconds",), timeouts),
    (AclAttachmentProvider, ACL_LINK, ("trunk_id",), object_ids),
    (AclAttachmentProvider, ACL_LINK, ("acl_id",), object_ids),
    (CredentialListAttachmentProvider, CREDS_LINK, ("credential_list_id",), object_ids),
    (PhoneNumberAssignmentsProvider, NUMBERS, ("trunk_id",), object_ids),
    (PhoneNumberAssignmentsProvider, NUMBERS, ("phone_numbers", 0), e164),
    (PhoneNumberAssignmentsProvider, NUMBERS, ("provisioning_timeout_seconds",), timeouts),
    (PhoneNumberAssignmentsProvider, NUMBERS, ("concurrency",), concurrencies),
    (CountryPermissionProvider, COUNTRY, ("iso_code",), countries.filter(lambda v: v != "*")),
    (CountryPermissionProvider, COUNTRY, ("enabled",), flags),
    (CallBlockingRuleProvider, INBOUND_RULE, ("name",), names),
    (CallBlockingRuleProvider, INBOUND_RULE, ("direction",), directions),
    (CallBlockingRuleProvider, INBOUND_RULE, ("caller_country",), countries),
    (CallBlockingRuleProvider, INBOUND_RULE, ("caller_match",), prefixes),
    (CallBlockingRuleProvider, OUTBOUND_RULE, ("callee_country",), countries),
    (CallBlockingRuleProvider, OUTBOUND_RULE, ("callee_match",), prefixes),
]
MAX_MESSAGE = 400
"""A failure is one readable line: long values are shortened, never pasted whole."""


def _path_text(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _with(base: dict[str, Any], path: Path, value: Any) -> dict[str, Any]:
    inputs = copy.deepcopy(base)
    target: Any = inputs
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return inputs


def _hidden(path: Path, value: Any) -> bool:
    """Whether a failure must hide the value: a password, or anything in `credentials` that is not a
    username string (a misplaced password, a whole credential)."""
    return "password" in path or (path[0] == "credentials" and not (path[-1] == "username" and isinstance(value, str)))


def _shown(value: Any) -> str:
    """What of the value a failure must show: its start, as `repr` writes it (a whole float as the integer
    the user wrote: the engine turns every number into a float)."""
    return repr(int(value) if isinstance(value, float) and value.is_integer() else value)[:40]


@pytest.mark.parametrize(
    ("provider", "base", "path", "values"),
    FIELDS,
    ids=[f"{p.__name__.removesuffix('Provider')}.{_path_text(path)}" for p, _, path, _ in FIELDS],
)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_check_rejects_bad_values(
    provider: type[ResourceProvider], base: dict[str, Any], path: Path, values: st.SearchStrategy[Any], data: Any
) -> None:
    assert provider().check({}, base).failures == [], "the base inputs must be valid"
    value = data.draw(values, label=_path_text(path))
    result = provider().check({}, _with(base, path, value))

    assert result.failures, f"{_path_text(path)} = {value!r} was accepted"
    field = _path_text(path[:1])
    about = [f for f in result.failures if f.property.startswith(field)]
    assert about, [f.reason for f in result.failures]
    for failure in about:
        assert failure.property in failure.reason
        assert len(failure.reason) <= MAX_MESSAGE, failure.reason
        assert "\n" not in failure.reason
        if _hidden(path, value):
            assert "hidden" in failure.reason
            assert not (isinstance(value, str) and len(value) >= 4 and value in failure.reason)
    if not _hidden(path, value) and "required" not in about[0].reason:
        assert any(_shown(value) in f.reason for f in about), (value, [f.reason for f in about])


REQUIRED = [
    (TrunkProvider, TRUNK, ["name", "host_name"]),
    (AclProvider, ACL, ["name", "ip_ranges"]),
    (CredentialListProvider, CREDS, ["name"]),
    (EndpointProvider, STATIC, ["trunk_id", "name", "priority"]),
    (PhoneNumberAssignmentProvider, NUMBER, ["phone_number", "trunk_id"]),
    (AclAttachmentProvider, ACL_LINK, ["trunk_id", "acl_id"]),
    (CredentialListAttachmentProvider, CREDS_LINK, ["trunk_id", "credential_list_id"]),
    (PhoneNumberAssignmentsProvider, NUMBERS, ["trunk_id", "phone_numbers"]),
    (CountryPermissionProvider, COUNTRY, ["iso_code"]),
    (CallBlockingRuleProvider, INBOUND_RULE, ["name", "direction"]),
]


@pytest.mark.parametrize(("provider", "base", "fields"), REQUIRED, ids=[p.__name__ for p, _, _ in REQUIRED])
def test_check_null_required_field_is_required(
    provider: type[ResourceProvider], base: dict[str, Any], fields: list[str]
) -> None:
    for field in fields:
        failures = provider().check({}, {**base, field: None}).failures
        assert [(f.property, f.reason) for f in failures] == [(field, f"{field} is required")]


ENGINE_SAMPLE = settings(
    max_examples=1, deadline=None, database=None, phases=[Phase.generate], suppress_health_check=list(HealthCheck)
)
"""One value per resource kind, not shrunk (each example is a real preview)."""


def _printable(value: object) -> TypeGuard[str]:
    """The engine prints the raw value before the provider's message: a line break in it would split that
    line, which is the engine's display and not what is tested here (the `check` tests cover such values)."""
    return isinstance(value, str) and value.isprintable()


# Strings (and, for the port, integers): what a program most often passes; other types stop in the SDK.
ENGINE_CASES: dict[str, tuple[str, st.SearchStrategy[Any]]] = {
    "Trunk": ("host_name", host_names.filter(_printable)),
    "Acl": ("ip_ranges[0]", cidrs.filter(_printable)),
    "Endpoint": ("port", st.one_of(st.integers(max_value=0), st.integers(min_value=65536, max_value=2**40))),
    "PhoneNumberAssignment": ("phone_number", e164.filter(_printable)),
    "CredentialList": ("credentials[0].password", passwords.filter(_printable).filter(lambda v: len(v) >= 4)),
}


def _bad_program(kind: str, value: Any) -> Any:
    def program() -> None:
        if kind == "Trunk":
            Trunk("main", host_name=value)
        elif kind == "Acl":
            Acl("main", ip_ranges=[value])
        elif kind == "Endpoint":
            Endpoint("main", trunk_id="T1", name="pbx", address="203.0.113.10", port=value, priority=1)
        elif kind == "PhoneNumberAssignment":
            PhoneNumberAssignment("main", phone_number=value, trunk_id="T1")
        else:
            CredentialList("main", credentials=[{"username": "pbx", "password": value}])

    return program


@pytest.mark.engine
@pytest.mark.parametrize("kind", ENGINE_CASES)
@settings(ENGINE_SAMPLE)
@given(data=st.data())
def test_preview_rejects_bad_values_with_a_clear_first_line(sinch: Chaos, kind: str, data: Any) -> None:
    field, values = ENGINE_CASES[kind]
    value = data.draw(values, label=field)
    stack = sinch.stack(_bad_program(kind, value))
    sinch.clear_requests()
    with pytest.raises(auto.errors.CommandError) as failure:
        stack.preview()
    lines = str(failure.value).split("\n")  # not splitlines(): a drawn value may hold \x1e, a line break to it
    heading = lines.index(f"  pulumi-python:dynamic/sinch-est:{kind} (main):")
    first = lines[heading + 1].strip()
    assert first.startswith("error: ") and "Traceback" not in first, first
    assert "resource 'main'" in first and f"{field} = " in first
    if kind == "CredentialList":
        assert value not in str(failure.value) and "hidden" in first
    else:
        assert shown_value(value)[:40] in first
    assert sinch.writes() == []
