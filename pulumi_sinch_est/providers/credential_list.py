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
hashes each new password with the stored salt. No error message shows a password: `check` hides the value
of any failure that could hold one.

Choices where est-api.md says UNKNOWN:
- Whether usernames are unique per list or per project: per list is assumed (as the emulator does), and
  a replacement briefly has the same usernames in two lists.
- Passwords of an adopted list (`import_id`) cannot be known: the adopted list has no fingerprints, so
  the next `up` sets every password to the program's value (an update, shown by `preview`).
- A password changed outside Pulumi cannot be detected (the API never returns one); a username added or
  removed outside Pulumi can: added ones are deleted by the next `up`, removed ones replace the list.
- List names are not unique, so a create whose response was lost (Sinch may have made the list) looks
  for the list it sent: the only one with the same name and exactly the same usernames is taken as the one
  it made, with the passwords just sent. None, or several (a copy made by hand), and the error stands:
  adopting one of several would be a guess, and creating again could leave a list nothing tracks.
"""

from __future__ import annotations

import contextlib
import re
import secrets
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar

from pulumi.dynamic import CheckFailure, CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from ..client import BadRequestError, NotFoundError, ServerError, SinchClient, TransportError
from ..client.lookups import single_match
from ..client.models import CredentialList, CredentialListRequest, CredentialRequest
from . import _context
from ._base import EstProvider, InputModel, ProviderError, contains_unknown, found_after, shown_value
from ._fields import Name, Password, Username, first_repeat
from ._fingerprints import fingerprint, matches

_ITEM_SHAPE = "expected a mapping {'username': ..., 'password': ...}"


class CredentialInput(BaseModel):
    """One username and its password, as `check` leaves it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    username: Username
    password: Password


def _credential_item(value: object) -> object:
    """Checked here so the error names the item (`credentials[1]`); its value is hidden by `check`."""
    if not isinstance(value, Mapping):
        raise ValueError(_ITEM_SHAPE)
    unknown = sorted(str(key) for key in value if key not in CredentialInput.model_fields)
    if unknown:
        raise ValueError(f"unknown key {', '.join(map(repr, unknown))}: {_ITEM_SHAPE}")
    return value


def _unique_sorted(credentials: list[CredentialInput]) -> list[CredentialInput]:
    repeat = first_repeat([item.username for item in credentials])
    if repeat is not None:
        index, earlier = repeat
        raise ValueError(
            f"credentials[{index}] repeats username {credentials[index].username!r} from credentials[{earlier}]: "
            "expected each username once"
        )
    return sorted(credentials, key=lambda item: item.username)


class CredentialListInputs(InputModel):
    SECRET_FIELDS: ClassVar[frozenset[str]] = frozenset({"password"})

    name: Name
    credentials: Annotated[
        list[Annotated[CredentialInput, BeforeValidator(_credential_item)]],
        Field(strict=True),
        AfterValidator(_unique_sorted),
    ] = Field(default_factory=list)
    import_id: str | None = None


_PATH_PART = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def _value_at_path(raw: Any, path: str) -> Any:
    """The value a failure's property path (`credentials[0].username`) points at, None if none."""
    for match in _PATH_PART.finditer(path):
        key: str | int = match.group(1) if match.group(1) is not None else int(match.group(2))
        try:
            raw = raw[key]
        except (KeyError, IndexError, TypeError):
            return None
    return raw


def _hide_passwords(failure: CheckFailure, raw: Mapping[str, Any]) -> CheckFailure:
    """A failure about `credentials` or one of its items would show the list, the item or a string that
    may hold a password: the value is replaced by a placeholder, the reason kept. Only a username (a
    string at `credentials[i].username`) is shown; passwords are hidden by `_base` already."""
    if not failure.property.startswith("credentials"):
        return failure
    value = _value_at_path(raw, failure.property)
    if failure.property.endswith(".username") and isinstance(value, str):
        return failure
    shown = f"{failure.property} = {shown_value(value)} "
    reason = failure.reason.replace(shown, f"{failure.property} = (hidden: it may hold a password) ", 1)
    return CheckFailure(failure.property, reason)


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
costs about 10 ms of CPU, per credential, per preview and per refresh). `check` adds it to the inputs: the
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


def _find(client: SinchClient, inputs: Mapping[str, Any]) -> CredentialList | None:
    """The list with the name and exactly the usernames; by name alone when the credentials are missing
    (an exported state holds them encrypted)."""
    credentials = inputs.get("credentials")
    usernames = sorted(c["username"] for c in credentials) if isinstance(credentials, list) else None

    def is_wanted(live: CredentialList) -> bool:
        live_usernames = sorted(str(c.username) for c in live.credentials or [])
        return live.name == inputs["name"] and usernames in (None, live_usernames)

    return single_match(client.credential_lists.list(), is_wanted, f"finding CredentialList {inputs['name']!r}")


class CredentialListProvider(EstProvider):
    kind = "CredentialList"
    inputs_model = CredentialListInputs

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        result = super().check(olds, news)
        result.failures = [_hide_passwords(f, news) for f in result.failures]
        credentials = result.inputs.get("credentials")
        if not result.failures and isinstance(credentials, list) and not contains_unknown(credentials):
            result.inputs[CREDENTIALS_VERSION] = _credentials_version(olds, credentials)
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
        if import_id:
            live = lists.get(import_id)
            fingerprints: dict[str, str] = {}
        else:
            try:
                live = lists.create(_request(props))
            except (TransportError, ServerError) as exc:
                live = found_after(exc, lambda: _find(client, props))
            fingerprints = {c["username"]: fingerprint(c["password"]) for c in props["credentials"]}
        version = props.get(CREDENTIALS_VERSION) if fingerprints else None
        return CreateResult(id_=str(live.id), outs=_outputs(live, fingerprints, import_id, version))

    def locate(self, inputs: Mapping[str, Any]) -> str | None:
        live = _find(_context.client(), inputs)
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
            if matches(password, old_fingerprints.get(username)):
                fingerprints[username] = old_fingerprints[username]
            else:
                lists.set_password(id_, username, password)
                fingerprints[username] = fingerprint(password)
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
            raise BadRequestError(
                exc.status_code,
                exc.operation,
                api_status=exc.api_status,
                api_message=exc.api_message,
                field_violations=exc.field_violations,
                hint="a list cannot be deleted while a trunk links it or a registered endpoint uses one of its "
                "usernames; if this follows a replacement (a username was added), see the CredentialList docs",
            ) from None
