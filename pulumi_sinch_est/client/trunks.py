"""SIP trunks, and which access control lists and credential lists they use."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from typing import Any

from .errors import NotFoundError
from .lookups import by_id, single_match
from .models import Trunk, TrunkRequest
from .requester import Requester

TOP_LEVEL_DOMAIN = "pstn.sinch.com"
TRUNK_KEYS = ("trunks", "sipTrunks")
"""The SDK reads ``trunks``; the published spec says ``sipTrunks``."""


class Trunks:
    """``/trunks`` and its link collections."""

    def __init__(self, api: Requester) -> None:
        self._api = api

    def create(self, req: TrunkRequest) -> Trunk:
        return self._api.fetch(
            Trunk, f"creating trunk {req.host_name!r}", "POST", self._api.est("trunks"), json=req.to_body()
        )

    def get(self, trunk_id: str) -> Trunk:
        return self._api.fetch(Trunk, f"reading trunk {trunk_id}", "GET", self._api.est("trunks", trunk_id))

    def read(self, trunk_id: str) -> Trunk:
        """As `get`, answered from a fresh listing of every trunk when it holds the trunk (`.listings`)."""
        return self._api.listings.read(("trunks",), trunk_id, lambda: by_id(self.list()), lambda: self.get(trunk_id))

    def list(self, domain: str | None = None) -> builtins.list[Trunk]:
        """All trunks, or those whose SIP domain (``<host name>.pstn.sinch.com``) is ``domain``."""
        params = {"domain": domain} if domain else None
        return self._api.fetch_all(Trunk, "listing trunks", self._api.est("trunks"), TRUNK_KEYS, params)

    def replace(self, trunk_id: str, req: TrunkRequest) -> Trunk:
        return self._api.fetch(
            Trunk, f"replacing trunk {trunk_id}", "PUT", self._api.est("trunks", trunk_id), json=req.to_body()
        )

    def delete(self, trunk_id: str) -> None:
        self._api.send(f"deleting trunk {trunk_id}", "DELETE", self._api.est("trunks", trunk_id))

    def find_by_host_name(self, host_name: str) -> Trunk | None:
        """The trunk with this host name, compared case-insensitively as DNS labels are.

        The ``domain`` filter's matching rules are undocumented, so its answer is confirmed by host name,
        and when it finds nothing the full list is scanned before concluding the trunk does not exist.
        """
        wanted = host_name.lower()
        operation = f"finding trunk with host name {host_name!r}"

        def has_host_name(trunk: Trunk) -> bool:
            return (trunk.host_name or "").lower() == wanted

        found = single_match(self.list(domain=f"{wanted}.{TOP_LEVEL_DOMAIN}"), has_host_name, operation)
        return found or single_match(self.list(), has_host_name, operation)

    def link_access_control_lists(self, trunk_id: str, acl_ids: Sequence[str]) -> None:
        """Adds to the trunk's set; lists already linked stay linked."""
        self._api.send(
            f"linking access control lists to trunk {trunk_id}",
            "POST",
            self._api.est("trunks", trunk_id, "accessControlLists"),
            json={"accessControlListIds": builtins.list(acl_ids)},
        )

    def list_access_control_list_ids(self, trunk_id: str) -> builtins.list[str]:
        return [
            str(item)
            for item in self._api.walk(
                f"listing access control lists of trunk {trunk_id}",
                self._api.est("trunks", trunk_id, "accessControlLists"),
                ("accessControlListIds",),
            )
        ]

    def has_access_control_list(self, trunk_id: str, acl_id: str) -> bool:
        """Whether the trunk links the list (not when the trunk is gone), from a fresh listing of the
        trunk's links when it names the list, else from a new one (`.listings`)."""
        return self._has_link("accessControlLists", trunk_id, acl_id, self.list_access_control_list_ids)

    def unlink_access_control_list(self, trunk_id: str, acl_id: str) -> None:
        self._api.send(
            f"unlinking access control list {acl_id} from trunk {trunk_id}",
            "DELETE",
            self._api.est("trunks", trunk_id, "accessControlLists", acl_id),
        )

    def link_credential_lists(self, trunk_id: str, credential_list_ids: Sequence[str]) -> None:
        """Adds to the trunk's set; lists already linked stay linked."""
        self._api.send(
            f"linking credential lists to trunk {trunk_id}",
            "POST",
            self._api.est("trunks", trunk_id, "credentialLists"),
            json={"credentialListIds": builtins.list(credential_list_ids)},
        )

    def list_credential_list_ids(self, trunk_id: str) -> builtins.list[str]:
        """The spec answers with ``credentialListIds``, the SDK reads ``credentialLists`` objects."""
        items = self._api.walk(
            f"listing credential lists of trunk {trunk_id}",
            self._api.est("trunks", trunk_id, "credentialLists"),
            ("credentialListIds", "credentialLists"),
        )
        return [_id_of(item) for item in items]

    def has_credential_list(self, trunk_id: str, credential_list_id: str) -> bool:
        """Whether the trunk links the list (not when the trunk is gone), read as `has_access_control_list`."""
        return self._has_link("credentialLists", trunk_id, credential_list_id, self.list_credential_list_ids)

    def replace_credential_lists(self, trunk_id: str, credential_list_ids: Sequence[str]) -> None:
        """Makes the trunk's set exactly these lists, in the SDK's body form (the spec shows a bare array)."""
        self._api.send(
            f"replacing credential lists of trunk {trunk_id}",
            "PUT",
            self._api.est("trunks", trunk_id, "credentialLists"),
            json={"credentialListIds": builtins.list(credential_list_ids)},
        )

    def unlink_credential_list(self, trunk_id: str, credential_list_id: str) -> None:
        self._api.send(
            f"unlinking credential list {credential_list_id} from trunk {trunk_id}",
            "DELETE",
            self._api.est("trunks", trunk_id, "credentialLists", credential_list_id),
        )

    def _has_link(self, links: str, trunk_id: str, list_id: str, list_ids: Callable[[str], builtins.list[str]]) -> bool:
        try:
            return self._api.listings.read(
                (links, trunk_id),
                list_id,
                lambda: dict.fromkeys(list_ids(trunk_id), True),
                lambda: list_id in list_ids(trunk_id),
            )
        except NotFoundError:
            return False


def _id_of(item: Any) -> str:
    return str(item.get("id")) if isinstance(item, dict) else str(item)
