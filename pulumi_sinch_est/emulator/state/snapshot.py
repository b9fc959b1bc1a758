"""The `/_emulator/state` dump: every object of a project in wire form, plus links and assignments.

Credential passwords (and their hashes) never appear: only wire forms are used.
"""

from __future__ import annotations

from typing import Any

from .active_numbers import FAILED
from .country_permissions import permission_wire
from .phone_numbers import est_wire
from .project import ProjectState


def project_snapshot(project: ProjectState) -> dict[str, Any]:
    numbers = sorted(project.active_numbers.values(), key=lambda n: n.phone_number)
    return {
        "projectId": project.project_id,
        "trunks": [t.wire() for t in project.trunks.values()],
        "endpoints": [e.wire() for e in project.endpoints.values()],
        "accessControlLists": [a.wire() for a in project.access_control_lists.values()],
        "credentialLists": [c.wire() for c in project.credential_lists.values()],
        "callBlockingRules": [r.wire() for r in project.call_blocking_rules.values()],
        "countryPermissions": [permission_wire(i, e) for i, e in sorted(project.country_permissions.items())],
        "activeNumbers": [n.wire() for n in numbers],
        "phoneNumbers": [w for n in numbers if (w := est_wire(n)) is not None],
        "links": {
            "trunkAccessControlLists": [
                {"trunkId": t.id, "accessControlListId": a} for t in project.trunks.values() for a in t.acl_ids
            ],
            "trunkCredentialLists": [
                {"trunkId": t.id, "credentialListId": c} for t in project.trunks.values() for c in t.credential_list_ids
            ],
        },
        "numberAssignments": [
            {"phoneNumber": n.phone_number, "trunkId": n.voice.est_trunk} for n in numbers if n.voice.est_trunk
        ],
        "pendingProvisioning": [
            {"phoneNumber": n.phone_number, **n.provisioning.wire(), "willFail": n.provisioning.fails}
            for n in numbers
            if n.provisioning is not None and n.provisioning.status != FAILED
        ],
        "failedProvisioning": [
            {"phoneNumber": n.phone_number, **n.provisioning.wire()}
            for n in numbers
            if n.provisioning is not None and n.provisioning.status == FAILED
        ],
    }
