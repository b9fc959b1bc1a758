"""Access control lists: the source addresses allowed to send calls into a trunk."""

from __future__ import annotations

import builtins

from .lookups import by_id, single_match
from .models import AccessControlList, AccessControlListRequest, IpRange, IpRangeRequest, Trunk
from .requester import Requester
from .trunks import TRUNK_KEYS


class AccessControlLists:
    """``/accessControlLists`` and its ``ipRanges``."""

    def __init__(self, api: Requester) -> None:
        self._api = api

    def create(self, req: AccessControlListRequest) -> AccessControlList:
        return self._api.fetch(
            AccessControlList,
            f"creating access control list {req.name!r}",
            "POST",
            self._api.est("accessControlLists"),
            json=req.to_body(),
        )

    def get(self, acl_id: str) -> AccessControlList:
        return self._api.fetch(
            AccessControlList,
            f"reading access control list {acl_id}",
            "GET",
            self._api.est("accessControlLists", acl_id),
        )

    def read(self, acl_id: str) -> AccessControlList:
        """As `get`, answered from a fresh listing of every list when it holds this one (`.listings`)."""
        return self._api.listings.read(
            ("accessControlLists",), acl_id, lambda: by_id(self.list()), lambda: self.get(acl_id)
        )

    def list(self) -> builtins.list[AccessControlList]:
        return self._api.fetch_all(
            AccessControlList,
            "listing access control lists",
            self._api.est("accessControlLists"),
            ("accessControlLists",),
        )

    def replace(self, acl_id: str, req: AccessControlListRequest) -> AccessControlList:
        return self._api.fetch(
            AccessControlList,
            f"replacing access control list {acl_id}",
            "PUT",
            self._api.est("accessControlLists", acl_id),
            json=req.to_body(),
        )

    def delete(self, acl_id: str) -> None:
        self._api.send(f"deleting access control list {acl_id}", "DELETE", self._api.est("accessControlLists", acl_id))

    def list_trunks(self, acl_id: str) -> builtins.list[Trunk]:
        return self._api.fetch_all(
            Trunk,
            f"listing trunks using access control list {acl_id}",
            self._api.est("accessControlLists", acl_id, "trunks"),
            TRUNK_KEYS,
        )

    def add_ip_range(self, acl_id: str, req: IpRangeRequest) -> IpRange:
        return self._api.fetch(
            IpRange,
            f"adding IP range {req.ip_address}/{req.range} to access control list {acl_id}",
            "POST",
            self._api.est("accessControlLists", acl_id, "ipRanges"),
            json=req.to_body(),
        )

    def list_ip_ranges(self, acl_id: str) -> builtins.list[IpRange]:
        return self._api.fetch_all(
            IpRange,
            f"listing IP ranges of access control list {acl_id}",
            self._api.est("accessControlLists", acl_id, "ipRanges"),
            ("ipRanges",),
        )

    def replace_ip_range(self, acl_id: str, ip_range_id: str, req: IpRangeRequest) -> IpRange:
        return self._api.fetch(
            IpRange,
            f"replacing IP range {ip_range_id} of access control list {acl_id}",
            "PUT",
            self._api.est("accessControlLists", acl_id, "ipRanges", ip_range_id),
            json=req.to_body(),
        )

    def delete_ip_range(self, acl_id: str, ip_range_id: str) -> None:
        self._api.send(
            f"deleting IP range {ip_range_id} of access control list {acl_id}",
            "DELETE",
            self._api.est("accessControlLists", acl_id, "ipRanges", ip_range_id),
        )

    def find_by_name(self, name: str) -> AccessControlList | None:
        """The list named exactly ``name``; names are not unique, so several matches raise."""
        return single_match(self.list(), lambda acl: acl.name == name, f"finding access control list named {name!r}")
