"""Passwords sent in a request body never come back in an error: a server that echoes the rejected value
(the emulator with `echoRejectedValues`) is answered with a message that masks it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from pulumi_sinch_est.client import BadRequestError, CredentialListRequest, CredentialRequest, SinchClient
from pulumi_sinch_est.client.redaction import MASK, secrets_in
from pulumi_sinch_est.config import resolve_settings
from pulumi_sinch_est.emulator import EmulatorConfig, EmulatorServer

WEAK = "Weak-Passw0"
"""Breaks the emulator's 12-character rule, so the server refuses it and (when told to) echoes it."""
GOOD = "Good-Passw0rd-2024"


@pytest.fixture
def echoing() -> Iterator[SinchClient]:
    with EmulatorServer(EmulatorConfig(port=0)) as server:
        httpx.patch(f"{server.url}/_emulator/config", json={"echoRejectedValues": True}).raise_for_status()
        client = SinchClient(resolve_settings(environ=server.env()), transport=httpx.HTTPTransport())
        yield client
        client.close()


def _said(error: BadRequestError) -> str:
    return " ".join([str(error), *(f"{name} {text}" for name, text in error.field_violations)])


def test_a_rejected_password_at_creation_is_masked(echoing: SinchClient) -> None:
    request = CredentialListRequest(name="Desk", credentials=[CredentialRequest(username="desk01", password=WEAK)])

    with pytest.raises(BadRequestError) as caught:
        echoing.credential_lists.create(request)

    said = _said(caught.value)
    assert WEAK not in said and MASK in said, said


def test_a_rejected_password_rotation_is_masked(echoing: SinchClient) -> None:
    request = CredentialListRequest(name="Desk", credentials=[CredentialRequest(username="desk01", password=GOOD)])
    created = echoing.credential_lists.create(request)

    with pytest.raises(BadRequestError) as caught:
        echoing.credential_lists.set_password(str(created.id), "desk01", WEAK)

    said = _said(caught.value)
    assert WEAK not in said and MASK in said, said


def test_secret_fields_are_found_at_any_depth() -> None:
    body = {"name": "n", "credentials": [{"username": "u", "password": "p1"}], "keySecret": "s", "n": 3}

    assert secrets_in(body) == ["p1", "s"]
