"""Provider for `CredentialListAttachment`: one credential list linked to one trunk.

API calls: create `POST /trunks/{trunkId}/credentialLists` with `{"credentialListIds": [listId]}` (one
write; when adopting with `import_id`, `GET /trunks/{trunkId}/credentialLists` instead, checking the link
exists); read `GET /trunks/{trunkId}/credentialLists` (ids or list objects, whichever the API sends; the
link is gone when they leave out `credential_list_id`, or the trunk is gone); delete
`DELETE /trunks/{trunkId}/credentialLists/{listId}` (404 is success). The bulk-replace PUT is never used.

The id is `<trunk_id>/<credential_list_id>`; replacement rules and the choices where est-api.md is
silent are those of every attachment (`_attachment`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationInfo, field_validator

from ._attachment import AttachmentProvider, check_import_id
from ._base import InputModel
from ._fields import ObjectId

if TYPE_CHECKING:
    from ..client.trunks import Trunks


class CredentialListAttachmentInputs(InputModel):
    trunk_id: ObjectId
    credential_list_id: ObjectId
    import_id: str | None = None

    @field_validator("import_id")
    @classmethod
    def _names_this_link(cls, value: str | None, info: ValidationInfo) -> str | None:
        return check_import_id(
            value, info.data.get("trunk_id"), info.data.get("credential_list_id"), "credential_list_id"
        )


class CredentialListAttachmentProvider(AttachmentProvider):
    kind = "CredentialListAttachment"
    inputs_model = CredentialListAttachmentInputs
    replace_on = frozenset({"trunk_id", "credential_list_id"})
    list_field = "credential_list_id"
    list_label = "credential list"

    def link(self, trunks: Trunks, trunk_id: str, list_id: str) -> None:
        trunks.link_credential_lists(trunk_id, [list_id])

    def linked_ids(self, trunks: Trunks, trunk_id: str) -> list[str]:
        return trunks.list_credential_list_ids(trunk_id)

    def unlink(self, trunks: Trunks, trunk_id: str, list_id: str) -> None:
        trunks.unlink_credential_list(trunk_id, list_id)

    def has_link(self, trunks: Trunks, trunk_id: str, list_id: str) -> bool:
        return trunks.has_credential_list(trunk_id, list_id)
