"""Reading a whole Sinch project through the client into a `Project`: what the exporter renders.

This module knows the API, not Pulumi: it gathers the objects and the links between them, in the order
the API gives them (`naming` and `render` sort), and decides what a program can declare. What it cannot
goes to `Project.skipped` with the reason. Reads only; it never writes.

Country permissions are a fixed catalogue, not objects: only those that differ from `BASELINE` (Sinch's
documented start state: calls to the US and Canada allowed, every other country blocked) are exported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..client import (
    AccessControlList,
    ActiveNumber,
    CallBlockingRule,
    CountryPermission,
    CredentialList,
    Endpoint,
    IpRange,
    SinchClient,
    Trunk,
)

Progress = Callable[[str], None]

BASELINE_ENABLED = frozenset({"US", "CA"})
"""The countries a new Sinch project may call: US and Canada enabled, others disabled (est-api.md §6.6)."""
RULE_FIELDS = {"INBOUND": ("caller_country", "caller_match"), "OUTBOUND": ("callee_country", "callee_match")}


@dataclass(frozen=True)
class Skipped:
    """An object the program cannot declare, and why: the summary lists it, nothing is dropped silently."""

    type: str
    id: str
    why: str


@dataclass
class TrunkView:
    """One trunk with what hangs off it."""

    trunk: Trunk
    endpoints: list[Endpoint] = field(default_factory=list)
    acl_ids: list[str] = field(default_factory=list)
    credential_list_ids: list[str] = field(default_factory=list)
    phone_numbers: list[str] = field(default_factory=list)


@dataclass
class AclView:
    acl: AccessControlList
    ranges: list[IpRange]


@dataclass
class Project:
    """Everything the exporter found in one project."""

    project_id: str
    trunks: list[TrunkView] = field(default_factory=list)
    acls: list[AclView] = field(default_factory=list)
    credential_lists: list[CredentialList] = field(default_factory=list)
    call_blocking_rules: list[CallBlockingRule] = field(default_factory=list)
    country_permissions: list[CountryPermission] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def read_project(client: SinchClient, progress: Progress) -> Project:
    """Every trunk, endpoint, link, ACL, credential list, assigned number, rule and country permission."""
    project = Project(project_id=client.settings.project_id)
    progress("reading access control lists")
    for acl in client.access_control_lists.list():
        project.acls.append(AclView(acl, client.access_control_lists.list_ip_ranges(str(acl.id))))
    progress(f"  {len(project.acls)} access control lists")
    progress("reading credential lists")
    project.credential_lists = [client.credential_lists.get(str(c.id)) for c in client.credential_lists.list()]
    progress(f"  {len(project.credential_lists)} credential lists")
    trunks = client.trunks.list()
    progress(f"reading {len(trunks)} trunks")
    for index, trunk in enumerate(trunks, 1):
        trunk_id = str(trunk.id)
        progress(f"  trunk {index}/{len(trunks)}: {trunk.name or trunk_id}")
        project.trunks.append(
            TrunkView(
                trunk,
                endpoints=client.endpoints.list(trunk_id),
                acl_ids=client.trunks.list_access_control_list_ids(trunk_id),
                credential_list_ids=client.trunks.list_credential_list_ids(trunk_id),
            )
        )
    progress("reading phone numbers")
    numbers = client.active_numbers.list()
    progress(f"  {len(numbers)} rented numbers")
    _place_numbers(project, numbers)
    progress("reading call blocking rules and country permissions")
    project.call_blocking_rules = [r for r in client.call_blocking_rules.list() if _declarable(project, r)]
    project.country_permissions = [
        p for p in client.country_permissions.list() if bool(p.enabled) != (str(p.iso_code).upper() in BASELINE_ENABLED)
    ]
    _drop_unknown_links(project)
    return project


def _declarable(project: Project, rule: CallBlockingRule) -> bool:
    """A rule `CallBlockingRule` accepts: its direction's fields only, at least one of them."""
    direction = (rule.direction or "").upper()
    own = RULE_FIELDS.get(direction)
    why = None
    if own is None:
        why = f"direction {rule.direction!r} is neither INBOUND nor OUTBOUND"
    else:
        other = RULE_FIELDS["OUTBOUND" if direction == "INBOUND" else "INBOUND"]
        if any(getattr(rule, name) for name in other):
            why = f"an {direction} rule that also sets {' or '.join(other)}: what Sinch matches is unknown"
        elif not any(getattr(rule, name) for name in own):
            why = f"an {direction} rule with neither {' nor '.join(own)}"
    if why is not None:
        project.skipped.append(Skipped("CallBlockingRule", str(rule.id), why))
    return why is None


def _drop_unknown_links(project: Project) -> None:
    """A trunk's link to a list the project does not show cannot refer to it by reference."""
    acl_ids = {str(v.acl.id) for v in project.acls}
    list_ids = {str(c.id) for c in project.credential_lists}
    for view in project.trunks:
        for kind, ids, known in (
            ("AclAttachment", view.acl_ids, acl_ids),
            ("CredentialListAttachment", view.credential_list_ids, list_ids),
        ):
            for missing in [i for i in ids if i not in known]:
                ids.remove(missing)
                project.skipped.append(
                    Skipped(kind, f"{view.trunk.id}/{missing}", "the linked list is not among the project's lists")
                )


def _place_numbers(project: Project, numbers: list[ActiveNumber]) -> None:
    """Numbers routed to a trunk of the project go to that trunk; one still being provisioned is skipped.

    Numbers routed nowhere, or to a Voice app or Fax service, are not EST objects and are not listed.
    """
    by_id = {str(view.trunk.id): view for view in project.trunks}
    for number in numbers:
        config = number.voice_configuration
        phone_number = str(number.phone_number)
        scheduled = config.scheduled_voice_provisioning if config is not None else None
        if scheduled is not None and (scheduled.status or "").upper() != "FAILED":
            project.skipped.append(
                Skipped(
                    "PhoneNumberAssignment",
                    phone_number,
                    f"a voice provisioning is under way ({scheduled.status}); export again once it has settled",
                )
            )
            continue
        if config is None or (config.type or "").upper() != "EST" or not config.trunk_id:
            continue
        view = by_id.get(config.trunk_id)
        if view is None:
            project.skipped.append(
                Skipped("PhoneNumberAssignment", phone_number, f"routed to trunk {config.trunk_id}, not listed")
            )
            continue
        view.phone_numbers.append(phone_number)
