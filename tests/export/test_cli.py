"""`sinch-est-export` against a live emulator project: what it writes, what it prints, what it refuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx

from .conftest import Live, run_export

FILES = ["Pulumi.dev.yaml", "Pulumi.yaml", "README.md", "__main__.py", "requirements.txt"]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_two_exports_of_one_project_are_byte_identical(live: Live, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    run_export(live.server.env(), "--out", first, "--json").summary()
    run_export(live.server.env(), "--out", second, "--json").summary()
    assert sorted(_files(first)) == FILES
    assert _files(first) == _files(second)


def test_the_summary_counts_every_object_and_lists_the_secrets(live: Live, tmp_path: Path) -> None:
    httpx.delete(f"{live.server.url}/_emulator/requests").raise_for_status()
    exported = run_export(live.server.env(), "--out", tmp_path / "out", "--stack", "prod", "--json")
    summary = exported.summary()
    assert summary == {
        "out": str(tmp_path / "out"),
        "stack": "prod",
        "resources": {
            "Acl": 2,
            "AclAttachment": 4,
            "CallBlockingRule": 1,
            "CountryPermission": 1,
            "CredentialList": 1,
            "CredentialListAttachment": 2,
            "Endpoint": 4,
            "PhoneNumberAssignments": 3,
            "Trunk": 3,
        },
        "secrets": [
            {"config_key": "office_phones_alice_password", "credential_list": "Office phones", "username": "alice"},
            {"config_key": "office_phones_bob_password", "credential_list": "Office phones", "username": "bob"},
        ],
        "skipped": [],
    }
    assert (tmp_path / "out" / "Pulumi.prod.yaml").read_text() == (
        f'config:\n  sinch:projectId: "{live.server.config.project_id}"\n'
    )
    assert "reading 3 trunks" in exported.stderr  # progress goes to stderr, stdout is the summary alone
    methods = {r["method"] for r in live.requests() if not r["path"].startswith("/oauth2")}
    assert methods == {"GET"}


def test_flags_are_a_layer_of_their_own(live: Live, tmp_path: Path) -> None:
    """Flags work alone; flags beside a `SINCH_*` environment naming another key or project are refused
    with both places named (one layer of settings, `pulumi_sinch_est.config`), never silently mixed."""
    env = live.server.env()
    flags = [
        "--project-id",
        env["SINCH_PROJECT_ID"],
        "--key-id",
        env["SINCH_KEY_ID"],
        "--key-secret",
        env["SINCH_KEY_SECRET"],
        "--est-url",
        env["SINCH_EST_URL"],
        "--numbers-url",
        env["SINCH_NUMBERS_URL"],
        "--auth-url",
        env["SINCH_AUTH_URL"],
    ]
    assert run_export({}, "--out", tmp_path / "out", "--json", *flags).summary()["resources"]["Trunk"] == 3

    wrong = {**env, "SINCH_PROJECT_ID": "not-this-project", "SINCH_KEY_SECRET": "wrong"}
    mixed = run_export(wrong, "--out", tmp_path / "mixed", "--json", *flags)
    assert mixed.returncode == 1 and not (tmp_path / "mixed").exists()
    assert "argument `project_id`" in mixed.stderr and "environment variable SINCH_PROJECT_ID" in mixed.stderr


def test_missing_settings_fail_with_the_setting_named(tmp_path: Path) -> None:
    exported = run_export({}, "--out", tmp_path / "out")
    assert exported.returncode == 1
    assert "Sinch project id is not set" in exported.stderr and "SINCH_PROJECT_ID" in exported.stderr
    assert not (tmp_path / "out").exists()


def test_a_non_empty_folder_is_refused_unless_forced(live: Live, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    refused = run_export(live.server.env(), "--out", tmp_path)
    assert refused.returncode == 2 and "is not empty" in refused.stderr and "--force" in refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert run_export(live.server.env(), "--out", tmp_path, "--force").returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*FILES, "notes.txt"])


def test_what_cannot_be_declared_is_skipped_with_the_reason(live: Live, tmp_path: Path) -> None:
    """A number still being provisioned has no settled trunk to declare it on."""
    httpx.patch(f"{live.server.url}/_emulator/config", json={"provisioningDelayS": 60}).raise_for_status()
    body = {"voiceConfiguration": {"type": "EST", "trunkId": live.ids["main"]}}
    live.api.patch("/activeNumbers/+15550100010", json=body).raise_for_status()
    summary = run_export(live.server.env(), "--out", tmp_path / "out", "--json").summary()
    assert summary["skipped"] == [
        {
            "type": "PhoneNumberAssignment",
            "id": "+15550100010",
            "why": "a voice provisioning is under way (WAITING); export again once it has settled",
        }
    ]
    assert "+15550100010" not in (tmp_path / "out" / "__main__.py").read_text()


def test_a_country_turned_off_from_the_baseline_is_exported_disabled(live: Live, tmp_path: Path) -> None:
    live.api.put("/countryPermissions/CA", json={"enabled": False}).raise_for_status()
    assert run_export(live.server.env(), "--out", tmp_path / "out").returncode == 0
    program = (tmp_path / "out" / "__main__.py").read_text()
    assert 'iso_code="CA",\n    enabled=False,\n    import_id="CA",' in program
    assert 'iso_code="SE",\n    enabled=True,\n    import_id="SE",' in program
    assert json.dumps("US") not in program  # US is as the baseline has it: not declared


def test_the_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "sinch-est-export"
    done = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "--layout" in done.stdout and "--project-id" in done.stdout
