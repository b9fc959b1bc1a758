"""Credential lists: SIP usernames and passwords for digest auth and registered endpoints."""

from __future__ import annotations

import builtins

from .lookups import by_id, single_match
from .models import Credential, CredentialList, CredentialListRequest, Trunk
from .requester import Requester
from .trunks import TRUNK_KEYS


class CredentialLists:
    """``/credentialLists`` and its ``credentials``.

    The API has no call that adds a credential to an existing list: usernames are fixed at creation,
    after which only passwords change and credentials can be removed.
    """

    def __init__(self, api: Requester) -> None:
        self._api = api

    def create(self, req: CredentialListRequest) -> CredentialList:
        return self._api.fetch(
            CredentialList,
            f"creating credential list {req.name!r}",
            "POST",
            self._api.est("credentialLists"),
            json=req.to_body(),
        )

    def get(self, credential_list_id: str) -> CredentialList:
        return self._api.fetch(
            CredentialList,
            f"reading credential list {credential_list_id}",
            "GET",
            self._api.est("credentialLists", credential_list_id),
        )

    def read(self, credential_list_id: str) -> CredentialList:
        """As `get`, answered from a fresh listing of every list when it holds this one (`.listings`)."""
        return self._api.listings.read(
            ("credentialLists",),
            credential_list_id,
            lambda: by_id(self.list()),
            lambda: self.get(credential_list_id),
        )

    def list(self) -> builtins.list[CredentialList]:
        return self._api.fetch_all(
            CredentialList, "listing credential lists", self._api.est("credentialLists"), ("credentialLists",)
        )

    def rename(self, credential_list_id: str, name: str) -> CredentialList:
        """The list's PUT takes only the name; credentials sent with it would be ignored."""
        return self._api.fetch(
            CredentialList,
            f"renaming credential list {credential_list_id}",
            "PUT",
            self._api.est("credentialLists", credential_list_id),
            json={"name": name},
        )

    def delete(self, credential_list_id: str) -> None:
        self._api.send(
            f"deleting credential list {credential_list_id}",
            "DELETE",
            self._api.est("credentialLists", credential_list_id),
        )

    def list_trunks(self, credential_list_id: str) -> builtins.list[Trunk]:
        return self._api.fetch_all(
            Trunk,
            f"listing trunks using credential list {credential_list_id}",
            self._api.est("credentialLists", credential_list_id, "trunks"),
            TRUNK_KEYS,
        )

    def set_password(self, credential_list_id: str, username: str, password: str) -> Credential:
        """Changes the password of an existing username (an unknown username is a NotFoundError)."""
        return self._api.fetch(
            Credential,
            f"setting the password of {username!r} in credential list {credential_list_id}",
            "PUT",
            self._api.est("credentialLists", credential_list_id, "credentials", username),
            json={"password": password},
        )

    def delete_credential(self, credential_list_id: str, username: str) -> None:
        self._api.send(
            f"deleting credential {username!r} from credential list {credential_list_id}",
            "DELETE",
            self._api.est("credentialLists", credential_list_id, "credentials", username),
        )

    def find_by_name(self, name: str) -> CredentialList | None:
        """The list named exactly ``name``; names are not unique, so several matches raise."""
        return single_match(self.list(), lambda item: item.name == name, f"finding credential list named {name!r}")
