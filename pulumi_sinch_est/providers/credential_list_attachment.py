"""Provider for `CredentialListAttachment`: one credential list linked to one trunk.

API calls: create `POST /trunks/{trunkId}/credentialLists` with `{"credentialListIds": [listId]}` (one
write; when adopting with `import_id`, `GET /trunks/{trunkId}/credentialLists` instead, checking the link
exists); read `GET /trunks/{trunkId}/credentialLists` (the link is gone when the trunk's lists leave out
`credential_list_id`, or the trunk is gone); delete `DELETE /trunks/{trunkId}/credentialLists/{listId}`
(404 is success). The id is `<trunk_id>/<credential_list_id>`.

Replacement: any change of `trunk_id` or `credential_list_id`. A link has nothing else to update; the new
link is made before the old one is removed, so a trunk moving to another list is never without one.

Choices where est-api.md §6.1 leaves things open:
- The link POST appends to the trunk's set, so creating one link never detaches the trunk's other lists,
  and the bulk-replace PUT is never used. Linking a list the trunk already has is taken as success: the
  link then belongs to this resource, and destroying the resource removes it. Adopt with `import_id` to
  say so explicitly and make no write.
- The trunk's lists are read whole (every page; ids or list objects, whichever the API sends) to find
  the link: there is no call for one link.
- A link POST whose response was lost is looked up before the error is raised: the link is idempotent,
  so finding it means the POST was processed.
- `import_id` must be `<trunk_id>/<credential_list_id>` of this very attachment, so the inputs and the
  adopted link can never disagree.
"""

from __future__ import annotations

import contextlib
from typing import Any

from pulumi.dynamic import CreateResult, ReadResult, UpdateResult
from pydantic import ValidationInfo, field_validator

from ..client import NotFoundError, TransportError
from . import _context
from ._base import EstProvider, InputModel, ProviderError, contains_unknown
from ._fields import ObjectId


class CredentialListAttachmentInputs(InputModel):
    trunk_id: ObjectId
    credential_list_id: ObjectId
    import_id: str | None = None

    @field_validator("import_id")
    @classmethod
    def _names_this_link(cls, value: str | None, info: ValidationInfo) -> str | None:
        trunk_id, list_id = info.data.get("trunk_id"), info.data.get("credential_list_id")
        # An id that is invalid has its own error, and one still unknown (preview) cannot be compared.
        if value is None or not trunk_id or not list_id or contains_unknown([trunk_id, list_id]):
            return value
        expected = attachment_id(trunk_id, list_id)
        if value != expected:
            raise ValueError(f"expected {expected!r}, the '<trunk_id>/<credential_list_id>' of the link to adopt")
        return value


def attachment_id(trunk_id: str, credential_list_id: str) -> str:
    return f"{trunk_id}/{credential_list_id}"


def _ids(id_: str, props: dict[str, Any]) -> tuple[str, str]:
    """The link's trunk and list, from the outputs or, failing that, from the id."""
    trunk_id, _, list_id = id_.partition("/")
    return str(props.get("trunk_id") or trunk_id), str(props.get("credential_list_id") or list_id)


def _outputs(trunk_id: str, credential_list_id: str, import_id: str | None) -> dict[str, Any]:
    return {"trunk_id": trunk_id, "credential_list_id": credential_list_id, "import_id": import_id}


def _is_linked(trunk_id: str, credential_list_id: str) -> bool:
    """Whether the trunk lists the credential list; a missing trunk has no links."""
    try:
        return credential_list_id in _context.client().trunks.list_credential_list_ids(trunk_id)
    except NotFoundError:
        return False


class CredentialListAttachmentProvider(EstProvider):
    kind = "CredentialListAttachment"
    inputs_model = CredentialListAttachmentInputs
    replace_on = frozenset({"trunk_id", "credential_list_id"})

    def create(self, props: dict[str, Any]) -> CreateResult:
        trunk_id, list_id = props["trunk_id"], props["credential_list_id"]
        import_id = props.get("import_id")
        if import_id:
            if not _is_linked(trunk_id, list_id):
                raise ProviderError(
                    f"adopting CredentialListAttachment {import_id}: credential list {list_id} is not linked to "
                    f"trunk {trunk_id} (or the trunk does not exist); remove import_id to create the link"
                )
        else:
            try:
                _context.client().trunks.link_credential_lists(trunk_id, [list_id])
            except TransportError as exc:
                if not (exc.may_have_been_processed and _is_linked(trunk_id, list_id)):
                    raise
        return CreateResult(id_=attachment_id(trunk_id, list_id), outs=_outputs(trunk_id, list_id, import_id))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        trunk_id, list_id = _ids(id_, props)
        if not _is_linked(trunk_id, list_id):
            return ReadResult(id_=None, outs={})
        outs = _outputs(trunk_id, list_id, props.get("import_id"))
        return ReadResult(id_=id_, outs=outs, inputs=self.inputs_of(outs))

    def update(self, id_: str, _olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """Not reached (every input change replaces, `import_id` is no change); keeps the outputs whole."""
        trunk_id, list_id = _ids(id_, news)
        return UpdateResult(outs=_outputs(trunk_id, list_id, news.get("import_id")))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        trunk_id, list_id = _ids(id_, props)
        with contextlib.suppress(NotFoundError):
            _context.client().trunks.unlink_credential_list(trunk_id, list_id)
