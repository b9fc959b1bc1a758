"""Provider for `CredentialList`: one EST credential list (`/credentialLists`) and its credentials.

API calls: create `POST /credentialLists` carrying every credential (one write; `GET /credentialLists/{id}`
instead when adopting with `import_id`); read `GET /credentialLists/{id}` or the listing of every list
(`client.listings`); delete `DELETE /credentialLists/{id}` (404 is success). Update reads the list, then: `PUT
/credentialLists/{id}` with `{name}` when the name differs from the live one, `PUT
/credentialLists/{id}/credentials/{username}` for each password that changed, `DELETE
/credentialLists/{id}/credentials/{username}` for each username no longer wanted (404 is success), and a final
`GET /credentialLists/{id}` for the outputs.

Replacement: adding a username. The API has no call that adds a credential to an existing list
(est-api.md §5, §9.10), so a list that must gain a username is made anew, with every credential, before
the old one is deleted. Renaming, rotating a password and removing a username are updates in place.

What a replacement means for the list's users:
- Attachments (`CredentialListAttachment`) take the list's `id`, which changes, so they are replaced too:
  the new list is linked before the old link and the old list go. Trunks keep working throughout.
- A registered endpoint refers to a list's username, not to the list, so it is not replaced. The API
  refuses to delete a list while an endpoint uses one of its usernames (§8.3), so the replacement's last
  step, deleting the old list, fails: the new list exists and works, the old one stays behind (the engine
  keeps it in state and retries the delete on the next `up`) until no endpoint uses its usernames. To add
  a username to a list that registered endpoints use, declare a second `CredentialList` for the new
  username instead of editing the first.

Passwords are secret inputs and never outputs. So that `diff` can still see a rotation, the outputs hold
`password_fingerprints`, a salted slow hash per username (`_fingerprints`), itself a secret output; `diff`
hashes each new password with the stored salt. No error message shows a password: `password` is declared
secret (`SECRET_FIELDS`), so `check` hides the value of any failure that could hold one.

Choices where est-api.md says UNKNOWN:
- Whether usernames are unique per list or per project: per list is assumed (as the emulator does), and
  a replacement briefly has the same usernames in two lists.
- Passwords of an adopted list (`import_id`) cannot be read, so adoption cannot verify them, and it never
  rotates one it cannot verify: the create writes nothing and records the fingerprints of the passwords
  the program gives, trusting them to be the live ones. The next `preview` shows no change; a later change
  of a password in the program rotates that password (one `PUT`). A program that adopts with passwords
  other than the live ones leaves the live ones in force until it changes them; to push the program's
  passwords at once, adopt, then change each password (`sinch-est-export` programs read them from config).
- A password changed outside Pulumi cannot be detected (the API never returns one); a username added or
  removed outside Pulumi can: added ones are deleted by the next `up`, removed ones replace the list.
- List names are not unique, so a create whose outcome is unknown (Sinch may have made the list) looks
  for the list it sent: same name and exactly the same usernames, never the name alone. Only a list that
  was not there before the create began (`_ownership`) is taken as the one it made, with the passwords
  just sent; an identical list another stack owns is left alone. When that cannot be decided the error
  stands: adopting one of several would be a guess, and creating again could leave a list nothing tracks.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar

from pulumi.dynamic import CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from ..client import BadRequestError, NotFoundError, SinchClient
from ..client.models import CredentialList, CredentialListRequest, CredentialRequest
from . import _context
from ._base import EstProvider, InputModel, ProviderError, contains_unknown
from ._fields import Name, ObjectId, Password, Username, each_once, known_keys
from ._fingerprints import fingerprint, matches, renewed, started
from ._ownership import Before, adopted, created

_ITEM_SHAPE = "expected a mapping {'username': ..., 'password': ...}"


class CredentialInput(BaseModel):
    """One username and its password, as `check` leaves it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    username: Username
    password: Password


def _credential_item(value: object) -> object:
    """Checked here so the error names the item (`credentials[1]`); its value is hidden (`SECRET_FIELDS`)."""
    return known_keys(value, CredentialInput, _ITEM_SHAPE)


def _unique_sorted(credentials: list[CredentialInput]) -> list[CredentialInput]:
    usernames = [item.username for item in credentials]
    each_once(usernames, "credentials", lambda username: f"username {username!r}", ": expected each username once")
    return sorted(credentials, key=lambda item: item.username)


class CredentialListInputs(InputModel):
    SECRET_FIELDS: ClassVar[frozenset[str]] = frozenset({"password"})

    name: Name
    credentials: Annotated[
        list[Annotated[CredentialInput, BeforeValidator(_credential_item)]],
        Field(strict=True),
        AfterValidator(_unique_sorted),
    ] = Field(default_factory=list)
    import_id: ObjectId | None = None


def _request(inputs: Mapping[str, Any]) -> CredentialListRequest:
    return CredentialListRequest(
        name=inputs["name"],
        credentials=[CredentialRequest(username=c["username"], password=c["password"]) for c in inputs["credentials"]],
    )


def _outputs(
    live: CredentialList, fingerprints: Mapping[str, str], import_id: str | None, version: str | None = None
) -> dict[str, Any]:
    ids = {str(c.username): str(c.id) for c in live.credentials or [] if c.username}
    usernames = sorted(ids)
    return {
        "name": live.name,
        "usernames": usernames,
        "credential_ids": {u: ids[u] for u in usernames},
        "password_fingerprints": {u: fingerprints[u] for u in usernames if u in fingerprints},
        "import_id": import_id,
        CREDENTIALS_VERSION: version,
    }


CREDENTIALS_VERSION = "credentials_version"
"""A random token naming one set of passwords, so that `diff` need not hash them (a PBKDF2 fingerprint
costs about 0.3 s of CPU, per credential, per preview and per refresh). `check` adds it to the inputs: the
previous inputs' token when every username and password is as there, a new one otherwise. `create` and
`update` copy it to the outputs beside the fingerprints they made from those passwords, and `read` keeps
it. Equal tokens in the new inputs and the old outputs therefore mean the passwords are the ones the
fingerprints were made from; anything else (no token, another one) is settled by the fingerprints."""


def _credentials_version(olds: Mapping[str, Any], credentials: list[Any]) -> str:
    old = olds.get("credentials")
    previous = olds.get(CREDENTIALS_VERSION)
    if isinstance(previous, str) and isinstance(old, list) and _passwords(old) == _passwords(credentials):
        return previous
    return secrets.token_hex(8)


def _passwords(credentials: list[Any]) -> dict[Any, Any]:
    return {c.get("username"): c.get("password") for c in credentials if isinstance(c, Mapping)}


def _compare(olds: Mapping[str, Any], wanted: Any, same_passwords: bool = False) -> tuple[bool, bool]:
    """(whether `wanted` may add a username, whether it changes anything) against the old outputs.

    A value still unknown at preview counts as the worst it could turn out to be: an unknown username
    may be a new one (replace), an unknown password a new one (update). `up` diffs again with real values.
    With `same_passwords` (see `CREDENTIALS_VERSION`) the passwords are known unchanged and not hashed.
    """
    if not isinstance(wanted, list) or any(
        not isinstance(item, Mapping) or contains_unknown(item.get("username")) for item in wanted
    ):
        return True, True
    old_usernames = set(olds.get("usernames") or [])
    fingerprints = olds.get("password_fingerprints") or {}
    new_usernames = {item["username"] for item in wanted}
    added = bool(new_usernames - old_usernames)
    rotated = any(
        contains_unknown(item.get("password"))
        or not same_passwords
        and not matches(item.get("password"), fingerprints.get(item["username"]))
        for item in wanted
        if item["username"] in old_usernames
    )
    return added, added or rotated or bool(old_usernames - new_usernames)


LOOKUP_USERNAMES = "lookup_usernames"
"""The usernames, sorted, as a plain input beside the secret `credentials`: `check` adds it so that an
exported state (whose credentials are ciphertext) still tells `sinch-est-recover` which usernames the list
holds. Usernames are not secret (they are outputs too); without them a list would match on its name
alone, which another stack's list may share."""


def _usernames(inputs: Mapping[str, Any]) -> list[str]:
    """The list's usernames from the credentials, or from `LOOKUP_USERNAMES` when the credentials are
    secret; `KeyError` when neither can be read, because a name alone proves nothing."""
    credentials = inputs.get("credentials")
    if isinstance(credentials, list):
        return sorted(c["username"] for c in credentials)
    usernames = inputs.get(LOOKUP_USERNAMES)
    if not isinstance(usernames, list):
        raise KeyError(LOOKUP_USERNAMES)
    return sorted(str(u) for u in usernames)


def _matches(client: SinchClient, inputs: Mapping[str, Any]) -> list[CredentialList]:
    """The lists with the name and exactly the usernames."""
    usernames = _usernames(inputs)

    def is_wanted(live: CredentialList) -> bool:
        live_usernames = sorted(str(c.username) for c in live.credentials or [])
        return live.name == inputs["name"] and usernames == live_usernames

    return [live for live in client.credential_lists.list() if is_wanted(live)]


class CredentialListProvider(EstProvider):
    kind = "CredentialList"
    inputs_model = CredentialListInputs

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        result = super().check(olds, news)
        credentials = result.inputs.get("credentials")
        if not result.failures and isinstance(credentials, list) and not contains_unknown(credentials):
            result.inputs[CREDENTIALS_VERSION] = _credentials_version(olds, credentials)
            result.inputs[LOOKUP_USERNAMES] = _usernames(result.inputs)
        return result

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        name = news.get("name")
        renamed = contains_unknown(name) or olds.get("name") != name
        version = news.get(CREDENTIALS_VERSION)
        same_passwords = version is not None and version == olds.get(CREDENTIALS_VERSION)
        added, changed = _compare(olds, news.get("credentials", []), same_passwords)
        return DiffResult(
            changes=renamed or changed,
            replaces=["credentials"] if added else [],
            delete_before_replace=False,
        )

    def create(self, props: dict[str, Any]) -> CreateResult:
        client = _context.client()
        lists = client.credential_lists
        import_id = props.get("import_id")
        credentials = props.get("credentials", []) if import_id else props["credentials"]
        fingerprints_made = started({c["username"]: c["password"] for c in credentials})
        if import_id:
            live = lists.get(import_id)  # no write: the passwords given are trusted, see the module docstring
        else:
            live = created(
                self.kind,
                lists.list,
                lambda: lists.create(_request(props)),
                lambda: _matches(client, props),
                f"creating CredentialList {props['name']!r}",
            )
        fingerprints = fingerprints_made()
        version = props.get(CREDENTIALS_VERSION) if fingerprints else None
        return CreateResult(id_=import_id or str(live.id), outs=_outputs(live, fingerprints, import_id, version))

    def locate(self, inputs: Mapping[str, Any], before: Before) -> str | None:
        live = adopted(_matches(_context.client(), inputs), before, f"finding CredentialList {inputs['name']!r}")
        return str(live.id) if live is not None else None

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        try:
            live = _context.client().credential_lists.read(id_)
        except NotFoundError:
            return ReadResult(id_=None, outs={})
        fingerprints = props.get("password_fingerprints") or {}
        outs = _outputs(live, fingerprints, props.get("import_id"), props.get(CREDENTIALS_VERSION))
        return ReadResult(id_=id_, outs=outs, inputs=self.inputs_of(outs))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        lists = _context.client().credential_lists
        live = lists.get(id_)
        live_usernames = {str(c.username) for c in live.credentials or [] if c.username}
        wanted = {c["username"]: c["password"] for c in news["credentials"]}
        missing = sorted(set(wanted) - live_usernames)
        if missing:
            raise ProviderError(
                f"updating CredentialList {id_}: username {', '.join(map(repr, missing))} is no longer in the "
                "list (removed outside Pulumi?) and the API cannot add a credential to a list; run "
                "`pulumi up --refresh` to replace the list"
            )
        if live.name != news["name"]:
            lists.rename(id_, news["name"])
        old_fingerprints = olds.get("password_fingerprints") or {}
        fingerprints: dict[str, str] = {}
        for username, password in sorted(wanted.items()):
            kept = renewed(password, old_fingerprints.get(username))
            if kept is None:
                lists.set_password(id_, username, password)
                kept = fingerprint(password)
            fingerprints[username] = kept
        for username in sorted(live_usernames - set(wanted)):
            with contextlib.suppress(NotFoundError):
                lists.delete_credential(id_, username)
        live = lists.get(id_)
        return UpdateResult(outs=_outputs(live, fingerprints, news.get("import_id"), news.get(CREDENTIALS_VERSION)))

    def delete(self, id_: str, _props: dict[str, Any]) -> None:
        try:
            _context.client().credential_lists.delete(id_)
        except NotFoundError:
            pass
        except BadRequestError as exc:
            if exc.api_status != "FAILED_PRECONDITION":
                raise
            raise exc.with_hint(
                "a list cannot be deleted while a trunk links it or a registered endpoint uses one of its "
                "usernames; if this follows a replacement (a username was added), see the CredentialList docs"
            ) from None
