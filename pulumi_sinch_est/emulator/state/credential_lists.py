"""Credential lists and their credentials (est-api §6.4, operations 28-35).

Passwords are kept only as salted hashes and never leave this module: no wire form carries them.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import FailedPrecondition, NotFound
from .fields import FieldReader
from .ids import new_id

if TYPE_CHECKING:
    from .backend import Backend
    from .project import ProjectState

USERNAME = re.compile(r"^[A-Za-z0-9._@+-]{1,64}$")


def hash_password(password: str, salt: str | None = None) -> str:
    salt = salt or secrets.token_hex(8)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), 1000).hex()
    return f"pbkdf2-sha256${salt}${digest}"


def password_problem(password: str) -> str | None:
    """Why a password breaks the policy (>= 12 characters with upper, lower and digit), or None."""
    if len(password) < 12:
        return "must be at least 12 characters long"
    if not (re.search(r"[A-Z]", password) and re.search(r"[a-z]", password) and re.search(r"\d", password)):
        return "must contain an upper-case letter, a lower-case letter and a digit"
    return None


@dataclass
class Credential:
    id: str
    username: str
    password_hash: str

    def wire(self) -> dict[str, Any]:
        return {"id": self.id, "username": self.username}


@dataclass
class CredentialList:
    id: str
    project_id: str
    name: str
    create_time: str
    update_time: str | None = None
    credentials: list[Credential] = field(default_factory=list)

    def usernames(self) -> set[str]:
        return {c.username for c in self.credentials}

    def wire(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "projectId": self.project_id,
            "createTime": self.create_time,
            "updateTime": self.update_time,
            "credentials": [c.wire() for c in self.credentials],
        }


def _read_password(reader: FieldReader, echo: bool) -> str | None:
    """The password, or None with a violation; ``echo`` repeats the rejected value in it."""
    password = reader.text("password", required=True)
    problem = None if password is None else password_problem(password)
    if problem:
        reader.violate("password", f"{problem} (got {password!r})" if echo else problem)
        return None
    return password


def find_credential_list(project: ProjectState, list_id: str) -> CredentialList:
    found = project.credential_lists.get(list_id)
    if found is None:
        raise NotFound(f"credential list {list_id} not found")
    return found


def _find_credential(credential_list: CredentialList, username: str) -> Credential:
    for credential in credential_list.credentials:
        if credential.username == username:
            return credential
    raise NotFound(f"credential {username!r} not found in credential list {credential_list.id}")


class CredentialLists:
    """Operations 28-35."""

    def __init__(self, backend: Backend) -> None:
        self._backend = backend

    def create(self, project_id: str, body: object) -> dict[str, Any]:
        reader = FieldReader(body)
        name = reader.text("name", required=True)
        pairs: list[tuple[str, str]] = []
        for index, item in enumerate(reader.items("credentials") or []):
            entry = reader.nested(f"credentials[{index}]", item)
            username = entry.text("username", required=True)
            if username is not None and not USERNAME.fullmatch(username):
                entry.violate("username", "must be 1-64 letters, digits or ._@+-")
            elif username is not None and username in {u for u, _ in pairs}:
                entry.violate("username", f"{username!r} appears more than once in the list")
            password = _read_password(entry, self._backend.settings.echo_rejected_values)
            if username is not None and password is not None:
                pairs.append((username, password))
        reader.check()
        assert name is not None
        with self._backend.writing(project_id) as project:
            now = self._backend.now()
            created = CredentialList(new_id(now.epoch), project_id, name, now.text)
            created.credentials = [Credential(new_id(now.epoch), u, hash_password(p)) for u, p in pairs]
            project.credential_lists[created.id] = created
            return created.wire()

    def list_all(self, project_id: str) -> list[dict[str, Any]]:
        with self._backend.reading(project_id) as project:
            return [c.wire() for c in project.credential_lists.values()]

    def get(self, project_id: str, list_id: str) -> dict[str, Any]:
        with self._backend.reading(project_id) as project:
            return find_credential_list(project, list_id).wire()

    def rename(self, project_id: str, list_id: str, body: object) -> dict[str, Any]:
        """PUT takes `{"name"}` only; credentials in the body are ignored."""
        with self._backend.writing(project_id) as project:
            found = find_credential_list(project, list_id)
            reader = FieldReader(body)
            name = reader.text("name", required=True)
            reader.check()
            assert name is not None
            found.name = name
            found.update_time = self._backend.now().text
            return found.wire()

    def delete(self, project_id: str, list_id: str) -> None:
        with self._backend.writing(project_id) as project:
            found = find_credential_list(project, list_id)
            trunks = [t.id for t in project.trunks.values() if list_id in t.credential_list_ids]
            usernames = found.usernames()
            users = sorted(
                {
                    e.credential_username
                    for e in project.endpoints.values()
                    if e.credential_username is not None and e.credential_username in usernames
                }
            )
            if self._backend.settings.strict_deletes and (trunks or users):
                parts = []
                if trunks:
                    parts.append(f"linked to SIP trunks: {', '.join(trunks)}")
                if users:
                    parts.append(f"usernames used by SIP endpoints: {', '.join(users)}")
                raise FailedPrecondition(f"credential list {list_id} is in use; " + "; ".join(parts))
            for trunk in project.trunks.values():
                if list_id in trunk.credential_list_ids:
                    trunk.credential_list_ids.remove(list_id)
            del project.credential_lists[list_id]

    def trunks(self, project_id: str, list_id: str) -> list[dict[str, Any]]:
        with self._backend.reading(project_id) as project:
            find_credential_list(project, list_id)
            return [t.wire() for t in project.trunks.values() if list_id in t.credential_list_ids]

    def set_password(self, project_id: str, list_id: str, username: str, body: object) -> dict[str, Any]:
        with self._backend.writing(project_id) as project:
            found = find_credential_list(project, list_id)
            credential = _find_credential(found, username)
            reader = FieldReader(body)
            password = _read_password(reader, self._backend.settings.echo_rejected_values)
            reader.check()
            assert password is not None
            credential.password_hash = hash_password(password)
            found.update_time = self._backend.now().text
            return credential.wire()

    def delete_credential(self, project_id: str, list_id: str, username: str) -> None:
        with self._backend.writing(project_id) as project:
            found = find_credential_list(project, list_id)
            credential = _find_credential(found, username)
            users = [e.id for e in project.endpoints.values() if e.credential_username == username]
            if users and self._backend.settings.strict_deletes:
                raise FailedPrecondition(f"credential {username!r} is used by SIP endpoints: {', '.join(users)}")
            found.credentials.remove(credential)
            found.update_time = self._backend.now().text
