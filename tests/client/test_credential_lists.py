"""Credential list operations; passwords are sent but never shown."""

from __future__ import annotations

import pytest
import respx

from pulumi_sinch_est.client import (
    BadRequestError,
    CredentialListRequest,
    CredentialRequest,
    NotFoundError,
    SinchClient,
)

from .conftest import EST_BASE, sent_json

PASSWORD = "SecurePassword!234"
CREATED = {
    "id": "01W4FFL35P4NC4K35CREDLIST01",
    "name": "Multi credentials list",
    "projectId": "tinyfrog-jump-high-over-lilypadbasin",
    "createTime": "2024-06-06T14:42:42.377955382Z",
    "updateTime": None,
    "credentials": [
        {"id": "01W4FFL35P4NC4K35CREDENTIAL1", "username": "User01"},
        {"id": "01W4FFL35P4NC4K35CREDENTIAL2", "username": "User02"},
    ],
}


def test_create_sends_passwords_and_parses_usernames(client: SinchClient, router: respx.MockRouter) -> None:
    route = router.post(f"{EST_BASE}/credentialLists").respond(201, json=CREATED)

    created = client.credential_lists.create(
        CredentialListRequest(
            name="Multi credentials list",
            credentials=[
                CredentialRequest(username="User01", password=PASSWORD),
                CredentialRequest(username="User02", password=PASSWORD),
            ],
        )
    )

    assert sent_json(route.calls.last) == {
        "name": "Multi credentials list",
        "credentials": [
            {"username": "User01", "password": PASSWORD},
            {"username": "User02", "password": PASSWORD},
        ],
    }
    assert [c.username for c in created.credentials or []] == ["User01", "User02"]


def test_password_is_not_in_the_request_repr() -> None:
    request = CredentialListRequest(name="l", credentials=[CredentialRequest(username="u", password=PASSWORD)])

    assert PASSWORD not in repr(request)
    assert PASSWORD not in str(request)


def test_get_list_rename_delete_list_trunks(client: SinchClient, router: respx.MockRouter) -> None:
    base = f"{EST_BASE}/credentialLists"
    router.get(f"{base}/C1").respond(200, json=CREATED)
    router.get(base).respond(
        200, json={"credentialLists": [CREATED], "totalItems": 1, "pageNumber": 1, "pageSize": 500}
    )
    rename = router.put(f"{base}/C1").respond(200, json={**CREATED, "name": "renamed"})
    delete = router.delete(f"{base}/C1").respond(204)
    router.get(f"{base}/C1/trunks").respond(
        200, json={"trunks": [{"id": "T1"}], "totalItems": 1, "pageNumber": 1, "pageSize": 500}
    )

    assert client.credential_lists.get("C1").name == "Multi credentials list"
    assert [c.id for c in client.credential_lists.list()] == ["01W4FFL35P4NC4K35CREDLIST01"]
    assert client.credential_lists.rename("C1", "renamed").name == "renamed"
    client.credential_lists.delete("C1")
    assert [t.id for t in client.credential_lists.list_trunks("C1")] == ["T1"]

    assert sent_json(rename.calls.last) == {"name": "renamed"}
    assert delete.called


def test_set_password_and_delete_credential(client: SinchClient, router: respx.MockRouter) -> None:
    put = router.put(f"{EST_BASE}/credentialLists/C1/credentials/User01").respond(
        200, json={"id": "01W4FFL35P4NC4K35CREDENTIAL1", "username": "User01"}
    )
    delete = router.delete(f"{EST_BASE}/credentialLists/C1/credentials/User01").respond(204)

    credential = client.credential_lists.set_password("C1", "User01", "newPa$$word123")
    client.credential_lists.delete_credential("C1", "User01")

    assert sent_json(put.calls.last) == {"password": "newPa$$word123"}
    assert credential.username == "User01"
    assert delete.called


def test_usernames_are_percent_encoded_in_paths(client: SinchClient, router: respx.MockRouter) -> None:
    route = router.delete(f"{EST_BASE}/credentialLists/C1/credentials/a%2Fb%20c").respond(204)

    client.credential_lists.delete_credential("C1", "a/b c")

    assert route.called


def test_unknown_username_is_not_found(client: SinchClient, router: respx.MockRouter) -> None:
    router.put(f"{EST_BASE}/credentialLists/C1/credentials/ghost").respond(
        404, json={"code": 404, "status": "NOT_FOUND", "message": "no credential ghost"}
    )

    with pytest.raises(NotFoundError, match="setting the password of 'ghost' in credential list C1 failed"):
        client.credential_lists.set_password("C1", "ghost", PASSWORD)


def test_weak_password_echo_is_scrubbed_and_explained(client: SinchClient, router: respx.MockRouter) -> None:
    router.post(f"{EST_BASE}/credentialLists").respond(
        400,
        json={
            "code": 400,
            "status": "INVALID_ARGUMENT",
            "message": 'Bad request: {"username":"u","password":"weakpass"}',
            "details": [
                {
                    "type": "BadRequest",
                    "fieldViolations": [
                        {"field": "credentials[0].password", "description": "password=weakpass too weak"}
                    ],
                }
            ],
        },
    )

    with pytest.raises(BadRequestError) as caught:
        client.credential_lists.create(
            CredentialListRequest(name="l", credentials=[CredentialRequest(username="u", password="weakpass")])
        )

    message = str(caught.value)
    assert "weakpass" not in message
    assert "credentials[0].password: password=[REDACTED] too weak" in message
    assert "at least 12 characters" in message


def test_find_by_name(client: SinchClient, router: respx.MockRouter) -> None:
    router.get(f"{EST_BASE}/credentialLists").respond(
        200, json={"credentialLists": [CREATED], "totalItems": 1, "pageNumber": 1, "pageSize": 500}
    )

    found = client.credential_lists.find_by_name("Multi credentials list")

    assert found is not None and found.id == "01W4FFL35P4NC4K35CREDLIST01"
    assert client.credential_lists.find_by_name("nope") is None
