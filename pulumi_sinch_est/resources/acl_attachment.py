"""`AclAttachment`: one access control list linked to one trunk."""

from __future__ import annotations

from typing import TypedDict, Unpack

import pulumi
import pulumi.dynamic

from ..providers.acl_attachment import AclAttachmentProvider
from ._common import MODULE, resource_props

_PROVIDER = AclAttachmentProvider()


class AclAttachmentArgs(TypedDict, total=False):
    """Arguments of `AclAttachment`; pass them as keywords or as one `AclAttachmentArgs(...)`."""

    trunk_id: pulumi.Input[str]
    """Id of the trunk, usually `Trunk.id`. Changing it replaces the link."""
    acl_id: pulumi.Input[str]
    """Id of the access control list, usually `Acl.id`. Changing it replaces the link (the new one is
    made before the old one is removed)."""
    import_id: pulumi.Input[str]
    """`"<trunk_id>/<acl_id>"` of a link that already exists, to take it over without a write."""


class AclAttachment(pulumi.dynamic.Resource, module=MODULE, name="AclAttachment"):
    """The link that makes a trunk admit calls from an ACL's ranges. Its id is `<trunk_id>/<acl_id>`.

    A trunk may use several lists: one `AclAttachment` each. Links made outside Pulumi are left alone.

    Example::

        trunk = Trunk("trunk")
        acl = Acl("office", ip_ranges=["203.0.113.10/32"])
        AclAttachment("office-link", trunk_id=trunk.id, acl_id=acl.id)

    Arguments (keywords, or one `AclAttachmentArgs`):
        trunk_id: Id of the trunk, usually `Trunk.id`. Changing it replaces the link.
        acl_id: Id of the access control list, usually `Acl.id`. Changing it replaces the link (the new one is made
            before the old one is removed).
        import_id: `"<trunk_id>/<acl_id>"` of a link that already exists, to take it over without a write.

    Outputs, besides `id`:
        `trunk_id`, `acl_id`, `import_id`: echo the arguments as applied (defaults filled in, values normalised).

    Reference page: docs/reference/acl_attachment.md.
    """

    trunk_id: pulumi.Output[str]
    acl_id: pulumi.Output[str]
    import_id: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        args: AclAttachmentArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[AclAttachmentArgs],
    ) -> None:
        super().__init__(_PROVIDER, resource_name, resource_props(args, kwargs, _OUTPUTS), opts)


_OUTPUTS = tuple(AclAttachment.__annotations__)
