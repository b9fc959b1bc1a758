"""The answers `SipTrunking` takes, checked together before anything is declared.

Sinch's guide asks three questions before a trunk is built: the direction of the calls, how Sinch admits
the PBX's outbound calls (authentication, asked only when calls go out), and what kind of endpoint
receives the inbound calls (asked only when calls come in). Their answers pick one of its workflows:

    outbound + acl                    -> A: trunk, ACL and its link
    inbound  + static                 -> B: trunk, numbers, static endpoints
    both     + acl|credentials + ...  -> C: A or E for outbound, B or D for inbound, on one trunk
    inbound  + registered             -> D: trunk, credential list and its link, numbers, registered endpoints
    outbound + credentials            -> E: trunk, credential list and its link

Each remaining argument belongs to some answers only: ACL ranges to `acl`, credentials to `credentials`
or `registered` (a registered endpoint registers with a username of the trunk's linked list), endpoints
and numbers to inbound calls. An argument missing where its answer needs it is incomplete; one given
where no answer uses it is contradictory (it would be ignored, or build something nobody asked for).
Both fail the program before any resource is registered, so `pulumi preview` stops with no API call,
listing every problem at once.

Only what decides which resources exist is judged here. The values themselves (a CIDR, an address, a
password) are judged by each resource's own `check` in the same preview, naming the child resource.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

import pulumi

from ..errors import SinchEstError

Direction = Literal["inbound", "outbound", "both"]
"""Which calls the trunk carries: from the PSTN to your PBX, from your PBX to the PSTN, or both."""
Authentication = Literal["acl", "credentials"]
"""How Sinch admits outbound calls: from fixed source addresses (`acl`) or by SIP digest (`credentials`)."""
EndpointType = Literal["static", "registered"]
"""Where inbound calls go: a PBX at a fixed address (`static`) or a SIP client that registers (`registered`)."""

ARGUMENTS = (
    "direction",
    "authentication",
    "endpoint_type",
    "trunk_name",
    "host_name",
    "acl_cidrs",
    "credentials",
    "endpoints",
    "phone_numbers",
)
ENDPOINT_KEYS = ("name", "priority", "enabled", "transport", "address", "port", "credential_username")
MISSING = "(missing)"
HIDDEN = "(hidden: it may hold a password)"


class SipTrunkingError(pulumi.RunError, ValueError, SinchEstError):
    """Raised by `SipTrunking` for answers that contradict each other or leave something out.

    A `pulumi.RunError`, so `pulumi preview` prints the message alone, one line per problem, without a
    traceback. `problems` holds the same lines.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class PlannedEndpoint:
    """One endpoint to declare: `key` names the child resource, `args` are `Endpoint` arguments."""

    key: str
    args: dict[str, Any]


@dataclass(frozen=True)
class Plan:
    """What the answers ask for. Empty collections mean "not built"."""

    direction: Direction
    authentication: Authentication | None
    endpoint_type: EndpointType | None
    acl_cidrs: list[Any] = field(default_factory=list)
    credentials: list[Mapping[str, Any]] = field(default_factory=list, repr=False)  # passwords
    endpoints: list[PlannedEndpoint] = field(default_factory=list)
    phone_numbers: list[str] = field(default_factory=list)

    @property
    def workflow(self) -> str:
        """The letter of Sinch's workflow these answers pick (C for every `both`)."""
        if self.direction == "both":
            return "C"
        if self.direction == "outbound":
            return "A" if self.authentication == "acl" else "E"
        return "B" if self.endpoint_type == "static" else "D"


def _one_of(values: tuple[str, ...]) -> str:
    return ", ".join(repr(v) for v in values)


class _Problems:
    """Collects one line per problem, each naming the component, the argument, the value and what is
    expected, so the user fixes everything in one go."""

    def __init__(self, component: str) -> None:
        self.component = component
        self.lines: list[str] = []

    def add(self, argument: str, shown: str, reason: str, expected: str) -> None:
        self.lines.append(f"SipTrunking {self.component!r}: {argument} = {shown} {reason}; expected {expected}")


def _shown(value: Any) -> str:
    if value is None:
        return MISSING
    if isinstance(value, pulumi.Output):
        return "(an Output)"
    return repr(value)


def _answer(
    problems: _Problems, raw: Mapping[str, Any], argument: str, allowed: tuple[str, ...], needed: bool, context: str
) -> Any:
    """One of the three answers: required where `context` asks the question, left out where it does not."""
    value = raw.get(argument)
    if value is not None and (not isinstance(value, str) or value not in allowed):
        problems.add(argument, _shown(value), "is not an answer", f"one of {_one_of(allowed)} (a plain string)")
        return None
    if needed and value is None:
        problems.add(argument, MISSING, f"is required for {context}", f"one of {_one_of(allowed)}")
    elif not needed and value is not None:
        problems.add(argument, _shown(value), f"does not apply to {context}", "it left out")
        return None
    return value


def _plain_list(problems: _Problems, raw: Mapping[str, Any], argument: str) -> list[Any]:
    """A list argument; it must be a real list, because its length decides how many resources exist."""
    value = raw.get(argument)
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, Sequence):
        shown = HIDDEN if argument == "credentials" else _shown(value)
        problems.add(argument, shown, "is not a list", "a list written in the program (not an Output)")
        return []
    return list(value)


def _presence(problems: _Problems, argument: str, items: list[Any], needed: bool, why: str, expected: str) -> None:
    if needed and not items:
        problems.add(argument, MISSING, f"is required {why}", expected)
    elif not needed and items:
        shown = HIDDEN if argument == "credentials" else _shown(items)
        problems.add(argument, shown, f"does not apply {why}", "it left out")


def _usernames(credentials: list[Any]) -> set[str] | None:
    """The credentials' usernames; None when there are none (a problem of its own) or one is not a plain
    string (an Output: not comparable before it resolves; the API then judges the endpoint)."""
    names = [c.get("username") if isinstance(c, Mapping) else None for c in credentials]
    if not names or not all(isinstance(n, str) for n in names):
        return None
    return {str(n) for n in names}


def _credentials(problems: _Problems, credentials: list[Any]) -> None:
    for index, item in enumerate(credentials):
        if not isinstance(item, Mapping) or set(item) != {"username", "password"}:
            problems.add(
                f"credentials[{index}]", HIDDEN, "is not a credential", "a mapping {'username': ..., 'password': ...}"
            )


def _endpoint(
    problems: _Problems, index: int, item: Any, endpoint_type: EndpointType, usernames: set[str] | None
) -> PlannedEndpoint | None:
    at = f"endpoints[{index}]"
    if not isinstance(item, Mapping):
        problems.add(at, _shown(item), "is not an endpoint", f"a mapping with keys from {', '.join(ENDPOINT_KEYS)}")
        return None
    unknown = sorted(str(k) for k in item if k not in ENDPOINT_KEYS)
    if unknown:
        problems.add(
            f"{at}.{unknown[0]}",
            _shown(item[unknown[0]]),
            "is not an endpoint argument",
            f"keys from {', '.join(ENDPOINT_KEYS)}",
        )
    name = item.get("name", f"endpoint-{index + 1}")
    if not isinstance(name, str) or not name.strip():
        problems.add(f"{at}.name", _shown(name), "is not a name", "a non-empty plain string (it names the resource)")
    if endpoint_type == "static":
        if item.get("address") is None:
            problems.add(
                f"{at}.address",
                MISSING,
                "is required for endpoint_type 'static'",
                "the PBX's IPv4 address or domain name",
            )
        if item.get("credential_username") is not None:
            problems.add(
                f"{at}.credential_username",
                _shown(item["credential_username"]),
                "does not apply to endpoint_type 'static'",
                "it left out, or endpoint_type 'registered'",
            )
    else:
        username = item.get("credential_username")
        if username is None:
            problems.add(
                f"{at}.credential_username",
                MISSING,
                "is required for endpoint_type 'registered'",
                "one of the usernames in credentials",
            )
        elif isinstance(username, str) and usernames is not None and username not in usernames:
            problems.add(
                f"{at}.credential_username",
                repr(username),
                "is not in credentials (registering only works with a username of the trunk's list)",
                f"one of {sorted(usernames)}",
            )
        for static_only in ("address", "port"):
            if item.get(static_only) is not None:
                problems.add(
                    f"{at}.{static_only}",
                    _shown(item[static_only]),
                    "does not apply to endpoint_type 'registered' (the client registers from anywhere)",
                    "it left out, or endpoint_type 'static'",
                )
    args = {k: v for k, v in item.items() if k in ENDPOINT_KEYS and v is not None}
    args["name"] = name
    args.setdefault("priority", index + 1)
    return PlannedEndpoint(key=str(name), args=args)


def _endpoints(
    problems: _Problems, items: list[Any], endpoint_type: EndpointType | None, usernames: set[str] | None
) -> list[PlannedEndpoint]:
    if endpoint_type is None:
        return []
    planned: list[PlannedEndpoint] = []
    for index, item in enumerate(items):
        endpoint = _endpoint(problems, index, item, endpoint_type, usernames)
        if endpoint is None:
            continue
        if any(endpoint.key == earlier.key for earlier in planned):
            problems.add(
                f"endpoints[{index}].name",
                repr(endpoint.key),
                "repeats an earlier endpoint's name",
                "each endpoint named once",
            )
        planned.append(endpoint)
    return planned


def _numbers(problems: _Problems, items: list[Any]) -> list[str]:
    seen: set[str] = set()
    for index, number in enumerate(items):
        if not isinstance(number, str):
            problems.add(
                f"phone_numbers[{index}]",
                _shown(number),
                "is not a plain string",
                "an E.164 number written in the program, such as '+15551234567' (it names the resource)",
            )
        elif number in seen:
            problems.add(f"phone_numbers[{index}]", repr(number), "repeats an earlier number", "each number once")
        else:
            seen.add(number)
    return [n for n in items if isinstance(n, str)]


def _questions(problems: _Problems, raw: Mapping[str, Any]) -> tuple[Any, Any, Any]:
    """The three answers; authentication and endpoint type are judged only once the direction is known."""
    direction = _answer(problems, raw, "direction", get_args(Direction), True, "every trunk")
    if direction is None:
        return None, None, None
    outbound = direction in ("outbound", "both")
    inbound = direction in ("inbound", "both")
    authentication = _answer(
        problems,
        raw,
        "authentication",
        get_args(Authentication),
        outbound,
        f"direction {direction!r}" + ("" if outbound else " (it says how Sinch admits outbound calls)"),
    )
    endpoint_type = _answer(
        problems,
        raw,
        "endpoint_type",
        get_args(EndpointType),
        inbound,
        f"direction {direction!r}" + ("" if inbound else " (endpoints receive inbound calls)"),
    )
    return direction, authentication, endpoint_type


def plan(component: str, raw: Mapping[str, Any]) -> Plan:
    """What to build for these answers; raises `SipTrunkingError` listing every problem."""
    problems = _Problems(component)
    for argument in sorted(k for k in raw if k not in ARGUMENTS):
        problems.add(argument, "(given)", "is not an argument of SipTrunking", f"one of {', '.join(ARGUMENTS)}")
    direction, authentication, endpoint_type = _questions(problems, raw)
    acl_cidrs = _plain_list(problems, raw, "acl_cidrs")
    credentials = _plain_list(problems, raw, "credentials")
    endpoints = _plain_list(problems, raw, "endpoints")
    phone_numbers = _plain_list(problems, raw, "phone_numbers")
    _credentials(problems, credentials)
    if problems.lines:  # the arguments are judged against settled answers only
        raise SipTrunkingError(problems.lines)

    uses_acl = authentication == "acl"
    _presence(
        problems,
        "acl_cidrs",
        acl_cidrs,
        uses_acl,
        "for authentication 'acl'" if uses_acl else "without authentication 'acl'",
        "the PBX's public addresses in CIDR notation, such as ['203.0.113.10/32']",
    )
    if authentication == "credentials":
        credentials_why = "for authentication 'credentials'"
    elif endpoint_type == "registered":
        credentials_why = "for endpoint_type 'registered' (the endpoints register with them)"
    else:
        credentials_why = "without authentication 'credentials' or endpoint_type 'registered' (nothing uses them)"
    _presence(
        problems,
        "credentials",
        credentials,
        authentication == "credentials" or endpoint_type == "registered",
        credentials_why,
        "at least one {'username': ..., 'password': ...}",
    )
    inbound = direction in ("inbound", "both")
    inbound_why = f"for direction {direction!r}" if inbound else f"to direction {direction!r} (inbound calls only)"
    _presence(
        problems,
        "endpoints",
        endpoints,
        inbound,
        inbound_why,
        "at least one endpoint, such as {'address': '203.0.113.10'} or {'credential_username': 'desk01'}",
    )
    _presence(
        problems,
        "phone_numbers",
        phone_numbers,
        inbound,
        inbound_why,
        "at least one E.164 number rented in the project (inbound calls reach the trunk through them)",
    )

    planned_endpoints = _endpoints(problems, endpoints if inbound else [], endpoint_type, _usernames(credentials))
    numbers = _numbers(problems, phone_numbers if inbound else [])
    if problems.lines:
        raise SipTrunkingError(problems.lines)
    return Plan(
        direction=direction,
        authentication=authentication,
        endpoint_type=endpoint_type,
        acl_cidrs=acl_cidrs,
        credentials=credentials,
        endpoints=planned_endpoints,
        phone_numbers=numbers,
    )
