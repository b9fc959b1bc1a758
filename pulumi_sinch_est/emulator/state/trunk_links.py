"""Links from a trunk to access control lists and credential lists (operations 6-12)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import NotFound
from .fields import FieldReader
from .trunks import find_trunk

if TYPE_CHECKING:
    from .backend import Backend


def _require(ids: list[str], known: Mapping[str, object], kind: str) -> None:
    """Links to unknown ids are refused as a whole (nothing is linked): 404 naming every missing id."""
    missing = [i for i in ids if i not in known]
    if missing:
        raise NotFound(f"{kind} not found: {', '.join(missing)}")


def _credential_list_ids(body: object) -> list[str]:
    """The bulk credential-list body: `{"credentialListIds": [...]}` (SDK) or a bare array (OpenAPI)."""
    reader = FieldReader({"credentialListIds": body} if isinstance(body, list) else body)
    ids = reader.id_list("credentialListIds", required=True)
    reader.check()
    assert ids is not None
    return ids


class TrunkLinks:
    """Append, list, bulk-replace and remove the ACLs and credential lists linked to a trunk."""

    def __init__(self, backend: Backend) -> None:
        self._backend = backend

    def link_acls(self, project_id: str, trunk_id: str, body: object) -> list[str]:
        reader = FieldReader(body)
        ids = reader.id_list("accessControlListIds", required=True)
        reader.check()
        assert ids is not None
        with self._backend.writing(project_id) as project:
            trunk = find_trunk(project, trunk_id)
            _require(ids, project.access_control_lists, "access control list")
            trunk.acl_ids.extend(i for i in ids if i not in trunk.acl_ids)
            return ids

    def acl_ids(self, project_id: str, trunk_id: str) -> list[str]:
        with self._backend.reading(project_id) as project:
            return list(find_trunk(project, trunk_id).acl_ids)

    def unlink_acl(self, project_id: str, trunk_id: str, acl_id: str) -> None:
        with self._backend.writing(project_id) as project:
            trunk = find_trunk(project, trunk_id)
            _require([acl_id], project.access_control_lists, "access control list")
            if acl_id not in trunk.acl_ids:
                raise NotFound(f"access control list {acl_id} is not linked to SIP trunk {trunk_id}")
            trunk.acl_ids.remove(acl_id)

    def link_credential_lists(self, project_id: str, trunk_id: str, body: object) -> list[str]:
        reader = FieldReader(body)
        ids = reader.id_list("credentialListIds", required=True)
        reader.check()
        assert ids is not None
        with self._backend.writing(project_id) as project:
            trunk = find_trunk(project, trunk_id)
            _require(ids, project.credential_lists, "credential list")
            trunk.credential_list_ids.extend(i for i in ids if i not in trunk.credential_list_ids)
            return ids

    def credential_lists(self, project_id: str, trunk_id: str) -> list[dict[str, Any]]:
        with self._backend.reading(project_id) as project:
            trunk = find_trunk(project, trunk_id)
            return [project.credential_lists[i].wire() for i in trunk.credential_list_ids]

    def replace_credential_lists(self, project_id: str, trunk_id: str, body: object) -> list[str]:
        ids = _credential_list_ids(body)
        with self._backend.writing(project_id) as project:
            trunk = find_trunk(project, trunk_id)
            _require(ids, project.credential_lists, "credential list")
            trunk.credential_list_ids = list(ids)
            return list(ids)

    def unlink_credential_list(self, project_id: str, trunk_id: str, list_id: str) -> None:
        with self._backend.writing(project_id) as project:
            trunk = find_trunk(project, trunk_id)
            _require([list_id], project.credential_lists, "credential list")
            if list_id not in trunk.credential_list_ids:
                raise NotFound(f"credential list {list_id} is not linked to SIP trunk {trunk_id}")
            trunk.credential_list_ids.remove(list_id)
