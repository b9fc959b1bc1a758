"""`CredentialList`: SIP usernames and passwords, for digest auth of a trunk's outbound calls and for
registered endpoints."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict, Unpack

import pulumi
import pulumi.dynamic

from ..providers.credential_list import CredentialListProvider
from ._common import MODULE, resource_props

_PROVIDER = CredentialListProvider()
_SECRET_OUTPUTS = ["password_fingerprints"]


class CredentialArgs(TypedDict):
    """One credential of `CredentialList.credentials`."""

    username: pulumi.Input[str]
    """The SIP username, unique within the list."""
    password: pulumi.Input[str]
    """At least 12 characters with an upper-case letter, a lower-case letter and a digit. Stored
    encrypted in state and never returned as an output; changing it updates the credential in place."""


class CredentialListArgs(TypedDict, total=False):
    """Arguments of `CredentialList`; pass them as keywords or as one `CredentialListArgs(...)`."""

    name: pulumi.Input[str]
    """Friendly name shown in the Sinch dashboard; defaults to the resource name."""
    credentials: pulumi.Input[Sequence[pulumi.Input[CredentialArgs]]]
    """The list's credentials, in any order, each username once. Renaming the list, changing a password
    or removing a username is an update in place; adding a username replaces the list, because the API
    cannot add a credential to an existing list. A registered endpoint using one of the list's usernames
    blocks the deletion of the old list, so add usernames such endpoints need in another list."""
    import_id: pulumi.Input[str]
    """Id of an existing credential list to adopt instead of creating one, without a write. Its passwords
    cannot be read: the ones given here are trusted to be the live ones (nothing is sent), and a later
    change of one rotates it; the preview shows any other drift."""


class CredentialList(pulumi.dynamic.Resource, module=MODULE, name="CredentialList"):
    """A credential list: SIP usernames and passwords, for digest authentication of a trunk's outbound
    calls and for registered endpoints. Its id is the API's list id.

    Link it to a trunk with `CredentialListAttachment`. `credentials` are wrapped as a secret, so
    passwords are encrypted in state; no output carries them.

    Example::

        trunk = Trunk("trunk")
        config = pulumi.Config()
        devices = CredentialList(
            "devices", credentials=[{"username": "desk-phone", "password": config.require_secret("sipPassword")}]
        )
        CredentialListAttachment("devices-link", trunk_id=trunk.id, credential_list_id=devices.id)

    Arguments (keywords, or one `CredentialListArgs`):
        name: Friendly name shown in the Sinch dashboard; defaults to the resource name.
        credentials: The list's credentials, in any order, each username once. Renaming the list, changing a
            password or removing a username is an update in place; adding a username replaces the list, because the
            API cannot add a credential to an existing list. A registered endpoint using one of the list's usernames
            blocks the deletion of the old list, so add usernames such endpoints need in another list.
        import_id: Id of an existing credential list to adopt instead of creating one, without a write. Its
            passwords cannot be read: the ones given here are trusted to be the live ones (nothing is sent), and a
            later change of one rotates it; the preview shows any other drift.

    `CredentialArgs`:
        username: The SIP username, unique within the list.
        password: At least 12 characters with an upper-case letter, a lower-case letter and a digit. Stored
            encrypted in state and never returned as an output; changing it updates the credential in place.

    Outputs, besides `id`:
        `name`, `import_id`: echo the arguments as applied (defaults filled in, values normalised).
        usernames: The list's usernames, sorted.
        credential_ids: The API's id of each credential, by username.
        password_fingerprints: A salted slow hash of each password last set, by username (a secret): how a rotation
            is noticed without keeping the password.

    Reference page: docs/reference/credential_list.md.
    """

    name: pulumi.Output[str]
    usernames: pulumi.Output[list[str]]
    """The list's usernames, sorted."""
    credential_ids: pulumi.Output[dict[str, str]]
    """The API's id of each credential, by username."""
    password_fingerprints: pulumi.Output[dict[str, str]]
    """A salted slow hash of each password last set, by username (a secret): how a rotation is noticed
    without keeping the password."""
    import_id: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        args: CredentialListArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[CredentialListArgs],
    ) -> None:
        props = resource_props(args, kwargs, _OUTPUTS, default_name=resource_name)
        if props.get("credentials") is not None:
            props["credentials"] = pulumi.Output.secret(props["credentials"])
        secret_outputs = pulumi.ResourceOptions(additional_secret_outputs=_SECRET_OUTPUTS)
        super().__init__(_PROVIDER, resource_name, props, pulumi.ResourceOptions.merge(opts, secret_outputs))


_OUTPUTS = tuple(CredentialList.__annotations__)
