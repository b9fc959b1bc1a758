"""What the reader keeps and what it skips, on model objects (the live emulator refuses to make most of
these cases, which is why they are here)."""

from __future__ import annotations

import ast
from pathlib import Path

from pulumi_sinch_est import export
from pulumi_sinch_est.client import ActiveNumber, CallBlockingRule, Trunk
from pulumi_sinch_est.export.read import Project, Skipped, TrunkView, _declarable, _drop_unknown_links, _place_numbers


def _number(number: str, **voice: object) -> ActiveNumber:
    return ActiveNumber.model_validate({"phoneNumber": number, "voiceConfiguration": voice})


def test_numbers_go_to_their_trunk_and_the_unsettled_are_skipped() -> None:
    project = Project("p", trunks=[TrunkView(Trunk(id="T1"))])
    _place_numbers(
        project,
        [
            _number("+15550000001", type="EST", trunkId="T1"),
            _number("+15550000002", type="EST", trunkId="T9"),
            _number("+15550000003", type="EST", trunkId="T1", scheduledVoiceProvisioning={"status": "IN_PROGRESS"}),
            _number("+15550000004", type="EST", trunkId="T1", scheduledVoiceProvisioning={"status": "FAILED"}),
            _number("+15550000005", type="RTC", appId="app"),
            _number("+15550000006", type="EST", trunkId=""),
        ],
    )
    assert project.trunks[0].phone_numbers == ["+15550000001", "+15550000004"]
    assert [(s.id, s.why.split(";")[0]) for s in project.skipped] == [
        ("+15550000002", "routed to trunk T9, not listed"),
        ("+15550000003", "a voice provisioning is under way (IN_PROGRESS)"),
    ]


def test_rules_the_resource_refuses_are_skipped() -> None:
    project = Project("p")
    rules = [
        CallBlockingRule(id="R1", direction="inbound", caller_country="US"),
        CallBlockingRule(id="R2", direction="inbound"),
        CallBlockingRule(id="R3", direction="outbound", callee_match="+1900", caller_country="US"),
        CallBlockingRule(id="R4", direction="sideways", callee_match="+1900"),
    ]
    assert [r.id for r in rules if _declarable(project, r)] == ["R1"]
    assert [s.id for s in project.skipped] == ["R2", "R3", "R4"]
    assert all(s.type == "CallBlockingRule" and s.why for s in project.skipped)


def test_links_to_lists_the_project_does_not_show_are_skipped() -> None:
    view = TrunkView(Trunk(id="T1"), acl_ids=["A9"], credential_list_ids=["L9"])
    project = Project("p", trunks=[view])
    _drop_unknown_links(project)
    assert (view.acl_ids, view.credential_list_ids) == ([], [])
    assert project.skipped == [
        Skipped("AclAttachment", "T1/A9", "the linked list is not among the project's lists"),
        Skipped("CredentialListAttachment", "T1/L9", "the linked list is not among the project's lists"),
    ]


def test_the_exporter_imports_no_pulumi() -> None:
    """It reads the API and writes text: Pulumi is what runs the program it writes, not the exporter."""
    package = Path(export.__file__).parent
    imported: set[str] = set()
    for module in sorted(package.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module)
    assert imported and not {name for name in imported if name.split(".")[0] == "pulumi"}
