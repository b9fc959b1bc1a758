"""The benchmark's estate: a realistic mix of resources, built from ours or from the floor (the suite's
`Noop`, a dynamic resource that makes no API call).

One "site" is ten resources: a trunk, an ACL with `RANGES_PER_ACL` ranges and its attachment, a
credential list with two credentials and its attachment, two static endpoints and three number
assignments. A stack of N resources is N / 10 sites. Both builds declare the same names, the same inputs
and the same dependencies (each resource takes the ids of what it depends on), so the engine walks the
same graph; only the provider differs.

The classes of `pulumi_sinch_est` are imported inside `ours()`, never at module import, so the floor's
program and provider process never load them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi

from tests.harness.noop import Noop

SITE_SIZE = 10
NUMBERS_PER_SITE = 3
RANGES_PER_ACL = 16
CREDENTIALS_PER_LIST = 2
PASSWORD = "Bench-Passw0rd-123"

Program = Callable[[], None]
Factory = Callable[[str, str, dict[str, Any]], Any]
"""(kind, resource name, inputs) -> a resource whose `id` output later resources can take."""


def site_count(n: int) -> int:
    if n % SITE_SIZE:
        raise ValueError(f"stack sizes must be multiples of {SITE_SIZE} (one site is {SITE_SIZE} resources)")
    return n // SITE_SIZE


def numbers_needed(n: int) -> int:
    return site_count(n) * NUMBERS_PER_SITE


def phone_number(index: int) -> str:
    """The benchmark's rented numbers: +1555 2xx xxxx, never the emulator's demo numbers."""
    return f"+15552{index:06d}"


def _site(make: Factory, site: int) -> None:
    trunk = make("Trunk", f"trunk-{site}", {"name": f"Site {site}", "host_name": f"bench-site-{site}"})
    ranges = [{"cidr": f"10.{site % 250}.{r}.0/24", "description": f"office {r}"} for r in range(RANGES_PER_ACL)]
    acl = make("Acl", f"acl-{site}", {"name": f"Site {site} offices", "enabled": True, "ip_ranges": ranges})
    make("AclAttachment", f"acl-link-{site}", {"trunk_id": trunk.id, "acl_id": acl.id})
    credentials = [{"username": f"site{site}-user{c}", "password": PASSWORD} for c in range(CREDENTIALS_PER_LIST)]
    creds = make("CredentialList", f"creds-{site}", {"name": f"Site {site} PBX", "credentials": credentials})
    make("CredentialListAttachment", f"creds-link-{site}", {"trunk_id": trunk.id, "credential_list_id": creds.id})
    for e in range(2):
        endpoint = {"trunk_id": trunk.id, "name": f"pbx-{e}", "priority": e + 1, "address": f"203.0.113.{e + 1}"}
        make("Endpoint", f"pbx-{site}-{e}", endpoint)
    for k in range(NUMBERS_PER_SITE):
        number = phone_number(site * NUMBERS_PER_SITE + k)
        make("PhoneNumberAssignment", f"number-{site}-{k}", {"phone_number": number, "trunk_id": trunk.id})


def estate(n: int, make: Factory) -> Program:
    sites = site_count(n)

    def program() -> None:
        for site in range(sites):
            _site(make, site)

    return program


def floor(kind: str, name: str, inputs: dict[str, Any]) -> Any:
    """The floor's stand-in; secrets are wrapped as ours wraps them, so the engine encrypts the same."""
    props = dict(inputs)
    if kind == "CredentialList":
        props["credentials"] = pulumi.Output.secret(props["credentials"])
    return Noop(name, **props)


def ours() -> Factory:
    from pulumi_sinch_est.resources.acl import Acl
    from pulumi_sinch_est.resources.acl_attachment import AclAttachment
    from pulumi_sinch_est.resources.credential_list import CredentialList
    from pulumi_sinch_est.resources.credential_list_attachment import CredentialListAttachment
    from pulumi_sinch_est.resources.endpoint import Endpoint
    from pulumi_sinch_est.resources.phone_number_assignment import PhoneNumberAssignment
    from pulumi_sinch_est.resources.trunk import Trunk

    classes: dict[str, Any] = {
        "Trunk": Trunk,
        "Acl": Acl,
        "AclAttachment": AclAttachment,
        "CredentialList": CredentialList,
        "CredentialListAttachment": CredentialListAttachment,
        "Endpoint": Endpoint,
        "PhoneNumberAssignment": PhoneNumberAssignment,
    }

    def make(kind: str, name: str, inputs: dict[str, Any]) -> Any:
        return classes[kind](name, **inputs)

    return make


def kinds(n: int) -> dict[str, int]:
    """How many resources of each kind a stack of `n` holds."""
    per_site = {
        "Trunk": 1,
        "Acl": 1,
        "AclAttachment": 1,
        "CredentialList": 1,
        "CredentialListAttachment": 1,
        "Endpoint": 2,
        "PhoneNumberAssignment": NUMBERS_PER_SITE,
    }
    assert sum(per_site.values()) == SITE_SIZE
    return {kind: count * site_count(n) for kind, count in per_site.items()}
