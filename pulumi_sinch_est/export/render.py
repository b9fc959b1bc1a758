"""The exported `__main__.py`: every object of a `Project` declared with `import_id`, as formatted code.

Layout: the project-wide lists first (access control lists, credential lists), then one block per trunk
(the trunk, its endpoints, its attachments, its numbers), then call blocking rules and country
permissions. Objects refer to each other by Python reference (`trunk_id=main_pbx.id`), so the engine
knows the graph and edits keep working.

The text is what `ruff format` makes of it at its default 88 columns: every call and list is written
one item per line with a trailing comma (so the formatter keeps it that way), and a mapping goes on one
line only when that line fits.

Numbers are declared as one `PhoneNumberAssignments` per trunk, not one `PhoneNumberAssignment` each:
a project may hold hundreds of numbers, the bulk resource works through them concurrently inside one
provider call, and its list reads as the trunk's numbers. It takes no `import_id` and needs none: its
create reads each number first, and a number already settled on the trunk is adopted without a write.

With the multi-stack layout the same blocks are split in two programs, like `examples/multi-stack`:
`network` declares the lists and exports their ids by logical name, `voice` declares the rest and reads
those ids through a `StackReference` (`acl_id=acl_ids["office_acl"]`).

Passwords cannot be read from the API: each credential's password is `config.require_secret(<key>)`,
and `Program.secrets` lists the keys to set. A `CredentialList` adopted with `import_id` trusts the
passwords it is given and writes none (see its provider).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..client import Endpoint
from .naming import Names, by_name, sorted_acls, sorted_trunks
from .read import Project, TrunkView

LINE_LENGTH = 88
"""`ruff format`'s default, so the program passes it with no configuration of its own."""
INDENT = "    "


@dataclass(frozen=True)
class Secret:
    config_key: str
    credential_list: str
    """The list's Sinch name."""
    username: str


@dataclass
class Program:
    text: str
    resources: Counter[str] = field(default_factory=Counter)
    """How many resources of each type the program declares."""
    secrets: list[Secret] = field(default_factory=list)


def literal(value: str | bool | int) -> str:
    """A Python literal as the formatter writes it: strings in double quotes unless that needs more escapes."""
    if isinstance(value, bool | int):
        return repr(value)
    text = repr(value)
    if text.startswith("'") and '"' not in value:
        text = '"' + text[1:-1].replace("\\'", "'") + '"'
    return text


@dataclass(frozen=True)
class Items:
    """A list written one item per line."""

    items: Sequence[Value]


@dataclass(frozen=True)
class Record:
    """A dict literal: on one line when it fits, else one key per line."""

    pairs: list[tuple[str, str]]
    """Keys and values written as code."""
    expand: bool = False
    """One key per line even when the whole would fit on one."""


@dataclass(frozen=True)
class Call:
    """A call: on one line when it fits, else one argument per line."""

    function: str
    args: list[tuple[str, Value]]


Value = str | Items | Record | Call
"""Code (an expression already written), a list, a mapping or a call."""
Arg = tuple[str | None, Value]
"""A keyword argument (or a positional one, with None) and its value."""


def _inline(value: Value) -> str:
    """`value` on one line."""
    if isinstance(value, str):
        return value
    if isinstance(value, Items):
        return "[" + ", ".join(_inline(item) for item in value.items) + "]"
    if isinstance(value, Record):
        return "{" + ", ".join(f"{literal(k)}: {_inline(v)}" for k, v in value.pairs) + "}"
    return f"{value.function}(" + ", ".join(f"{k}={_inline(v)}" for k, v in value.args) + ")"


def _write(value: Value, indent: str, prefix: str, suffix: str) -> list[str]:
    """`value` written at `indent` after `prefix` (such as `name=`), followed by `suffix`."""
    if isinstance(value, str):
        return [f"{indent}{prefix}{value}{suffix}"]
    inner = indent + INDENT
    if isinstance(value, Items):
        lines = [f"{indent}{prefix}["]
        for item in value.items:
            lines += _write(item, inner, "", ",")
        return [*lines, f"{indent}]{suffix}"]
    one_line = f"{indent}{prefix}{_inline(value)}{suffix}"
    if len(one_line) <= LINE_LENGTH and not (isinstance(value, Record) and value.expand):
        return [one_line]
    if isinstance(value, Record):
        return [f"{indent}{prefix}{{", *(f"{inner}{literal(k)}: {v}," for k, v in value.pairs), f"{indent}}}{suffix}"]
    lines = [f"{indent}{prefix}{value.function}("]
    for key, arg in value.args:
        lines += _write(arg, inner, f"{key}=", ",")
    return [*lines, f"{indent}){suffix}"]


class Writer:
    """Collects the program's lines and counts what it declares."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.resources: Counter[str] = Counter()

    def comment(self, text: str) -> None:
        self.lines += ["", f"# {text}"]

    def declare(self, name: str, kind: str, args: list[Arg]) -> None:
        self.resources[kind] += 1
        self.lines += ["", f"{name} = sinch.{kind}(", f"{INDENT}{literal(name)},"]
        for key, value in args:
            self.lines += _write(value, INDENT, f"{key}=" if key else "", ",")
        self.lines.append(")")


@dataclass(frozen=True)
class Refs:
    """How a trunk's block refers to the shared lists: Python references in one program, or ids read from
    the network stack in the `voice` program of the multi-stack layout."""

    acl: Callable[[str], str]
    credential_list: Callable[[str], str]
    same_program: bool
    """Whether the lists are declared in this program (a registered endpoint can then depend on them)."""


def render_program(project: Project, names: Names) -> Program:
    """The whole project in one program."""
    out = Writer()
    secrets = _lists(project, names, out)
    refs = Refs(
        acl=lambda i: f"{names.acls[i]}.id",
        credential_list=lambda i: f"{names.credential_lists[i]}.id",
        same_program=True,
    )
    for view in sorted_trunks(project):
        _trunk_block(view, project, names, out, refs)
    _project_settings(project, names, out)
    return _program(project, [], out, secrets, [])


def render_network(project: Project, names: Names) -> Program:
    """The multi-stack layout's `network` program: the shared lists, their ids exported by logical name."""
    out = Writer()
    secrets = _lists(project, names, out)
    for output, ids in (("acl_ids", names.acls), ("credential_list_ids", names.credential_lists)):
        exported = Record([(name, f"{name}.id") for name in sorted(ids.values())], expand=True)
        out.lines += ["", "pulumi.export(", f"{INDENT}{literal(output)},", *_write(exported, INDENT, "", ","), ")"]
    about = ["The shared lists: the `network` project of the multi-stack layout."]
    return _program(project, about, out, secrets, [])


def render_voice(project: Project, names: Names) -> Program:
    """The multi-stack layout's `voice` program: trunks and project settings, the lists read from the
    stack named by the `networkStack` config."""
    out = Writer()
    refs = Refs(
        acl=lambda i: f"acl_ids[{literal(names.acls[i])}]",
        credential_list=lambda i: f"credential_list_ids[{literal(names.credential_lists[i])}]",
        same_program=False,
    )
    for view in sorted_trunks(project):
        _trunk_block(view, project, names, out, refs)
    _project_settings(project, names, out)
    network = [
        "",
        'network = pulumi.StackReference(config.require("networkStack"))',
        'acl_ids = network.require_output("acl_ids")',
        'credential_list_ids = network.require_output("credential_list_ids")',
    ]
    about = ["The trunks and project settings: the `voice` project of the multi-stack layout."]
    return _program(project, about, out, [], network)


def _program(project: Project, about: list[str], out: Writer, secrets: list[Secret], preamble: list[str]) -> Program:
    header = [
        f'"""Sinch project {project.project_id}, exported by sinch-est-export.',
        "",
        *about,
        "Every object is adopted with import_id: the first `pulumi up` reads them and writes",
        "nothing. From then on this program is the source of truth: edit it and run `pulumi up`.",
        '"""',
        "",
        "import pulumi",
        "import pulumi_sinch_est as sinch",
    ]
    if secrets or preamble:
        header += ["", "config = pulumi.Config()"]
    text = "\n".join(header + preamble + out.lines) + "\n"
    return Program(text=text, resources=out.resources, secrets=secrets)


def _lists(project: Project, names: Names, out: Writer) -> list[Secret]:
    if project.acls:
        out.comment("Access control lists: the addresses allowed to send calls into the trunks using them.")
    for view in sorted_acls(project):
        acl_id = str(view.acl.id)
        ranges = sorted(view.ranges, key=lambda r: (r.ip_address or "", r.range or 32, str(r.id)))
        out.declare(
            names.acls[acl_id],
            "Acl",
            [
                ("name", literal(view.acl.name or "")),
                ("enabled", literal(view.acl.enabled is not False)),
                (
                    "ip_ranges",
                    Items(
                        [
                            Record(
                                [
                                    ("cidr", literal(f"{r.ip_address}/{32 if r.range is None else r.range}")),
                                    ("description", literal(r.description or "")),
                                ]
                            )
                            for r in ranges
                        ]
                    ),
                ),
                ("import_id", literal(acl_id)),
            ],
        )
    secrets: list[Secret] = []
    if project.credential_lists:
        out.comment("Credential lists. The API never returns passwords: set each key with")
        out.lines.append("# `pulumi config set --secret <key>` (the README lists them).")
    for item in sorted(project.credential_lists, key=lambda c: (c.name or "", str(c.id))):
        list_id = str(item.id)
        credentials: list[Value] = []
        for credential in sorted(item.credentials or [], key=lambda c: c.username or ""):
            username = str(credential.username)
            key = names.password_keys[(list_id, username)]
            secrets.append(Secret(key, item.name or list_id, username))
            credentials.append(
                Record([("username", literal(username)), ("password", f"config.require_secret({literal(key)})")])
            )
        out.declare(
            names.credential_lists[list_id],
            "CredentialList",
            [("name", literal(item.name or "")), ("credentials", Items(credentials)), ("import_id", literal(list_id))],
        )
    return secrets


def _trunk_block(view: TrunkView, project: Project, names: Names, out: Writer, refs: Refs) -> None:
    trunk = view.trunk
    trunk_id = str(trunk.id)
    ref = names.trunks[trunk_id]
    out.comment(f"Trunk {trunk.name or trunk.host_name} ({trunk.domain or trunk.host_name}).")
    args: list[Arg] = [
        ("name", literal(trunk.name or "")),
        ("host_name", literal(trunk.host_name or "")),
        ("enable_caller_name", literal(bool(trunk.enable_caller_name))),
        ("enable_call_forward", literal(bool(trunk.enable_call_forward))),
    ]
    if trunk.call_forward_number:
        args.append(("call_forward_number", literal(trunk.call_forward_number)))
    out.declare(ref, "Trunk", [*args, ("import_id", literal(trunk_id))])

    for _, endpoint_id in by_name((e.name, str(e.id)) for e in view.endpoints):
        endpoint = next(e for e in view.endpoints if str(e.id) == endpoint_id)
        out.declare(
            names.endpoints[f"{trunk_id}/{endpoint_id}"],
            "Endpoint",
            _endpoint_args(endpoint, ref, project, names, refs.same_program),
        )
    for acl_id in sorted(view.acl_ids, key=lambda i: names.acls[i]):
        link = f"{trunk_id}/{acl_id}"
        out.declare(
            names.acl_attachments[link],
            "AclAttachment",
            [("trunk_id", f"{ref}.id"), ("acl_id", refs.acl(acl_id)), ("import_id", literal(link))],
        )
    for list_id in sorted(view.credential_list_ids, key=lambda i: names.credential_lists[i]):
        link = f"{trunk_id}/{list_id}"
        out.declare(
            names.credential_list_attachments[link],
            "CredentialListAttachment",
            [
                ("trunk_id", f"{ref}.id"),
                ("credential_list_id", refs.credential_list(list_id)),
                ("import_id", literal(link)),
            ],
        )
    if view.phone_numbers:
        out.lines += ["", "# Numbers already on the trunk are adopted without a write (no import_id needed)."]
        out.declare(
            names.phone_numbers[trunk_id],
            "PhoneNumberAssignments",
            [("trunk_id", f"{ref}.id"), ("phone_numbers", Items([literal(n) for n in sorted(view.phone_numbers)]))],
        )


def _endpoint_args(endpoint: Endpoint, trunk_ref: str, project: Project, names: Names, lists_here: bool) -> list[Arg]:
    args: list[Arg] = [
        ("trunk_id", f"{trunk_ref}.id"),
        ("name", literal(endpoint.name or "")),
        ("priority", literal(endpoint.priority or 1)),
        ("enabled", literal(endpoint.enabled is not False)),
        ("transport", literal((endpoint.transport or "UDP").upper())),
    ]
    username = endpoint.credential_username
    if endpoint.is_registered or username is not None:
        args.append(("credential_username", literal(username or "")))
    else:
        args += [("address", literal(endpoint.address or "")), ("port", literal(endpoint.port or 5060))]
    args.append(("import_id", literal(str(endpoint.id))))
    # The API refuses to delete a list while a registered endpoint uses one of its usernames: depending on
    # the list makes destroy remove the endpoint first. (Across stacks, the voice stack goes first anyway.)
    holders = [
        names.credential_lists[str(c.id)]
        for c in sorted(project.credential_lists, key=lambda c: names.credential_lists[str(c.id)])
        if lists_here and username is not None and any(cred.username == username for cred in c.credentials or [])
    ]
    if holders:
        args.append(("opts", Call("pulumi.ResourceOptions", [("depends_on", Items(holders))])))
    return args


def _project_settings(project: Project, names: Names, out: Writer) -> None:
    if project.call_blocking_rules:
        out.comment("Call blocking rules (project-wide).")
    for name, rule_id in by_name((r.name, str(r.id)) for r in project.call_blocking_rules):
        rule = next(r for r in project.call_blocking_rules if str(r.id) == rule_id)
        args: list[Arg] = [("name", literal(name or "")), ("direction", literal((rule.direction or "").upper()))]
        for key in ("caller_country", "caller_match", "callee_country", "callee_match"):
            value = getattr(rule, key)
            if value:
                args.append((key, literal(str(value))))
        out.declare(names.call_blocking_rules[rule_id], "CallBlockingRule", [*args, ("import_id", literal(rule_id))])
    if project.country_permissions:
        out.comment("Country permissions that differ from a new project's (only US and CA enabled).")
        out.lines.append("# Destroying one leaves the country as it was found at adoption.")
    for permission in sorted(project.country_permissions, key=lambda p: str(p.iso_code).upper()):
        iso = str(permission.iso_code).upper()
        out.declare(
            names.country_permissions[iso],
            "CountryPermission",
            [("iso_code", literal(iso)), ("enabled", literal(bool(permission.enabled))), ("import_id", literal(iso))],
        )
