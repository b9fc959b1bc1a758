"""Fixed projects built from model objects, so the exported program can be compared byte for byte."""

from __future__ import annotations

from pulumi_sinch_est.client import (
    AccessControlList,
    CallBlockingRule,
    CountryPermission,
    Credential,
    CredentialList,
    Endpoint,
    IpRange,
    Trunk,
)
from pulumi_sinch_est.export.read import AclView, Project, TrunkView

PROJECT_ID = "8f1e6a2c-5b0d-4e7a-9c3f-2d4b6e8a0c11"


def _trunk(trunk_id: str, name: str, host: str, **fields: object) -> Trunk:
    return Trunk.model_validate(
        {"id": trunk_id, "name": name, "hostName": host, "domain": f"{host}.pstn.sinch.com", **fields}
    )


def _range(range_id: str, address: str, prefix: int, description: str = "") -> IpRange:
    return IpRange(id=range_id, ip_address=address, range=prefix, description=description)


def office_project() -> Project:
    """The same shape as the round trip's emulator project, with ids that never change."""
    office = AccessControlList(id="ACL-OFFICE", name="Office network", enabled=True)
    carrier = AccessControlList(id="ACL-CARRIER", name="Carrier", enabled=True)
    phones = CredentialList(
        id="CL-PHONES",
        name="Office phones",
        credentials=[Credential(id="C-BOB", username="bob"), Credential(id="C-ALICE", username="alice")],
    )
    main = TrunkView(
        _trunk("T-MAIN", "Main PBX", "main-pbx-export"),
        endpoints=[
            Endpoint(
                id="E-PRIMARY",
                name="Primary PBX",
                priority=1,
                enabled=True,
                transport="UDP",
                address="203.0.113.10",
                port=5060,
            ),
            Endpoint(
                id="E-BACKUP",
                name="Backup PBX",
                priority=2,
                enabled=True,
                transport="TCP",
                address="198.51.100.7",
                port=5080,
            ),
        ],
        acl_ids=["ACL-OFFICE"],
        credential_list_ids=["CL-PHONES"],
        phone_numbers=["+15550100002", "+15550100000", "+15550100001"],
    )
    branch = TrunkView(
        _trunk("T-BRANCH", "Branch Office", "branch-office-export"),
        endpoints=[
            Endpoint(
                id="E-DESK",
                name="Desk phone",
                priority=1,
                enabled=True,
                transport="UDP",
                is_registered=True,
                credential_username="alice",
            )
        ],
        acl_ids=["ACL-OFFICE"],
        credential_list_ids=["CL-PHONES"],
        phone_numbers=["+15550100004", "+15550100003"],
    )
    center = TrunkView(
        _trunk(
            "T-CENTER", "Call Center", "call-center-export", enableCallForward=True, callForwardNumber="+15557654321"
        ),
        endpoints=[
            Endpoint(
                id="E-AGENTS",
                name="Agents",
                priority=1,
                enabled=True,
                transport="UDP",
                address="pbx.example.com",
                port=5060,
            )
        ],
        acl_ids=["ACL-OFFICE", "ACL-CARRIER"],
        phone_numbers=["+15550100005"],
    )
    return Project(
        project_id=PROJECT_ID,
        trunks=[main, branch, center],
        acls=[
            AclView(
                office,
                [
                    _range("R1", "203.0.113.0", 24, "Head office"),
                    _range("R2", "198.51.100.7", 32, "Backup PBX"),
                    _range("R3", "192.0.2.16", 28),
                ],
            ),
            AclView(carrier, [_range("R4", "192.0.2.1", 32)]),
        ],
        credential_lists=[phones],
        call_blocking_rules=[
            CallBlockingRule(id="RULE-1", name="Premium rate", direction="outbound", callee_match="+1900")
        ],
        country_permissions=[CountryPermission(iso_code="SE", name="Sweden", enabled=True)],
    )


def awkward_project() -> Project:
    """Names that collide, are keywords, start with digits, carry accents or run long."""
    long_name = "A very long trunk name that goes on and on past any sensible length"
    trunks = [
        TrunkView(_trunk("T2", "class", "kw")),
        TrunkView(_trunk("T1", "class", "kw-2")),
        TrunkView(_trunk("T3", "2nd floor", "floor")),
        TrunkView(_trunk("T4", "Zürich Büro", "zurich")),
        TrunkView(
            _trunk("T5", long_name, "long"),
            endpoints=[
                Endpoint(
                    id="E1",
                    name=long_name,
                    priority=1,
                    enabled=True,
                    transport="TLS",
                    is_registered=True,
                    credential_username="x" * 30,
                )
            ],
            credential_list_ids=["CL1"],
        ),
        TrunkView(_trunk("T6", "", "no-name-at-all")),
        TrunkView(_trunk("T7", "pulumi", "reserved")),
    ]
    credentials = CredentialList(
        id="CL1", name=long_name, credentials=[Credential(username="x" * 30), Credential(username="x" * 30 + "y")]
    )
    acl = AccessControlList(id="A1", name="Class", enabled=False)
    description = "A description long enough that the mapping cannot stay on one line of the program"
    return Project(
        project_id="p",
        trunks=trunks,
        acls=[AclView(acl, [_range("R1", "10.0.0.0", 8, description)])],
        credential_lists=[credentials],
    )


if __name__ == "__main__":  # regenerate the golden file: python -m tests.export.fixed
    from pathlib import Path

    from pulumi_sinch_est.export.naming import name_project
    from pulumi_sinch_est.export.render import render_program

    golden = Path(__file__).parent / "golden" / "__main__.py.golden"
    golden.parent.mkdir(exist_ok=True)
    fixed = office_project()
    golden.write_text(render_program(fixed, name_project(fixed)).text, encoding="utf-8")
