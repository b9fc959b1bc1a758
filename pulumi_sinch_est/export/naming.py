"""Logical names for the exported program: readable, valid Python identifiers, unique and deterministic.

Each object's name comes from its Sinch name (`Main PBX` -> `main_pbx`), with a kind suffix where the
bare name would read ambiguously (`office_acl`, `office_phones_credentials`); objects that hang off a
trunk carry the trunk's name first (`main_pbx_static_pbx`). The same name is the Python variable and the
Pulumi resource name, so `pulumi stack` output and the program read alike.

Determinism: objects are named in a fixed order (by Sinch name, then id), and a name already taken gets
`_2`, `_3`... in that order, so the same project always gets the same names.
"""

from __future__ import annotations

import keyword
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from .read import AclView, Project, TrunkView

MAX_STEM = 24
"""Longest stem taken from a Sinch name: a trunk's objects repeat it."""
MAX_NAME = 40
"""Longest logical name, so that every line of the program fits in 88 columns."""
KEY_STEM = 14
MAX_KEY = 38
"""Longest password config key, so that `"password": config.require_secret("<key>"),` fits in 88 columns."""
RESERVED = frozenset({"pulumi", "sinch", "config"})
"""Names the program itself uses."""


def stem(text: str | None, fallback: str, limit: int = MAX_STEM) -> str:
    """`text` as a lower-case identifier fragment (accents dropped, runs of anything else as one `_`)."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")[:limit].strip("_")
    return slug or fallback


def with_suffix(base: str, suffix: str, *endings: str) -> str:
    """`base_suffix`, unless `base` already ends with the suffix or one of `endings`."""
    return base if base.endswith((suffix, *endings)) else f"{base}_{suffix}"


def by_name(items: Iterable[tuple[str | None, str]]) -> list[tuple[str | None, str]]:
    """(name, id) pairs in naming order."""
    return sorted(items, key=lambda item: (item[0] or "", item[1]))


@dataclass
class Namer:
    """Hands out unique identifiers in the order asked."""

    taken: set[str] = field(default_factory=lambda: set(RESERVED))

    def unique(self, wanted: str, limit: int = MAX_NAME) -> str:
        """`wanted` made a valid identifier no longer than `limit`, with `_2`, `_3`... when it is taken."""
        base = (wanted if wanted[0].isalpha() else f"n_{wanted}")[:limit].rstrip("_")
        if keyword.iskeyword(base) or keyword.issoftkeyword(base):
            base = f"{base}_"
        name, count = base, 1
        while name in self.taken:
            count += 1
            suffix = f"_{count}"
            name = base[: limit - len(suffix)].rstrip("_") + suffix
        self.taken.add(name)
        return name


@dataclass(frozen=True)
class Names:
    """The logical name of every object, by its id (`trunk/endpoint` ids for endpoints, `trunk/list` for
    attachments, the ISO code for country permissions), and the config key of every password."""

    trunks: dict[str, str]
    endpoints: dict[str, str]
    acls: dict[str, str]
    credential_lists: dict[str, str]
    acl_attachments: dict[str, str]
    credential_list_attachments: dict[str, str]
    phone_numbers: dict[str, str]
    """By trunk id."""
    call_blocking_rules: dict[str, str]
    country_permissions: dict[str, str]
    password_keys: dict[tuple[str, str], str]
    """By (credential list id, username)."""


def sorted_trunks(project: Project) -> list[TrunkView]:
    return sorted(project.trunks, key=lambda v: (v.trunk.name or v.trunk.host_name or "", str(v.trunk.id)))


def sorted_acls(project: Project) -> list[AclView]:
    return sorted(project.acls, key=lambda v: (v.acl.name or "", str(v.acl.id)))


def name_project(project: Project) -> Names:
    """Name every object of `project`; lists first, then each trunk and what hangs off it."""
    namer = Namer()
    acls = {str(v.acl.id): namer.unique(with_suffix(stem(v.acl.name, "acl"), "acl")) for v in sorted_acls(project)}
    credential_lists: dict[str, str] = {}
    password_keys: dict[tuple[str, str], str] = {}
    keys = Namer()
    for name, list_id in by_name((c.name, str(c.id)) for c in project.credential_lists):
        credential_lists[list_id] = namer.unique(with_suffix(stem(name, "credential_list"), "credentials", "creds"))
    for item in sorted(project.credential_lists, key=lambda c: (c.name or "", str(c.id))):
        for credential in sorted(item.credentials or [], key=lambda c: c.username or ""):
            username = str(credential.username)
            wanted = f"{stem(item.name, 'list', KEY_STEM)}_{stem(username, 'user', KEY_STEM - 2)}_password"
            key = keys.unique(wanted, MAX_KEY)
            password_keys[(str(item.id), username)] = key

    trunks: dict[str, str] = {}
    endpoints: dict[str, str] = {}
    acl_attachments: dict[str, str] = {}
    credential_list_attachments: dict[str, str] = {}
    phone_numbers: dict[str, str] = {}
    for view in sorted_trunks(project):
        trunk_id = str(view.trunk.id)
        trunk = trunks[trunk_id] = namer.unique(stem(view.trunk.name or view.trunk.host_name, "trunk"))
        for name, endpoint_id in by_name((e.name, str(e.id)) for e in view.endpoints):
            endpoints[f"{trunk_id}/{endpoint_id}"] = namer.unique(f"{trunk}_{stem(name, 'endpoint')}")
        for acl_id in sorted(view.acl_ids, key=lambda i: acls.get(i, i)):
            if acl_id in acls:
                acl_attachments[f"{trunk_id}/{acl_id}"] = namer.unique(f"{trunk}_{acls[acl_id]}")
        for list_id in sorted(view.credential_list_ids, key=lambda i: credential_lists.get(i, i)):
            if list_id in credential_lists:
                link = f"{trunk_id}/{list_id}"
                credential_list_attachments[link] = namer.unique(f"{trunk}_{credential_lists[list_id]}")
        if view.phone_numbers:
            phone_numbers[trunk_id] = namer.unique(f"{trunk}_numbers")

    rules = {
        rule_id: namer.unique(with_suffix(stem(name, "call_blocking"), "rule"))
        for name, rule_id in by_name((r.name, str(r.id)) for r in project.call_blocking_rules)
    }
    countries = {
        iso: namer.unique(f"country_{'international' if iso == '*' else stem(iso, 'x')}")
        for iso in sorted(str(p.iso_code).upper() for p in project.country_permissions)
    }
    return Names(
        trunks=trunks,
        endpoints=endpoints,
        acls=acls,
        credential_lists=credential_lists,
        acl_attachments=acl_attachments,
        credential_list_attachments=credential_list_attachments,
        phone_numbers=phone_numbers,
        call_blocking_rules=rules,
        country_permissions=countries,
        password_keys=password_keys,
    )
