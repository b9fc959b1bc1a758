"""The programs the reliability tests run: every resource type at once, and a wide stack of one shape."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pulumi

from pulumi_sinch_est import (
    Acl,
    AclAttachment,
    CallBlockingRule,
    CredentialList,
    CredentialListAttachment,
    Endpoint,
    PhoneNumberAssignment,
    Trunk,
)

from .conftest import PASSWORD

Program = Callable[[], None]


def every_type(
    numbers: Sequence[str], *, tag: str = "all", password: str = PASSWORD, trunk_name: str = "Every type"
) -> Program:
    """One of each resource: trunk, ACL and credential list with their links, a static and a registered
    endpoint, and phone-number assignments (workflows C and D on one trunk). `tag` keeps the natural
    keys of several stacks on one emulator apart."""

    def program() -> None:
        trunk = Trunk("trunk", name=trunk_name, host_name=f"rel-{tag}")
        acl = Acl(f"office-{tag}", name=f"office-{tag}", ip_ranges=["203.0.113.0/28", "198.51.100.7/32"])
        creds = CredentialList(
            f"pbx-users-{tag}", name=f"pbx-users-{tag}", credentials=[{"username": f"pbx-{tag}", "password": password}]
        )
        AclAttachment("office-link", trunk_id=trunk.id, acl_id=acl.id)
        CredentialListAttachment("users-link", trunk_id=trunk.id, credential_list_id=creds.id)
        Endpoint("pbx", trunk_id=trunk.id, name="pbx", address="203.0.113.10", priority=1)
        Endpoint(
            "softphone",
            trunk_id=trunk.id,
            name="softphone",
            credential_username=f"pbx-{tag}",
            priority=2,
            opts=pulumi.ResourceOptions(depends_on=[creds]),
        )
        for number in numbers:
            PhoneNumberAssignment(f"number-{number.lstrip('+')}", phone_number=number, trunk_id=trunk.id)
        pulumi.export("trunk_id", trunk.id)

    return program


def wide(groups: int) -> Program:
    """`groups` times a trunk, its static endpoint, an ACL and the ACL's link: 4 x `groups` objects."""

    def program() -> None:
        for index in range(groups):
            trunk = Trunk(f"trunk-{index}", host_name=f"rel-wide-{index}")
            acl = Acl(f"acl-{index}", name=f"acl-{index}", ip_ranges=[f"192.0.2.{index}/32"])
            AclAttachment(f"link-{index}", trunk_id=trunk.id, acl_id=acl.id)
            Endpoint(f"pbx-{index}", trunk_id=trunk.id, name=f"pbx-{index}", address="203.0.113.10", priority=1)

    return program


def lookalikes() -> Program:
    """An ACL, a credential list and a call blocking rule: objects without a unique name, of which another
    stack sharing the project may own identical copies (test_ownership makes them)."""

    def program() -> None:
        Acl("shared-office", name="shared-office", ip_ranges=["203.0.113.0/28"])
        CredentialList(
            "shared-users", name="shared-users", credentials=[{"username": "shared-pbx", "password": PASSWORD}]
        )
        CallBlockingRule("no-premium", name="no-premium", direction="OUTBOUND", callee_match="1900")

    return program
