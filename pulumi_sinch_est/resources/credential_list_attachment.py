"""`CredentialListAttachment`: one credential list linked to one trunk."""

from __future__ import annotations

from typing import TypedDict, Unpack

import pulumi
import pulumi.dynamic

from ..providers.credential_list_attachment import CredentialListAttachmentProvider
from ._common import MODULE, resource_props

_PROVIDER = CredentialListAttachmentProvider()


class CredentialListAttachmentArgs(TypedDict, total=False):
    """Arguments of `CredentialListAttachment`; pass them as keywords or as one
    `CredentialListAttachmentArgs(...)`."""

    trunk_id: pulumi.Input[str]
    """Id of the trunk, usually `Trunk.id`. Changing it replaces the link."""
    credential_list_id: pulumi.Input[str]
    """Id of the credential list, usually `CredentialList.id`. Changing it (a replaced list included)
    replaces the link; the new one is made before the old one is removed."""
    import_id: pulumi.Input[str]
    """`"<trunk_id>/<credential_list_id>"` of a link that already exists, to take it over without a write."""


class CredentialListAttachment(pulumi.dynamic.Resource, module=MODULE, name="CredentialListAttachment"):
    """The link that makes a trunk accept a list's credentials. Its id is `<trunk_id>/<credential_list_id>`.

    A trunk may use several lists: one `CredentialListAttachment` each. Links made outside Pulumi are
    left alone.

    Example::

        trunk = Trunk("trunk")
        config = pulumi.Config()
        devices = CredentialList(
            "devices", credentials=[{"username": "desk-phone", "password": config.require_secret("sipPassword")}]
        )
        CredentialListAttachment("devices-link", trunk_id=trunk.id, credential_list_id=devices.id)

    Arguments (keywords, or one `CredentialListAttachmentArgs`):
        trunk_id: Id of the trunk, usually `Trunk.id`. Changing it replaces the link.
        credential_list_id: Id of the credential list, usually `CredentialList.id`. Changing it (a replaced list
            included) replaces the link; the new one is made before the old one is removed.
        import_id: `"<trunk_id>/<credential_list_id>"` of a link that already exists, to take it over without a
            write.

    Outputs, besides `id`:
        `trunk_id`, `credential_list_id`, `import_id`: echo the arguments as applied (defaults filled in, values
            normalised).

    Reference page: docs/reference/credential_list_attachment.md.
    """

    trunk_id: pulumi.Output[str]
    credential_list_id: pulumi.Output[str]
    import_id: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        args: CredentialListAttachmentArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[CredentialListAttachmentArgs],
    ) -> None:
        super().__init__(_PROVIDER, resource_name, resource_props(args, kwargs, _OUTPUTS), opts)


_OUTPUTS = tuple(CredentialListAttachment.__annotations__)
