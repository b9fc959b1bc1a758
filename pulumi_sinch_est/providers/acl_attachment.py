"""Provider for `AclAttachment`: one access control list linked to one trunk.

API calls: create `POST /trunks/{trunkId}/accessControlLists` with `{"accessControlListIds": [aclId]}`
(one write; when adopting with `import_id`, `GET /trunks/{trunkId}/accessControlLists` instead, checking
the link exists); read `GET /trunks/{trunkId}/accessControlLists` (the link is gone when the trunk's ids
leave out `acl_id`, or the trunk is gone); delete `DELETE /trunks/{trunkId}/accessControlLists/{aclId}`
(404 is success). The id is `<trunk_id>/<acl_id>`.

Replacement: any change of `trunk_id` or `acl_id`. A link has nothing else to update; the new link is
made before the old one is removed, so a trunk moving to another list is never without one.

Choices where est-api.md §6.1 and §8.3 leave things open:
- The link POST appends to the trunk's set (its response echoes the ids sent, not the whole set), so
  creating one link never detaches the trunk's other lists; the response is not read. Linking a list the
  trunk already has is taken as success: the link then belongs to this resource, and destroying the
  resource removes it. Adopt with `import_id` to say so explicitly and make no write.
- The trunk's list of ids is read whole (every page) to find the link: there is no call for one link.
- `import_id` must be `<trunk_id>/<acl_id>` of this very attachment, so the inputs and the adopted link
  can never disagree.
"""

from __future__ import annotations

import contextlib
from typing import Any

from pulumi.dynamic import CreateResult, ReadResult
from pydantic import ValidationInfo, field_validator

from ..client import NotFoundError
from . import _context
from ._base import EstProvider, InputModel, contains_unknown
from ._fields import ObjectId


class AclAttachmentInputs(InputModel):
    trunk_id: ObjectId
    acl_id: ObjectId
    import_id: str | None = None

    @field_validator("import_id")
    @classmethod
    def _names_this_link(cls, value: str | None, info: ValidationInfo) -> str | None:
        trunk_id, acl_id = info.data.get("trunk_id"), info.data.get("acl_id")
        # An id that is invalid has its own error, and one still unknown (preview) cannot be compared.
        if value is None or not trunk_id or not acl_id or contains_unknown([trunk_id, acl_id]):
            return value
        expected = f"{trunk_id}/{acl_id}"
        if value != expected:
            raise ValueError(f"expected {expected!r}, the '<trunk_id>/<acl_id>' of the link to adopt")
        return value


def attachment_id(trunk_id: str, acl_id: str) -> str:
    return f"{trunk_id}/{acl_id}"


def _ids(id_: str, props: dict[str, Any]) -> tuple[str, str]:
    """The link's trunk and list, from the outputs or, failing that, from the id."""
    trunk_id, _, acl_id = id_.partition("/")
    return str(props.get("trunk_id") or trunk_id), str(props.get("acl_id") or acl_id)


def _outputs(trunk_id: str, acl_id: str, import_id: str | None) -> dict[str, Any]:
    return {"trunk_id": trunk_id, "acl_id": acl_id, "import_id": import_id}


def _is_linked(trunk_id: str, acl_id: str) -> bool:
    """Whether the trunk lists the ACL; a missing trunk has no links."""
    try:
        return acl_id in _context.client().trunks.list_access_control_list_ids(trunk_id)
    except NotFoundError:
        return False


class AclAttachmentProvider(EstProvider):
    kind = "AclAttachment"
    inputs_model = AclAttachmentInputs
    replace_on = frozenset({"trunk_id", "acl_id"})

    def create(self, props: dict[str, Any]) -> CreateResult:
        trunk_id, acl_id = props["trunk_id"], props["acl_id"]
        import_id = props.get("import_id")
        if import_id:
            if not _is_linked(trunk_id, acl_id):
                raise LookupError(
                    f"adopting AclAttachment {import_id}: access control list {acl_id} is not linked to "
                    f"trunk {trunk_id} (or the trunk does not exist); remove import_id to create the link"
                )
        else:
            _context.client().trunks.link_access_control_lists(trunk_id, [acl_id])
        return CreateResult(id_=attachment_id(trunk_id, acl_id), outs=_outputs(trunk_id, acl_id, import_id))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        trunk_id, acl_id = _ids(id_, props)
        if not _is_linked(trunk_id, acl_id):
            return ReadResult(id_=None, outs={})
        outs = _outputs(trunk_id, acl_id, props.get("import_id"))
        return ReadResult(id_=id_, outs=outs, inputs=self.inputs_of(outs))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        trunk_id, acl_id = _ids(id_, props)
        with contextlib.suppress(NotFoundError):
            _context.client().trunks.unlink_access_control_list(trunk_id, acl_id)
