"""Validated input types shared by the providers' `check`.

Each type rejects what the EST API would reject (or silently mis-handle), with a message that says what
is expected, so a bad value fails `pulumi preview` instead of a half-finished `up`. The rules come from
est-api.md §6 and §8; where it marks a rule INFERRED the stricter reading is taken, because a value
this accepts and the API then refuses would fail mid-`up`.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field, StrictBool, StrictInt

_HOST_NAME = re.compile(r"^[A-Za-z0-9-]{1,63}$")
_E164 = re.compile(r"^\+[1-9][0-9]{1,14}$")


def _host_name(value: str) -> str:
    if not _HOST_NAME.fullmatch(value):
        raise ValueError("expected 1 to 63 letters, digits or '-' (it becomes <host_name>.pstn.sinch.com)")
    if value.startswith("-") or value.endswith("-"):
        raise ValueError("expected a DNS label: it may not start or end with '-'")
    return value


def _e164(value: str) -> str:
    if not _E164.fullmatch(value):
        raise ValueError("expected an E.164 number: '+', country code and number, 2 to 15 digits (+15551234567)")
    return value


def _cidr(value: str) -> str:
    text = value.strip()
    if "/" not in text:
        raise ValueError("expected IPv4 CIDR notation: /32 for one address (203.0.113.10/32), /24 for 256")
    try:
        network = ipaddress.IPv4Network(text, strict=False)
    except ValueError:
        raise ValueError("expected an IPv4 network in CIDR notation, such as 203.0.113.0/24") from None
    if network.prefixlen < 1:
        raise ValueError("expected a prefix length from 1 to 32")
    if str(network) != text:
        raise ValueError(f"host bits are set: did you mean {network}?")
    return text


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("expected a non-empty string")
    return value


_OBJECT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}")
"""Sinch ids are 26-character ULIDs (est-api.md: `01HA2E80QCBX185VVP21PJG9CT`), the emulator makes the same,
and Sinch's mock server longer look-alikes (`01W4FFL35P4NC4K35CREDENTIAL1`); project ids are UUIDs. Ids are
opaque, so the rule is the characters those use, not the ULID shape: no '/', '.', '%' or space, so an id can
never become `..` or another path once it is put into a URL (httpx would resolve `/trunks/../x`)."""


def _object_id(value: str) -> str:
    if not _OBJECT_ID.fullmatch(value):
        raise ValueError(
            "expected a Sinch object id: 1 to 128 letters, digits, '-' or '_' starting with a letter or digit "
            "(such as 01HA2E80QCBX185VVP21PJG9CT); '/', '.' and spaces never occur in one"
        )
    return value


def _password(value: str) -> str:
    if len(value) < 12 or not (
        any(c.isupper() for c in value) and any(c.islower() for c in value) and any(c.isdigit() for c in value)
    ):
        raise ValueError("expected at least 12 characters with an upper-case letter, a lower-case letter and a digit")
    return value


def _upper(value: object) -> object:
    """Transport names are case-insensitive to users but sent upper-case."""
    return value.upper() if isinstance(value, str) else value


_DNS_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
_SIP_ADDRESS = "expected an IPv4 address (203.0.113.10) or a domain name (pbx.example.com)"


def _sip_address(value: str) -> str:
    """A static endpoint's address: an IPv4 literal or a DNS name (est-api.md §6.2)."""
    labels = value.removesuffix(".").split(".")
    if all(label.isdigit() for label in labels):
        try:
            ipaddress.IPv4Address(value)
        except ValueError:
            raise ValueError(_SIP_ADDRESS) from None
        return value
    if len(value) > 253 or not all(_DNS_LABEL.fullmatch(label) for label in labels) or labels[-1].isdigit():
        raise ValueError(_SIP_ADDRESS)
    return value


def _whole_number(value: object) -> object:
    """The engine hands numbers to providers as floats (protobuf has one number type): 5060.0 is 5060."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


HostName = Annotated[str, Field(strict=True), AfterValidator(_host_name)]
E164 = Annotated[str, Field(strict=True), AfterValidator(_e164)]
Cidr = Annotated[str, Field(strict=True), AfterValidator(_cidr)]
Name = Annotated[str, Field(strict=True, max_length=255), AfterValidator(_not_blank)]
Password = Annotated[str, Field(strict=True, max_length=255), AfterValidator(_password)]
Username = Annotated[str, Field(strict=True, max_length=128), AfterValidator(_not_blank)]
ObjectId = Annotated[str, Field(strict=True), AfterValidator(_object_id)]
"""The id of an existing Sinch object (a trunk, a list), usually another resource's `id` output, or an
`import_id`. It goes into URL paths, so only the characters ids are made of pass (see `_OBJECT_ID`)."""
SipAddress = Annotated[str, Field(strict=True), AfterValidator(_sip_address)]
WholeNumber = BeforeValidator(_whole_number)
"""Put in front of an integer type for values that come from the engine; Port and Priority carry it."""
Port = Annotated[StrictInt, WholeNumber, Field(ge=1, le=65535)]
Priority = Annotated[StrictInt, WholeNumber, Field(ge=1, le=1_000_000)]
Transport = Annotated[Literal["UDP", "TCP", "TLS"], BeforeValidator(_upper)]
Flag = StrictBool


_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
_NUMBER_PREFIX = re.compile(r"^\+?[0-9]{1,15}$")


def _country_code(value: str) -> str:
    if not _COUNTRY_CODE.fullmatch(value):
        raise ValueError("expected an ISO 3166-1 alpha-2 country code: two letters, such as US or SE")
    return value


def _number_prefix(value: str) -> str:
    if not _NUMBER_PREFIX.fullmatch(value):
        raise ValueError("expected the leading digits of a phone number, '+' optional: 1 to 15 digits (+4670)")
    return value


def _country_or_wildcard(value: str) -> str:
    if value == "*":
        return value
    try:
        return _country_code(value)
    except ValueError:
        raise ValueError("expected an ISO 3166-1 alpha-2 country code (two letters, such as SE) or '*'") from None


CountryCode = Annotated[str, BeforeValidator(_upper), Field(strict=True), AfterValidator(_country_code)]
"""ISO 3166-1 alpha-2, case-insensitive to users, sent upper-case."""
PermissionCode = Annotated[str, BeforeValidator(_upper), Field(strict=True), AfterValidator(_country_or_wildcard)]
"""A country permission's `isoCode`: a country code, or `*`, the international wildcard est-api.md §6.6 names."""
NumberPrefix = Annotated[str, Field(strict=True), AfterValidator(_number_prefix)]
"""The start of a phone number a call blocking rule matches (est-api.md §6.7 `callerMatch`/`calleeMatch`)."""
Direction = Annotated[Literal["INBOUND", "OUTBOUND"], BeforeValidator(_upper)]
"""A call direction, case-insensitive to users; the API takes it upper-case and answers lower-case."""


def each_once(keys: Sequence[str], field: str, shown: Callable[[str], str] = str, expected: str = "") -> None:
    """Raise at the first key seen before, naming both positions so the user finds the pair
    (`ip_ranges[2] repeats 10.0.0.0/24 from ip_ranges[0]`): the rule of every list the API keys by one
    field (ranges by CIDR, credentials by username, numbers). `expected` ends the message."""
    first: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key in first:
            raise ValueError(f"{field}[{index}] repeats {shown(key)} from {field}[{first[key]}]{expected}")
        first[key] = index


def known_keys(value: object, model: type[BaseModel], shape: str) -> object:
    """A list item must be a mapping of `model`'s keys. Checked before the model validates it, so the
    error names the item (`credentials[1]`) and says the shape expected, instead of a pydantic message."""
    if not isinstance(value, Mapping):
        raise ValueError(shape)
    unknown = sorted(str(key) for key in value if key not in model.model_fields)
    if unknown:
        raise ValueError(f"unknown key {', '.join(map(repr, unknown))}: {shape}")
    return value
