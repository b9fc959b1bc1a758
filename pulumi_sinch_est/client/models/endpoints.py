"""SIP endpoints of a trunk (``/trunks/{id}/endpoints``): static (an address) or registered (a username)."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import AliasChoices, Field, model_validator

from ._base import RequestModel, ResponseModel, Timestamp

Transport = Literal["UDP", "TCP", "TLS"]

DEFAULT_SIP_PORT = 5060


class Endpoint(ResponseModel):
    id: str | None = None
    sip_trunk_id: str | None = None
    project_id: str | None = None
    name: str | None = None
    transport: str | None = None
    priority: int | None = None
    """Lower is tried first; equal priorities share calls round-robin."""
    enabled: bool | None = None
    address: str | None = None
    """Static endpoints: the IPv4 address or host name Sinch sends calls to."""
    port: int | None = None
    is_registered: bool | None = None
    """True for registered endpoints; absent or false for static ones."""
    credential_username: str | None = Field(
        default=None,
        validation_alias=AliasChoices("credentialUsername", "credentialUserName", "credential_username"),
    )
    """Registered endpoints: the credential username the SIP client registers with. The SDK also knows a
    deprecated ``credentialUserName`` spelling, read here too."""
    create_time: Timestamp = None
    update_time: Timestamp = None


class EndpointRequest(RequestModel):
    """Create and replace body for either kind of endpoint.

    Exactly one of ``address`` (static) or ``credential_username`` (registered) is given. The other kind's
    fields are left out rather than sent as null. The API's defaults for port and registration flag are
    filled in here, because a PUT nulls whatever it is not sent.
    """

    name: str
    priority: int
    transport: Transport = "UDP"
    enabled: bool = True
    address: str | None = None
    port: int | None = None
    is_registered: bool | None = None
    credential_username: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Self:
        if (self.address is None) == (self.credential_username is None):
            raise ValueError("give exactly one of address (static endpoint) or credential_username (registered)")
        if self.address is not None and self.port is None:
            self.port = DEFAULT_SIP_PORT
        if self.credential_username is not None and self.is_registered is None:
            self.is_registered = True
        return self
