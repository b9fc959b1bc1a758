"""`sinch-est-recover` against a real emulator: the interrupted creates of an exported stack are adopted
when Sinch has their object, dropped when it has not, and nothing is guessed or leaked on the way.

The deployments are written here in the shape `pulumi stack export` gives (pending operations carry the
checked inputs, secrets as ciphertext); the objects are made through the providers, as a `pulumi up`
killed after the API call but before the state was written leaves them.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pulumi.dynamic import ResourceProvider

from pulumi_sinch_est.client.timing import SystemClock
from pulumi_sinch_est.emulator.config import EmulatorConfig
from pulumi_sinch_est.emulator.server import EmulatorServer
from pulumi_sinch_est.providers import _context
from pulumi_sinch_est.providers._base import EstProvider
from pulumi_sinch_est.providers._provisioning import FirstPoll, Pacing
from pulumi_sinch_est.providers.acl import AclProvider
from pulumi_sinch_est.providers.acl_attachment import AclAttachmentProvider
from pulumi_sinch_est.providers.call_blocking_rule import CallBlockingRuleProvider
from pulumi_sinch_est.providers.credential_list import LOOKUP_USERNAMES, CredentialListProvider
from pulumi_sinch_est.providers.endpoint import EndpointProvider
from pulumi_sinch_est.providers.phone_number_assignment import PhoneNumberAssignmentProvider
from pulumi_sinch_est.providers.trunk import TrunkProvider
from pulumi_sinch_est.recovery import SECRET_SIG, TYPE_PREFIX, RecoveryError, main, readable_inputs, repair

NUMBER = "+15550190001"
PASSWORD = "Recovery-Secret-Passw0rd"
STACK_URN = "urn:pulumi:dev::voice::pulumi:pulumi:Stack::voice-dev"
PROVIDER_REF = "urn:pulumi:dev::voice::pulumi:providers:pulumi-python::default::0f8a6a4e"
CIPHERTEXT = "v1:Xb3QmV0k2b6o3d0B:9f8UGc4v0x2zqQ0w/0oT1m0+U0u0VnS4yQy0pZ0Zx0c="
SECRET_CREDENTIALS = {SECRET_SIG: "1b47061264138c4ac30d75fd1eb44270", "ciphertext": CIPHERTEXT}
"""How an exported deployment holds a secret input such as a credential list's credentials."""


@pytest.fixture(autouse=True)
def no_stack_config() -> Iterator[None]:
    """`--config` sets the process's stack config layer, as `configure()` does: no test may inherit it."""
    yield
    _context.use_stack_config({})


@pytest.fixture
def emulator(monkeypatch: pytest.MonkeyPatch) -> Iterator[EmulatorServer]:
    # The assignment's first poll is learned per process: what it learns here must not reach other tests.
    pacing = Pacing(SystemClock(), FirstPoll())
    monkeypatch.setattr(_context, "pacing", lambda: pacing)
    with EmulatorServer(EmulatorConfig(port=0, numbers=[NUMBER], provisioning_delay_s=0)) as server:
        for key in [k for k in os.environ if k.startswith("SINCH_")]:
            monkeypatch.delenv(key)
        for key, value in server.env().items():
            monkeypatch.setenv(key, value)
        monkeypatch.setenv("SINCH_TIMEOUT_SECONDS", "10")
        yield server


def _make(provider: ResourceProvider, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Create through the API as a provider does; the id and the checked inputs the engine would record."""
    checked = provider.check({}, inputs)
    assert checked.failures == []
    created = provider.create(dict(checked.inputs))
    return str(created.id), dict(checked.inputs)


def _checked(provider: ResourceProvider, inputs: dict[str, Any]) -> dict[str, Any]:
    checked = provider.check({}, inputs)
    assert checked.failures == []
    return dict(checked.inputs)


def _pending(kind: str, name: str, inputs: dict[str, Any], operation: str = "creating") -> dict[str, Any]:
    token = kind if ":" in kind else f"{TYPE_PREFIX}{kind}"
    return {
        "resource": {
            "urn": f"urn:pulumi:dev::voice::{token}::{name}",
            "custom": True,
            "type": token,
            "inputs": {"__provider": "gASV-pickled-provider", **inputs},
            "parent": STACK_URN,
            "provider": PROVIDER_REF,
        },
        "type": operation,
    }


def _exported(*pending: dict[str, Any], resources: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    stack = {"urn": STACK_URN, "custom": False, "type": "pulumi:pulumi:Stack"}
    return {
        "version": 3,
        "deployment": {
            "manifest": {"time": "2026-11-29T18:00:00Z", "magic": "", "version": "v3.274.1"},
            "secrets_providers": {"type": "passphrase", "state": {"salt": "v1:abc:def"}},
            "resources": [stack, *(resources or [])],
            "pending_operations": list(pending),
        },
    }


def _by_name(deployment: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {str(r["urn"]).rsplit("::", 1)[-1]: r for r in deployment["deployment"]["resources"]}


def test_creates_that_happened_are_adopted_and_the_others_dropped(emulator: EmulatorServer) -> None:
    since = datetime.now(UTC)  # the interrupted run started here
    trunk_id, trunk = _make(TrunkProvider(), {"name": "Voice", "host_name": "recovery-voice"})
    acl_id, acl = _make(AclProvider(), {"name": "office", "ip_ranges": ["203.0.113.0/28"]})
    creds_id, creds = _make(
        CredentialListProvider(), {"name": "users", "credentials": [{"username": "pbx", "password": PASSWORD}]}
    )
    link_id, link = _make(AclAttachmentProvider(), {"trunk_id": trunk_id, "acl_id": acl_id})
    pbx_id, pbx = _make(
        EndpointProvider(), {"trunk_id": trunk_id, "name": "pbx", "address": "203.0.113.10", "priority": 1}
    )
    number_id, number = _make(PhoneNumberAssignmentProvider(), {"phone_number": NUMBER, "trunk_id": trunk_id})
    rule_id, rule = _make(
        CallBlockingRuleProvider(), {"name": "no-premium", "direction": "OUTBOUND", "callee_match": "1900"}
    )
    never = {
        "Trunk": _checked(TrunkProvider(), {"name": "Never", "host_name": "recovery-never-made"}),
        "Acl": _checked(AclProvider(), {"name": "office", "ip_ranges": ["198.51.100.7/32"]}),  # same name only
        "Endpoint": _checked(
            EndpointProvider(), {"trunk_id": trunk_id, "name": "pbx", "address": "203.0.113.11", "priority": 1}
        ),
    }
    exported = _exported(
        _pending("Trunk", "trunk", trunk),
        _pending("Acl", "office", acl),
        _pending("CredentialList", "users", {**creds, "credentials": SECRET_CREDENTIALS}),
        _pending("AclAttachment", "office-link", link),
        _pending("Endpoint", "pbx", pbx),
        _pending("PhoneNumberAssignment", "main-number", number),
        _pending("CallBlockingRule", "no-premium", rule),
        *(_pending(kind, f"never-{kind.lower()}", inputs) for kind, inputs in never.items()),
    )

    repaired, outcomes = repair(exported, since)

    assert "pending_operations" not in repaired["deployment"]
    assert "pending_operations" in exported["deployment"], "the input was changed"
    resources = _by_name(repaired)
    adopted = {"trunk": trunk_id, "office": acl_id, "users": creds_id, "office-link": link_id, "pbx": pbx_id}
    adopted.update({"main-number": number_id, "no-premium": rule_id})
    assert {name: resources[name]["id"] for name in adopted} == adopted
    assert not [name for name in resources if name.startswith("never-")]
    assert resources["office"]["outputs"] == resources["office"]["inputs"]
    assert resources["users"]["inputs"]["credentials"] == SECRET_CREDENTIALS
    assert [str(o) for o in outcomes if o.adopted] == [
        f"adopted Trunk trunk: {trunk_id}",
        f"adopted Acl office: {acl_id}",
        f"adopted CredentialList users: {creds_id}",
        f"adopted AclAttachment office-link: {link_id}",
        f"adopted Endpoint pbx: {pbx_id}",
        f"adopted PhoneNumberAssignment main-number: {NUMBER}",
        f"adopted CallBlockingRule no-premium: {rule_id}",
    ]
    assert [str(o) for o in outcomes if not o.adopted] == [
        f"dropped {kind} never-{kind.lower()}: not found in Sinch: the create did not happen" for kind in never
    ]


def test_secrets_are_copied_byte_for_byte_and_never_shown(emulator: EmulatorServer, tmp_path: Path) -> None:
    creds_id, creds = _make(
        CredentialListProvider(), {"name": "users", "credentials": [{"username": "pbx", "password": PASSWORD}]}
    )
    plaintext = {SECRET_SIG: "1b47061264138c4ac30d75fd1eb44270", "plaintext": json.dumps(creds["credentials"])}
    assert readable_inputs({"__provider": "x", "name": "users", "credentials": plaintext}) == {"name": "users"}
    source, target = tmp_path / "s.json", tmp_path / "fixed.json"
    pending = _pending("CredentialList", "users", {**creds, "credentials": SECRET_CREDENTIALS})
    source.write_text(json.dumps(_exported(pending)))
    since = "2000-01-01T00:00:00Z"

    done = subprocess.run(
        [sys.executable, "-m", "pulumi_sinch_est.recovery", str(source), "--since", since, "--output", str(target)],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    used = (
        f"sinch-est-recover: using Sinch project {emulator.config.project_id} (credentials and URLs from environment)"
    )
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr.splitlines() == [
        f"{used}: EST {emulator.url}, Numbers {emulator.url}, auth {emulator.url}",
        f"adopted CredentialList users: {creds_id}",
    ]
    assert f'"ciphertext": "{CIPHERTEXT}"' in target.read_text()
    adopted = _by_name(json.loads(target.read_text()))["users"]
    assert adopted["inputs"]["credentials"] == adopted["outputs"]["credentials"] == SECRET_CREDENTIALS
    assert PASSWORD not in target.read_text()


def test_an_ambiguous_match_fails_naming_both_ids(
    emulator: EmulatorServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, acl = _make(AclProvider(), {"name": "office", "ip_ranges": ["203.0.113.0/28"]})
    second, _ = _make(AclProvider(), {"name": "office", "ip_ranges": ["203.0.113.0/28"]})  # a copy by hand
    source, target = tmp_path / "s.json", tmp_path / "fixed.json"
    source.write_text(json.dumps(_exported(_pending("Acl", "office", acl))))

    assert main([str(source), "--output", str(target)]) == 1

    error = capsys.readouterr().err
    assert first in error and second in error and "nothing written" in error, error
    assert not target.exists()


def test_other_operations_are_dropped(emulator: EmulatorServer, capsys: pytest.CaptureFixture[str]) -> None:
    trunk_id, trunk = _make(TrunkProvider(), {"name": "Voice", "host_name": "recovery-voice"})
    tracked = {**_pending("Trunk", "trunk", trunk)["resource"], "id": trunk_id, "outputs": trunk}
    exported = _exported(
        _pending("Trunk", "trunk", trunk, operation="updating"),
        _pending("aws:s3/bucket:Bucket", "logs", {"bucket": "logs"}),
        _pending("PhoneNumberAssignments", "numbers", {"phone_numbers": [NUMBER], "trunk_id": trunk_id}),
        resources=[tracked],
    )

    repaired, outcomes = repair(exported)

    assert repaired["deployment"]["resources"] == exported["deployment"]["resources"]
    assert [str(o) for o in outcomes] == [
        "dropped Trunk trunk: interrupted while updating; `pulumi refresh` reads its real state",
        "dropped aws:s3/bucket:Bucket logs: not of this package: check by hand whether its provider made it",
        "dropped PhoneNumberAssignments numbers: no lookup for this resource; the next `pulumi up` creates it",
    ]


def test_an_interrupted_replacement_retires_the_old_object(emulator: EmulatorServer) -> None:
    old_id, old = _make(TrunkProvider(), {"name": "Voice", "host_name": "recovery-old"})
    new_id, new = _make(TrunkProvider(), {"name": "Voice", "host_name": "recovery-new"})
    tracked = {**_pending("Trunk", "trunk", old)["resource"], "id": old_id, "outputs": old}

    repaired, _ = repair(
        _exported(_pending("Trunk", "trunk", new), resources=[tracked]), datetime(2000, 1, 1, tzinfo=UTC)
    )

    trunks = [(r["id"], r.get("delete", False)) for r in repaired["deployment"]["resources"][1:]]
    assert trunks == [(old_id, True), (new_id, False)]


def test_missing_credentials_fail_before_anything_is_written(
    emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, trunk = _make(TrunkProvider(), {"name": "Voice", "host_name": "recovery-voice"})
    monkeypatch.delenv("SINCH_PROJECT_ID")
    source, target = tmp_path / "s.json", tmp_path / "fixed.json"
    source.write_text(json.dumps(_exported(_pending("Trunk", "trunk", trunk))))

    assert main([str(source), "-o", str(target)]) == 1

    assert "SINCH_PROJECT_ID" in capsys.readouterr().err
    assert not target.exists()


def test_a_secret_natural_key_fails_rather_than_dropping_the_object(emulator: EmulatorServer) -> None:
    _, acl = _make(AclProvider(), {"name": "office", "ip_ranges": ["203.0.113.0/28"]})
    hidden = {**acl, "name": SECRET_CREDENTIALS}  # a program that made the list's name a secret

    with pytest.raises(RecoveryError, match="Acl office: its input 'name' is secret or missing"):
        repair(_exported(_pending("Acl", "office", hidden)))


IDENTICAL: dict[str, tuple[EstProvider, dict[str, Any]]] = {
    "Acl": (AclProvider(), {"name": "office", "ip_ranges": ["203.0.113.0/28"]}),
    "CredentialList": (
        CredentialListProvider(),
        {"name": "users", "credentials": [{"username": "pbx", "password": PASSWORD}]},
    ),
    "CallBlockingRule": (
        CallBlockingRuleProvider(),
        {"name": "no-premium", "direction": "OUTBOUND", "callee_match": "1900"},
    ),
}
"""Objects with no unique name: another stack may own one identical to what this stack declares."""


def _pending_like(kind: str, inputs: dict[str, Any]) -> dict[str, Any]:
    """The pending create an interrupted run leaves for `inputs`, secrets as ciphertext."""
    hidden = {"credentials": SECRET_CREDENTIALS} if kind == "CredentialList" else {}
    return _pending(kind, kind.lower(), {**inputs, **hidden})


def test_an_identical_object_made_before_the_run_is_never_adopted(emulator: EmulatorServer) -> None:
    theirs = {kind: _make(provider, inputs) for kind, (provider, inputs) in IDENTICAL.items()}
    since = datetime.now(UTC)  # this stack's run starts; its creates never happened
    exported = _exported(*(_pending_like(kind, inputs) for kind, (_, inputs) in theirs.items()))

    repaired, outcomes = repair(exported, since)

    assert [str(o) for o in outcomes] == [
        f"dropped {kind} {kind.lower()}: not found in Sinch: the create did not happen" for kind in IDENTICAL
    ]
    assert [r["urn"] for r in repaired["deployment"]["resources"]] == [STACK_URN]


def test_beside_an_older_identical_object_the_run_s_own_is_adopted(emulator: EmulatorServer) -> None:
    for provider, inputs in IDENTICAL.values():
        _make(provider, inputs)  # someone else's, before the run
    since = datetime.now(UTC)
    ours = {kind: _make(provider, inputs) for kind, (provider, inputs) in IDENTICAL.items()}
    exported = _exported(*(_pending_like(kind, inputs) for kind, (_, inputs) in ours.items()))

    _, outcomes = repair(exported, since)

    assert [str(o) for o in outcomes] == [f"adopted {kind} {kind.lower()}: {made}" for kind, (made, _) in ours.items()]


def test_without_since_a_match_stops_the_run_naming_it(
    emulator: EmulatorServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    acl_id, acl = _make(*IDENTICAL["Acl"])
    source, target = tmp_path / "s.json", tmp_path / "fixed.json"
    source.write_text(json.dumps(_exported(_pending("Acl", "office", acl))))

    assert main([str(source), "--output", str(target)]) == 1

    error = capsys.readouterr().err
    assert f"{acl_id} (created " in error and "age unknown" in error, error
    assert "give --since" in error and "import_id" in error and "nothing written" in error, error
    assert not target.exists()


def test_a_credential_list_is_never_matched_by_its_name_alone(emulator: EmulatorServer) -> None:
    """A state written before the usernames were kept readable has only the list's name to go on: that
    proves nothing (another stack's list may share it), so the run stops. This replaces the earlier
    behaviour, which adopted the one list with the name."""
    _, creds = _make(*IDENTICAL["CredentialList"])
    older = {k: v for k, v in creds.items() if k != LOOKUP_USERNAMES}

    with pytest.raises(
        RecoveryError, match="CredentialList credentiallist: its input 'lookup_usernames' is secret or missing"
    ):
        repair(_exported(_pending_like("CredentialList", older)), datetime(2000, 1, 1, tzinfo=UTC))


def test_it_says_which_project_and_hosts_it_uses_and_writes_mode_0600(
    emulator: EmulatorServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    since = datetime.now(UTC).isoformat()  # the killed run started
    trunk_id, trunk = _make(TrunkProvider(), {"name": "Voice", "host_name": "recovery-mode"})
    source, target = tmp_path / "s.json", tmp_path / "fixed.json"
    source.write_text(json.dumps(_exported(_pending("Trunk", "trunk", trunk))))
    target.write_text("{}")
    target.chmod(0o644)  # an older file of the same name keeps no wider mode

    assert main([str(source), "--since", since, "-o", str(target)]) == 0

    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    first_line = capsys.readouterr().err.splitlines()[0]
    assert first_line == (
        f"sinch-est-recover: using Sinch project {emulator.config.project_id} (credentials and URLs from "
        f"environment): EST {emulator.url}, Numbers {emulator.url}, auth {emulator.url}"
    )
    assert _by_name(json.loads(target.read_text()))["trunk"]["id"] == trunk_id


def test_stack_config_from_pulumi_config_json_is_a_layer_like_the_providers(
    emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--config <(pulumi config --show-secrets --json)`: the stack's key, and never a stray SINCH_*_URL."""
    since = datetime.now(UTC).isoformat()  # the killed run started
    trunk_id, trunk = _make(TrunkProvider(), {"name": "Voice", "host_name": "recovery-config"})
    env = emulator.env()
    for key in env:
        monkeypatch.delenv(key)
    config = {
        "sinch:projectId": {"value": env["SINCH_PROJECT_ID"], "secret": False},
        "sinch:keyId": {"value": env["SINCH_KEY_ID"], "secret": False},
        "sinch:keySecret": {"value": env["SINCH_KEY_SECRET"], "secret": True},
        "sinch:estUrl": {"value": env["SINCH_EST_URL"], "secret": False},
        "sinch:authUrl": {"value": env["SINCH_AUTH_URL"], "secret": False},
        "sinch:numbersUrl": {"value": env["SINCH_NUMBERS_URL"], "secret": False},
        "voice:region": {"value": "eu", "secret": False},
    }
    source, target, settings = tmp_path / "s.json", tmp_path / "fixed.json", tmp_path / "config.json"
    source.write_text(json.dumps(_exported(_pending("Trunk", "trunk", trunk))))
    settings.write_text(json.dumps(config))

    assert main([str(source), "--since", since, "--config", str(settings), "-o", str(target)]) == 0
    assert "(credentials and URLs from stack config)" in capsys.readouterr().err
    assert _by_name(json.loads(target.read_text()))["trunk"]["id"] == trunk_id

    monkeypatch.setenv("SINCH_EST_URL", "http://127.0.0.1:9")
    target.unlink()
    assert main([str(source), "--since", since, "--config", str(settings), "-o", str(target)]) == 1
    error = capsys.readouterr().err
    assert "stack config `sinch:keyId`" in error and "environment variable SINCH_EST_URL" in error
    assert not target.exists()


def test_a_config_export_without_its_secrets_is_refused(
    emulator: EmulatorServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, settings = tmp_path / "s.json", tmp_path / "config.json"
    source.write_text(json.dumps(_exported()))
    settings.write_text(json.dumps({"sinch:keySecret": {"value": "[secret]", "secret": True}}))

    assert main([str(source), "--config", str(settings)]) == 1
    assert "--show-secrets" in capsys.readouterr().err


def test_help_points_to_the_recipe_and_version_is_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    for flag in ("--help", "--version"):
        with pytest.raises(SystemExit) as exited:
            main([flag])
        assert exited.value.code == 0
    said = " ".join(capsys.readouterr().out.split())

    assert "docs/troubleshooting.md#up-killed" in said and "--config" in said
    assert said.endswith(f"sinch-est-recover {importlib.metadata.version('pulumi-sinch-est')}")
