"""`SipTrunking`: a whole trunk from the answers to Sinch's three questions, in one declaration.

The component checks the answers together (`_answers`), then declares the primitives of the workflow
they pick, as its children, in EST's order: the trunk and the lists first, then each list's link to the
trunk, then the numbers, then the endpoints. Ids give most of that order; the rest, which no id implies
(numbers after the links, endpoints after the numbers and links: a registered endpoint can only register
once its list is linked), is `depends_on`. `destroy` runs the same graph backwards: endpoints, numbers,
links, then lists and trunk.

The arguments are not stored as the component's inputs (they hold passwords); the outputs registered
are ids and the SIP domain.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NotRequired, TypedDict, Unpack, cast

import pulumi

from ..resources._common import MODULE
from ..resources.acl import Acl, AclIpRangeArgs
from ..resources.acl_attachment import AclAttachment
from ..resources.credential_list import CredentialArgs, CredentialList
from ..resources.credential_list_attachment import CredentialListAttachment
from ..resources.endpoint import Endpoint
from ..resources.phone_number_assignment import PhoneNumberAssignment
from ..resources.trunk import Trunk, TrunkArgs
from ._answers import Authentication, Direction, EndpointType, Plan, plan

TYPE_TOKEN = f"{MODULE}:index:SipTrunking"


class SipTrunkingEndpointArgs(TypedDict):
    """One endpoint of `SipTrunking.endpoints`: `address` for `static`, `credential_username` for
    `registered`."""

    name: NotRequired[str]
    """Names the endpoint and its child resource (`<component>-<name>`); unique in the list. Default
    `endpoint-<position>`."""
    priority: NotRequired[pulumi.Input[int]]
    """1 to 1,000,000; lower is tried first, equal shares calls. Default: the position in the list (1, 2, ...),
    so the first endpoint is the primary and the next ones fail over in order."""
    enabled: NotRequired[pulumi.Input[bool]]
    """Whether calls are sent to it. Default true."""
    transport: NotRequired[pulumi.Input[str]]
    """`UDP` (default), `TCP` or `TLS`."""
    address: NotRequired[pulumi.Input[str]]
    """Static only, required there: the PBX's IPv4 address or domain name."""
    port: NotRequired[pulumi.Input[int]]
    """Static only: the SIP port, default 5060."""
    credential_username: NotRequired[pulumi.Input[str]]
    """Registered only, required there: the username, one of `credentials`, the client registers with."""


class SipTrunkingArgs(TypedDict, total=False):
    """Arguments of `SipTrunking`: the three answers, then what they call for. An argument the answers do
    not use, or one they need and lack, fails the preview with the reason."""

    direction: Direction
    """Required: `inbound` (PSTN to your PBX), `outbound` (your PBX to the PSTN) or `both`."""
    authentication: Authentication
    """Outbound and both only, required there: `acl` (your PBX sends from fixed addresses, `acl_cidrs`) or
    `credentials` (it answers Sinch's digest challenge with `credentials`; for dynamic addresses)."""
    endpoint_type: EndpointType
    """Inbound and both only, required there: `static` (endpoints at fixed addresses) or `registered`
    (SIP clients that register with a username of `credentials`)."""
    trunk_name: pulumi.Input[str]
    """The trunk's friendly name; defaults to the component's name."""
    host_name: pulumi.Input[str]
    """The trunk's host name (`<host_name>.pstn.sinch.com`); generated and kept when omitted. Changing it
    replaces the trunk."""
    acl_cidrs: Sequence[pulumi.Input[str | AclIpRangeArgs]]
    """With `authentication="acl"` only, required there: the PBX's public addresses in CIDR notation
    (`"203.0.113.10/32"`, or `{"cidr": ..., "description": ...}`)."""
    credentials: Sequence[CredentialArgs]
    """With `authentication="credentials"` or `endpoint_type="registered"` only, required there: the
    usernames and passwords (passwords are stored as secrets). One credential list, linked to the trunk."""
    endpoints: Sequence[SipTrunkingEndpointArgs]
    """Inbound and both only, at least one there: where Sinch sends inbound calls, all of `endpoint_type`."""
    phone_numbers: Sequence[str]
    """Inbound and both only, at least one there: E.164 numbers rented in the project, routed to the trunk."""


class SipTrunking(pulumi.ComponentResource):
    """A trunk with everything Sinch's guide builds around it for the answers given (workflows A to E).

    Give the answers to Sinch's three questions and what they call for; the component declares the
    resources of that workflow as its children, in EST's order (trunk and lists, then links, then numbers,
    then endpoints; `destroy` in reverse). outbound+acl is workflow A, inbound+static B, both C,
    inbound+registered D, outbound+credentials E. Contradictory or incomplete answers stop `pulumi preview`
    before anything is created, one line per problem.

    Children, named `<name>-<part>`: `trunk`; `acl` and `acl-link` with `authentication="acl"`;
    `credentials` and `credentials-link` with credentials; `number-<digits>` per number; `<endpoint name>`
    per endpoint. Send SIP to `domain`, never to `trunk.pstn.sinch.com`.

    Example::

        SipTrunking(
            "acme",
            direction="both",
            authentication="acl",
            endpoint_type="static",
            acl_cidrs=["203.0.113.10/31"],
            endpoints=[{"name": "pbx", "address": "203.0.113.10"}, {"name": "pbx-failover", "address": "203.0.113.11"}],
            phone_numbers=["+15550001004"],
        )

    Arguments (keywords, or one `SipTrunkingArgs`):
        direction: Required: `inbound` (PSTN to your PBX), `outbound` (your PBX to the PSTN) or `both`.
        authentication: Outbound and both only, required there: `acl` (your PBX sends from fixed addresses,
            `acl_cidrs`) or `credentials` (it answers Sinch's digest challenge with `credentials`; for dynamic
            addresses).
        endpoint_type: Inbound and both only, required there: `static` (endpoints at fixed addresses) or
            `registered` (SIP clients that register with a username of `credentials`).
        trunk_name: The trunk's friendly name; defaults to the component's name.
        host_name: The trunk's host name (`<host_name>.pstn.sinch.com`); generated and kept when omitted. Changing
            it replaces the trunk.
        acl_cidrs: With `authentication="acl"` only, required there: the PBX's public addresses in CIDR notation
            (`"203.0.113.10/32"`, or `{"cidr": ..., "description": ...}`).
        credentials: With `authentication="credentials"` or `endpoint_type="registered"` only, required there: the
            usernames and passwords (passwords are stored as secrets). One credential list, linked to the trunk.
        endpoints: Inbound and both only, at least one there: where Sinch sends inbound calls, all of
            `endpoint_type`.
        phone_numbers: Inbound and both only, at least one there: E.164 numbers rented in the project, routed to the
            trunk.

    `AclIpRangeArgs`:
        cidr: IPv4 network in CIDR notation with no host bits set: `203.0.113.10/32` is one address,
            `198.51.100.0/24` is 256. Prefix length 1 to 32.
        description: Shown in the Sinch dashboard. Default "".

    `CredentialArgs`:
        username: The SIP username, unique within the list.
        password: At least 12 characters with an upper-case letter, a lower-case letter and a digit. Stored
            encrypted in state and never returned as an output; changing it updates the credential in place.

    `SipTrunkingEndpointArgs`:
        name: Names the endpoint and its child resource (`<component>-<name>`); unique in the list. Default
            `endpoint-<position>`.
        priority: 1 to 1,000,000; lower is tried first, equal shares calls. Default: the position in the list (1, 2,
            ...), so the first endpoint is the primary and the next ones fail over in order.
        enabled: Whether calls are sent to it. Default true.
        transport: `UDP` (default), `TCP` or `TLS`.
        address: Static only, required there: the PBX's IPv4 address or domain name.
        port: Static only: the SIP port, default 5060.
        credential_username: Registered only, required there: the username, one of `credentials`, the client
            registers with.

    Outputs, besides `id`:
        workflow: The letter of Sinch's workflow the answers picked: A, B, C, D or E.
        trunk_id: The trunk's id.
        host_name: The trunk's host name, given or generated.
        domain: The trunk's SIP domain, `<host_name>.pstn.sinch.com`.
        acl_id: The ACL's id; none without `authentication="acl"`.
        credential_list_id: The credential list's id; none without credentials.
        endpoint_ids: Endpoint ids by endpoint name.
        phone_numbers: The numbers routed to the trunk.

    Child resources (attributes):
        trunk: The trunk, always.
        acl: With `authentication="acl"`: the ACL of `acl_cidrs`.
        acl_attachment: With `authentication="acl"`: the ACL's link to the trunk.
        credential_list: With `credentials`: the credential list.
        credential_list_attachment: With `credentials`: the list's link to the trunk.
        phone_number_assignments: One `PhoneNumberAssignment` per number, by number.
        endpoints: One `Endpoint` per endpoint, by endpoint name.

    Reference page: docs/reference/sip_trunking.md.
    """

    trunk: Trunk
    """The trunk, always."""
    acl: Acl | None
    """With `authentication="acl"`: the ACL of `acl_cidrs`."""
    acl_attachment: AclAttachment | None
    """With `authentication="acl"`: the ACL's link to the trunk."""
    credential_list: CredentialList | None
    """With `credentials`: the credential list."""
    credential_list_attachment: CredentialListAttachment | None
    """With `credentials`: the list's link to the trunk."""
    phone_number_assignments: dict[str, PhoneNumberAssignment]
    """One `PhoneNumberAssignment` per number, by number."""
    endpoints: dict[str, Endpoint]
    """One `Endpoint` per endpoint, by endpoint name."""

    workflow: pulumi.Output[str]
    """The letter of Sinch's workflow the answers picked: A, B, C, D or E."""
    trunk_id: pulumi.Output[str]
    """The trunk's id."""
    host_name: pulumi.Output[str]
    """The trunk's host name, given or generated."""
    domain: pulumi.Output[str]
    """The trunk's SIP domain, `<host_name>.pstn.sinch.com`."""
    acl_id: pulumi.Output[str | None]
    """The ACL's id; none without `authentication="acl"`."""
    credential_list_id: pulumi.Output[str | None]
    """The credential list's id; none without credentials."""
    endpoint_ids: pulumi.Output[dict[str, str]]
    """Endpoint ids by endpoint name."""
    phone_numbers: pulumi.Output[list[str]]
    """The numbers routed to the trunk."""

    def __init__(
        self,
        resource_name: str,
        args: SipTrunkingArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[SipTrunkingArgs],
    ) -> None:
        raw: dict[str, Any] = {**(args or {}), **kwargs}
        wanted = plan(resource_name, raw)  # before anything is registered: bad answers declare nothing
        super().__init__(TYPE_TOKEN, resource_name, None, opts)
        child = pulumi.ResourceOptions(parent=self)

        trunk_args: TrunkArgs = {"name": raw.get("trunk_name") or resource_name}
        if raw.get("host_name") is not None:
            trunk_args["host_name"] = raw["host_name"]
        self.trunk = Trunk(f"{resource_name}-trunk", trunk_args, opts=child)
        links = self._lists(resource_name, wanted, child)
        self.phone_number_assignments = {
            number: PhoneNumberAssignment(
                f"{resource_name}-number-{number.lstrip('+')}",
                phone_number=number,
                trunk_id=self.trunk.id,
                opts=pulumi.ResourceOptions(parent=self, depends_on=links),
            )
            for number in wanted.phone_numbers
        }
        after_numbers = pulumi.ResourceOptions(
            parent=self, depends_on=[*links, *self.phone_number_assignments.values()]
        )
        self.endpoints = {
            e.key: Endpoint(f"{resource_name}-{e.key}", trunk_id=self.trunk.id, **e.args, opts=after_numbers)
            for e in wanted.endpoints
        }
        self._outputs(wanted)

    def _lists(self, resource_name: str, wanted: Plan, child: pulumi.ResourceOptions) -> list[pulumi.Resource]:
        """The ACL and credential list the answers call for, each linked to the trunk; the links."""
        self.acl = self.acl_attachment = None
        self.credential_list = self.credential_list_attachment = None
        links: list[pulumi.Resource] = []
        if wanted.acl_cidrs:
            self.acl = Acl(f"{resource_name}-acl", ip_ranges=wanted.acl_cidrs, opts=child)
            self.acl_attachment = AclAttachment(
                f"{resource_name}-acl-link", trunk_id=self.trunk.id, acl_id=self.acl.id, opts=child
            )
            links.append(self.acl_attachment)
        if wanted.credentials:
            credentials: list[CredentialArgs] = [
                {"username": c["username"], "password": c["password"]} for c in wanted.credentials
            ]
            self.credential_list = CredentialList(f"{resource_name}-credentials", credentials=credentials, opts=child)
            self.credential_list_attachment = CredentialListAttachment(
                f"{resource_name}-credentials-link",
                trunk_id=self.trunk.id,
                credential_list_id=self.credential_list.id,
                opts=child,
            )
            links.append(self.credential_list_attachment)
        return links

    def _outputs(self, wanted: Plan) -> None:
        def id_of(resource: pulumi.CustomResource | None) -> pulumi.Output[str | None]:
            return resource.id if resource is not None else pulumi.Output.from_input(None)

        self.workflow = pulumi.Output.from_input(wanted.workflow)
        self.trunk_id = self.trunk.id
        self.host_name = self.trunk.host_name
        self.domain = self.trunk.domain
        self.acl_id = id_of(self.acl)
        self.credential_list_id = id_of(self.credential_list)
        # `from_input` walks dicts and lists: one Output of the whole collection.
        endpoint_ids: dict[str, pulumi.Input[str]] = {key: e.id for key, e in self.endpoints.items()}
        numbers: list[pulumi.Input[str]] = [a.phone_number for a in self.phone_number_assignments.values()]
        self.endpoint_ids = cast("pulumi.Output[dict[str, str]]", pulumi.Output.from_input(endpoint_ids))
        self.phone_numbers = cast("pulumi.Output[list[str]]", pulumi.Output.from_input(numbers))
        self.register_outputs(
            {
                "workflow": self.workflow,
                "trunk_id": self.trunk_id,
                "host_name": self.host_name,
                "domain": self.domain,
                "acl_id": self.acl_id,
                "credential_list_id": self.credential_list_id,
                "endpoint_ids": self.endpoint_ids,
                "phone_numbers": self.phone_numbers,
            }
        )
