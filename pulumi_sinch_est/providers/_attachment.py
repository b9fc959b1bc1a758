"""What `AclAttachment` and `CredentialListAttachment` share: one list linked to one trunk.

The two links differ only in the list they name and the three trunk calls they make (link, list the
linked ids, unlink); everything else is one piece of code, so the two can never drift apart.

The id is `<trunk_id>/<list id>`. Any change of either input replaces the attachment: a link has
nothing else to update, and the new link is made before the old one is removed, so a trunk moving to
another list is never without one.

Choices where est-api.md §6.1 and §8.3 leave things open:
- The link POST appends to the trunk's set (its response echoes the ids sent, not the whole set), so
  creating one link never detaches the trunk's other lists, and no bulk-replace call is used. Linking a
  list the trunk already has is taken as success: the link then belongs to this resource, and
  destroying the resource removes it. Adopt with `import_id` to say so explicitly and make no write.
- The trunk's linked ids are read whole (every page) to find the link: there is no call for one link.
  A refresh's reads of one trunk's links share one listing (`client.listings`).
- A link POST whose response was lost is looked up before the error is raised: linking is idempotent,
  so finding the link means the POST was processed.
- `import_id` must be `<trunk_id>/<list id>` of this very attachment, so the inputs and the adopted link
  can never disagree.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from pulumi.dynamic import CreateResult, ReadResult, UpdateResult

from ..client import NotFoundError, ServerError, TransportError
from . import _context
from ._base import EstProvider, ProviderError, contains_unknown
from ._ownership import Before

if TYPE_CHECKING:
    from ..client.trunks import Trunks


class LinkNotFoundError(ProviderError, LookupError):
    """Raised when adopting (`import_id`) a link the trunk does not have."""


def attachment_id(trunk_id: str, list_id: str) -> str:
    return f"{trunk_id}/{list_id}"


def check_import_id(value: str | None, trunk_id: Any, list_id: Any, list_field: str) -> str | None:
    """The `import_id` rule of both inputs models: it must name this very link."""
    # An id that is invalid has its own error, and one still unknown (preview) cannot be compared.
    if value is None or not trunk_id or not list_id or contains_unknown([trunk_id, list_id]):
        return value
    expected = attachment_id(trunk_id, list_id)
    if value != expected:
        raise ValueError(f"expected {expected!r}, the '<trunk_id>/<{list_field}>' of the link to adopt")
    return value


class AttachmentProvider(EstProvider):
    """A link between a trunk and the list named by `list_field`; subclasses supply the three calls."""

    list_field: ClassVar[str]
    """The input naming the list, e.g. `acl_id`."""
    list_label: ClassVar[str]
    """The list's kind in messages, e.g. `access control list`."""

    def link(self, trunks: Trunks, trunk_id: str, list_id: str) -> None:
        raise NotImplementedError

    def linked_ids(self, trunks: Trunks, trunk_id: str) -> list[str]:
        raise NotImplementedError

    def unlink(self, trunks: Trunks, trunk_id: str, list_id: str) -> None:
        raise NotImplementedError

    def has_link(self, trunks: Trunks, trunk_id: str, list_id: str) -> bool:
        """For `read`: whether the trunk links the list, which a listing of its links may answer."""
        raise NotImplementedError

    def _ids(self, id_: str, props: dict[str, Any]) -> tuple[str, str]:
        """The link's trunk and list, from the outputs or, failing that, from the id."""
        trunk_id, _, list_id = id_.partition("/")
        return str(props.get("trunk_id") or trunk_id), str(props.get(self.list_field) or list_id)

    def _outputs(self, trunk_id: str, list_id: str, import_id: str | None) -> dict[str, Any]:
        return {"trunk_id": trunk_id, self.list_field: list_id, "import_id": import_id}

    def _is_linked(self, trunk_id: str, list_id: str) -> bool:
        """Whether the trunk lists the list; a missing trunk has no links."""
        try:
            return list_id in self.linked_ids(_context.client().trunks, trunk_id)
        except NotFoundError:
            return False

    def create(self, props: dict[str, Any]) -> CreateResult:
        trunk_id, list_id = props["trunk_id"], props[self.list_field]
        import_id = props.get("import_id")
        if import_id:
            if not self._is_linked(trunk_id, list_id):
                raise LinkNotFoundError(
                    f"adopting {self.kind} {import_id}: {self.list_label} {list_id} is not linked to "
                    f"trunk {trunk_id} (or the trunk does not exist); remove import_id to create the link"
                )
        else:
            try:
                self.link(_context.client().trunks, trunk_id, list_id)
            except (TransportError, ServerError) as exc:
                # Linking is idempotent and takes an existing link as this resource's own (see above),
                # so finding the link settles an unknown outcome without the ownership rule of `_ownership`.
                if not exc.may_have_been_processed or not self._is_linked(trunk_id, list_id):
                    raise
        return CreateResult(id_=attachment_id(trunk_id, list_id), outs=self._outputs(trunk_id, list_id, import_id))

    def locate(self, inputs: Mapping[str, Any], before: Before) -> str | None:
        """The link's id when the trunk has it (linking twice is one link, so it is never ambiguous; a link
        that was there before is one the create would have taken too, so `before` is not consulted)."""
        trunk_id, list_id = inputs["trunk_id"], inputs[self.list_field]
        return attachment_id(trunk_id, list_id) if self._is_linked(trunk_id, list_id) else None

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        trunk_id, list_id = self._ids(id_, props)
        if not self.has_link(_context.client().trunks, trunk_id, list_id):
            return ReadResult(id_=None, outs={})
        outs = self._outputs(trunk_id, list_id, props.get("import_id"))
        return ReadResult(id_=id_, outs=outs, inputs=self.inputs_of(outs))

    def update(self, id_: str, _olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """Not reached (every input change replaces, `import_id` is no change); it keeps the outputs whole
        should the engine ever call it, where the SDK's default would wipe them."""
        trunk_id, list_id = self._ids(id_, news)
        return UpdateResult(outs=self._outputs(trunk_id, list_id, news.get("import_id")))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        trunk_id, list_id = self._ids(id_, props)
        with contextlib.suppress(NotFoundError):
            self.unlink(_context.client().trunks, trunk_id, list_id)
