"""Provider for `AclAttachment`: one access control list linked to one trunk.

API calls: create `POST /trunks/{trunkId}/accessControlLists` with `{"accessControlListIds": [aclId]}`
(one write; when adopting with `import_id`, `GET /trunks/{trunkId}/accessControlLists` instead, checking
the link exists); read `GET /trunks/{trunkId}/accessControlLists` (the link is gone when the trunk's ids
leave out `acl_id`, or the trunk is gone); delete `DELETE /trunks/{trunkId}/accessControlLists/{aclId}`
(404 is success).

The id is `<trunk_id>/<acl_id>`; replacement rules and the choices where est-api.md is silent are those
of every attachment (`_attachment`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationInfo, field_validator

from ._attachment import AttachmentProvider, check_import_id
from ._base import InputModel
from ._fields import ObjectId

if TYPE_CHECKING:
    from ..client.trunks import Trunks


class AclAttachmentInputs(InputModel):
    trunk_id: ObjectId
    acl_id: ObjectId
    import_id: str | None = None

    @field_validator("import_id")
    @classmethod
    def _names_this_link(cls, value: str | None, info: ValidationInfo) -> str | None:
        return check_import_id(value, info.data.get("trunk_id"), info.data.get("acl_id"), "acl_id")


class AclAttachmentProvider(AttachmentProvider):
    kind = "AclAttachment"
    inputs_model = AclAttachmentInputs
    replace_on = frozenset({"trunk_id", "acl_id"})
    list_field = "acl_id"
    list_label = "access control list"

    def link(self, trunks: Trunks, trunk_id: str, list_id: str) -> None:
        trunks.link_access_control_lists(trunk_id, [list_id])

    def linked_ids(self, trunks: Trunks, trunk_id: str) -> list[str]:
        return trunks.list_access_control_list_ids(trunk_id)

    def unlink(self, trunks: Trunks, trunk_id: str, list_id: str) -> None:
        trunks.unlink_access_control_list(trunk_id, list_id)

    def has_link(self, trunks: Trunks, trunk_id: str, list_id: str) -> bool:
        return trunks.has_access_control_list(trunk_id, list_id)
