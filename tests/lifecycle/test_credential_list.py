"""CredentialList through the real engine against the emulator: the lifecycle matrix, plus proof that no
password reaches the state."""

from __future__ import annotations

import base64
import json
from typing import Any

import pulumi
import pytest
from pulumi import automation as auto

from pulumi_sinch_est.resources.credential_list import CredentialArgs, CredentialList

from .conftest import Sinch, auto_ops

pytestmark = pytest.mark.engine

ALICE = "Alice-Passw0rd-One"
BOB = "Bob-Passw0rd-Two"
ROTATED = "Alice-Passw0rd-Rotated"
CAROL = "Carol-Passw0rd-Three"


def _program(name: str = "Office", **passwords: str) -> Any:
    given = passwords or {"alice": ALICE, "bob": BOB}
    credentials = [CredentialArgs(username=u, password=p) for u, p in given.items()]

    def program() -> None:
        cred_list = CredentialList("main", name=name, credentials=credentials)
        pulumi.export("id", cred_list.id)
        pulumi.export("usernames", cred_list.usernames)

    return program


def _live(sinch: Sinch, list_id: str) -> tuple[str, list[str]]:
    body = sinch.api.get(f"/credentialLists/{list_id}").json()
    return body["name"], sorted(c["username"] for c in body["credentials"])


def _writes(sinch: Sinch) -> list[str]:
    return [w.replace(f"/v1/projects/{sinch.server.env()['SINCH_PROJECT_ID']}", "") for w in sinch.writes()]


def test_credential_list_basic(sinch: Sinch) -> None:
    stack = sinch.stack(_program(bob=BOB, alice=ALICE))
    sinch.clear_requests()
    outputs = stack.up().outputs
    list_id = outputs["id"].value
    assert _writes(sinch) == ["POST /credentialLists"]
    assert outputs["usernames"].value == ["alice", "bob"]
    assert _live(sinch, list_id) == ("Office", ["alice", "bob"])

    sinch.clear_requests()
    stack.preview(expect_no_changes=True)
    stack.refresh(expect_no_changes=True)
    stack.preview(expect_no_changes=True)
    assert sinch.writes() == []


def test_credential_list_update(sinch: Sinch) -> None:
    stack = sinch.stack(_program())
    list_id = stack.up().outputs["id"].value

    sinch.clear_requests()
    assert auto_ops(stack, _program(name="Office renamed", alice=ROTATED)) == {"update"}
    assert _writes(sinch) == [
        f"PUT /credentialLists/{list_id}",
        f"PUT /credentialLists/{list_id}/credentials/alice",
        f"DELETE /credentialLists/{list_id}/credentials/bob",
    ]
    assert stack.outputs()["id"].value == list_id
    assert _live(sinch, list_id) == ("Office renamed", ["alice"])
    stack.preview(expect_no_changes=True)

    sinch.clear_requests()
    assert auto_ops(stack, _program(name="Office renamed", alice=ALICE)) == {"update"}, "a rotation alone"
    assert _writes(sinch) == [f"PUT /credentialLists/{list_id}/credentials/alice"]
    stack.preview(expect_no_changes=True)


def test_credential_list_replace(sinch: Sinch) -> None:
    stack = sinch.stack(_program())
    old_id = stack.up().outputs["id"].value

    ops = auto_ops(stack, _program(alice=ALICE, bob=BOB, carol=CAROL))
    assert "replace" in ops, "the API cannot add a credential to a list"
    new_id = stack.outputs()["id"].value
    assert new_id != old_id
    assert [c["id"] for c in sinch.api.get("/credentialLists").json()["credentialLists"]] == [new_id]
    assert _live(sinch, new_id) == ("Office", ["alice", "bob", "carol"])
    stack.preview(expect_no_changes=True)


def test_credential_list_drift(sinch: Sinch) -> None:
    program = _program()
    stack = sinch.stack(program)
    list_id = stack.up().outputs["id"].value
    sinch.api.put(f"/credentialLists/{list_id}", json={"name": "changed by hand"}).raise_for_status()

    with pytest.raises(auto.errors.CommandError):
        stack.preview(expect_no_changes=True, refresh=True)
    assert auto_ops(stack, program, refresh=True) - {"refresh"} == {"update"}
    assert _live(sinch, list_id) == ("Office", ["alice", "bob"])
    stack.preview(expect_no_changes=True, refresh=True)

    # A username removed by hand cannot be added back to the list: the list is replaced.
    sinch.api.delete(f"/credentialLists/{list_id}/credentials/bob").raise_for_status()
    assert "replace" in auto_ops(stack, program, refresh=True)
    assert _live(sinch, stack.outputs()["id"].value) == ("Office", ["alice", "bob"])


def test_credential_list_disappears(sinch: Sinch) -> None:
    program = _program()
    stack = sinch.stack(program)
    list_id = stack.up().outputs["id"].value
    sinch.api.delete(f"/credentialLists/{list_id}").raise_for_status()

    stack.refresh()
    assert auto_ops(stack, program) == {"create"}
    assert stack.outputs()["id"].value != list_id


def test_credential_list_adopt(sinch: Sinch) -> None:
    credentials = [CredentialArgs(username="alice", password=ALICE)]
    body = {"name": "Made by hand", "credentials": credentials}
    existing = sinch.api.post("/credentialLists", json=body).json()
    sinch.clear_requests()

    def program() -> None:
        CredentialList("main", name="Made by hand", credentials=credentials, import_id=existing["id"])

    stack = sinch.stack(program)
    assert auto_ops(stack, program) == {"create"}
    assert sinch.writes() == []

    # The adopted list's passwords cannot be read back: the ones given are trusted, so nothing changes...
    stack.preview(expect_no_changes=True)
    assert auto_ops(stack, program) == {"same"}
    assert _writes(sinch) == []

    # ...until one of them does: then it is sent, once.
    rotated = [CredentialArgs(username="alice", password=BOB)]

    def rotating() -> None:
        CredentialList("main", name="Made by hand", credentials=rotated, import_id=existing["id"])

    assert auto_ops(stack, rotating) == {"update"}
    assert _writes(sinch) == [f"PUT /credentialLists/{existing['id']}/credentials/alice"]
    stack.preview(expect_no_changes=True)


@pytest.mark.parametrize(
    ("credentials", "field", "shown"),
    [
        ([{"username": "alice", "password": "weakpassword"}], "credentials[0].password", "hidden"),
        (
            [{"username": "alice", "password": ALICE}, {"username": "alice", "password": BOB}],
            "credentials",
            "repeats username 'alice'",
        ),
        ([{"username": "", "password": ALICE}], "credentials[0].username", "''"),
    ],
    ids=["weak-password", "duplicate-username", "empty-username"],
)
def test_credential_list_invalid(sinch: Sinch, credentials: list[CredentialArgs], field: str, shown: str) -> None:
    def program() -> None:
        CredentialList("main", credentials=credentials)

    stack = sinch.stack(program)
    sinch.clear_requests()
    with pytest.raises(auto.errors.CommandError) as failure:
        stack.preview()
    message = str(failure.value)
    assert "main" in message and field in message and shown in message
    for item in credentials:
        assert str(item["password"]) not in message
    assert sinch.writes() == []


def test_credential_list_secrets(sinch: Sinch) -> None:
    stack = sinch.stack(_program(alice=ALICE))
    stack.up()
    auto_ops(stack, _program(alice=ROTATED))
    before_refresh = stack.export_stack().deployment
    stack.refresh(expect_no_changes=True)
    passwords = (ALICE.encode(), ROTATED.encode())

    # What the backend stores (checkpoints, history, backups) holds no password, not even old ones.
    files = [p for p in (sinch.engine.root / "state").rglob("*") if p.is_file()]
    assert files
    for path in files:
        assert not any(password in path.read_bytes() for password in passwords), path

    # `export_stack` decrypts secrets (it runs `stack export --show-secrets`): every password it shows
    # must sit inside a value the engine keeps encrypted, and no output carries one, secret or not.
    # (A refresh hands back the inputs it can read, which leaves the secret `credentials` out.)
    for deployment in (before_refresh, stack.export_stack().deployment):
        assert all(password.decode() not in json.dumps(_without_secrets(deployment)) for password in passwords)
        resource = _main(deployment)
        assert all(password.decode() not in json.dumps(resource["outputs"]) for password in passwords)
        assert _is_secret(resource["outputs"]["password_fingerprints"])
        assert resource["outputs"]["usernames"] == ["alice"]
    credentials = _main(before_refresh)["inputs"]["credentials"]
    assert _is_secret(credentials) and credentials["plaintext"] == json.dumps(
        [{"password": ROTATED, "username": "alice"}], separators=(",", ":")
    )

    # `__provider` is the small by-reference pickle of a provider that holds nothing.
    resource = _main(stack.export_stack().deployment)
    provider = resource["outputs"]["__provider"]
    assert provider == resource["inputs"]["__provider"]
    assert isinstance(provider, str) and len(provider) < 400
    blob = base64.b64decode(provider)
    assert b"credential_list" in blob and not any(password in blob for password in passwords)


def _main(deployment: Any) -> Any:
    (resource,) = [r for r in deployment["resources"] if r["urn"].endswith("::main")]
    return resource


def _without_secrets(value: Any) -> Any:
    if _is_secret(value):
        return "[secret]"
    if isinstance(value, dict):
        return {k: _without_secrets(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_secrets(v) for v in value]
    return value


SIG_KEY, SECRET_SIG = "4dabf18193072939515e22adb298388d", "1b47061264138c4ac30d75fd1eb44270"
"""How a state file marks a secret value (Pulumi's property-value signature for secrets)."""


def _is_secret(value: Any) -> bool:
    """A value the engine stores encrypted, as `export_stack` shows it: decrypted, but still marked."""
    return isinstance(value, dict) and value.get(SIG_KEY) == SECRET_SIG
