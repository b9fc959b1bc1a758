"""Credential lists (``/credentialLists``): username/password pairs for SIP digest auth and REGISTER."""

from __future__ import annotations

from pydantic import Field

from ._base import RequestModel, ResponseModel, Timestamp


class Credential(ResponseModel):
    """A credential as the API returns it: passwords are never sent back."""

    id: str | None = None
    username: str | None = None


class CredentialRequest(RequestModel):
    username: str
    password: str = Field(repr=False)


class CredentialList(ResponseModel):
    id: str | None = None
    name: str | None = None
    credentials: list[Credential] | None = None
    project_id: str | None = None
    create_time: Timestamp = None
    update_time: Timestamp = None


class CredentialListRequest(RequestModel):
    """Create body. There is no call to add a credential to an existing list; renames send only the name."""

    name: str
    credentials: list[CredentialRequest] | None = None
