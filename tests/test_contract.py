"""What users' stacks depend on, and what a reader relies on, kept from changing unnoticed.

- Type tokens and provider classes are written into every user's state: a resource whose token changes is
  a new resource to the engine (the old one is deleted), and the provider is pickled by reference (module
  path and class name), so a provider moved or renamed cannot be loaded from existing state any more.
- The top-level `__all__` is the public surface.
- The layer rules: the client imports no Pulumi, the emulator no client, resources and providers no HTTP
  library.
- Sibling files share a shape: every resource file and every provider file has the same members, in the
  same order.
- Every exception the package raises sits under `SinchEstError`, in the tree its docstring draws.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path
from types import ModuleType

import pulumi
import pytest

import pulumi_sinch_est
from pulumi_sinch_est import errors
from pulumi_sinch_est.components.sip_trunking import TYPE_TOKEN, SipTrunking
from pulumi_sinch_est.providers._base import EstProvider, InputModel
from pulumi_sinch_est.resources._common import MODULE

PACKAGE = Path(pulumi_sinch_est.__file__).parent

RESOURCES = {
    "Acl": "acl",
    "AclAttachment": "acl_attachment",
    "CallBlockingRule": "call_blocking_rule",
    "CountryPermission": "country_permission",
    "CredentialList": "credential_list",
    "CredentialListAttachment": "credential_list_attachment",
    "Endpoint": "endpoint",
    "PhoneNumberAssignment": "phone_number_assignment",
    "PhoneNumberAssignments": "phone_number_assignments",
    "Trunk": "trunk",
}
"""Every resource class and the module (in `resources/` and in `providers/`) it lives in."""

PUBLIC = [
    "Acl",
    "AclArgs",
    "AclAttachment",
    "AclAttachmentArgs",
    "AclIpRangeArgs",
    "Authentication",
    "CallBlockingRule",
    "CallBlockingRuleArgs",
    "CountryPermission",
    "CountryPermissionArgs",
    "CredentialArgs",
    "CredentialList",
    "CredentialListArgs",
    "CredentialListAttachment",
    "CredentialListAttachmentArgs",
    "Direction",
    "Endpoint",
    "EndpointArgs",
    "EndpointType",
    "PhoneNumberAssignment",
    "PhoneNumberAssignmentArgs",
    "PhoneNumberAssignments",
    "PhoneNumberAssignmentsArgs",
    "ProviderError",
    "ProvisioningError",
    "SinchEstError",
    "SipTrunking",
    "SipTrunkingArgs",
    "SipTrunkingEndpointArgs",
    "SipTrunkingError",
    "Trunk",
    "TrunkArgs",
]

FROZEN = "it is written into every user's state: changing it breaks their existing stacks"


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"pulumi_sinch_est.{name}")


# What users' stacks hold --------------------------------------------------------------------------------


def test_the_module_of_every_type_token_is_sinch_est() -> None:
    assert MODULE == "sinch-est", f"the module of the type tokens is {MODULE!r}; {FROZEN}"
    assert TYPE_TOKEN == "sinch-est:index:SipTrunking", f"the component's type token changed; {FROZEN}"
    assert issubclass(SipTrunking, pulumi.ComponentResource)


@pytest.mark.parametrize("kind", sorted(RESOURCES))
def test_type_token(kind: str) -> None:
    resource = getattr(_module(f"resources.{RESOURCES[kind]}"), kind)
    token = f"pulumi-python:{resource._resource_type_name}"
    assert token == f"pulumi-python:dynamic/sinch-est:{kind}", f"{kind}'s type token is {token!r}; {FROZEN}"


@pytest.mark.parametrize("kind", sorted(RESOURCES))
def test_provider_module_path_and_class_name(kind: str) -> None:
    """The provider instance is pickled by reference: its class must stay where existing state finds it."""
    provider = type(_module(f"resources.{RESOURCES[kind]}")._PROVIDER)
    where = f"{provider.__module__}.{provider.__qualname__}"
    expected = f"pulumi_sinch_est.providers.{RESOURCES[kind]}.{kind}Provider"
    assert where == expected, (
        f"{kind}'s provider is {where}, not {expected}: the provider is pickled by reference into every "
        "user's state, so moving or renaming it breaks their existing stacks (keep the old name importable)"
    )
    assert issubclass(provider, EstProvider) and provider.kind == kind


def test_every_resource_is_listed() -> None:
    """A new resource is added to this contract when it is added to the package."""
    found = {p.stem for p in (PACKAGE / "resources").glob("[a-z]*.py")}
    assert found == set(RESOURCES.values())
    assert {p.stem for p in (PACKAGE / "providers").glob("[a-z]*.py")} == found


# The public surface ---------------------------------------------------------------------------------------


def test_top_level_all_is_sorted_and_unchanged() -> None:
    assert pulumi_sinch_est.__all__ == sorted(pulumi_sinch_est.__all__), "keep __all__ sorted"
    assert pulumi_sinch_est.__all__ == PUBLIC, "the public names changed: update README and this list together"
    assert all(hasattr(pulumi_sinch_est, name) for name in PUBLIC)


# The layer rules ------------------------------------------------------------------------------------------


def _imports(path: Path) -> set[str]:
    """Every module a file imports, anywhere in it, relative imports made absolute."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            found.add(stem)
            found.update(f"{stem}.{alias.name}" for alias in node.names)
    return found


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == prefix or name.startswith(f"{prefix}.") for prefix in prefixes)


def _layer(*parts: str) -> list[Path]:
    root = PACKAGE.joinpath(*parts)
    return sorted(root.rglob("*.py")) if root.is_dir() else [root]


CLIENT_SIDE = ("pulumi_sinch_est.client", "pulumi_sinch_est.config", "pulumi_sinch_est.errors")
"""What the client may import of the package: modules that import no Pulumi themselves."""

LAYER_RULES = [
    ("client", CLIENT_SIDE, ("pulumi",), "the client imports no Pulumi"),
    ("config.py", CLIENT_SIDE, ("pulumi",), "the client's settings import no Pulumi"),
    ("errors.py", (), ("pulumi",), "the root exception imports no Pulumi"),
    ("emulator", (), ("pulumi_sinch_est.client",), "the emulator imports no client: it stands in for Sinch"),
    ("resources", (), ("httpx", "pulumi_sinch_est.client"), "resources make no HTTP calls"),
    ("providers", (), ("httpx",), "providers reach HTTP only through the client"),
]


@pytest.mark.parametrize(("layer", "allowed", "forbidden", "rule"), LAYER_RULES, ids=[r[0] for r in LAYER_RULES])
def test_layer_rules(layer: str, allowed: tuple[str, ...], forbidden: tuple[str, ...], rule: str) -> None:
    broken = []
    for path in _layer(*layer.split("/")):
        for name in sorted(_imports(path)):
            outside = bool(allowed) and _within(name, ("pulumi_sinch_est",)) and not _within(name, allowed)
            if _within(name, forbidden) or outside:
                broken.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert broken == [], f"{rule}: {broken}"


def test_the_import_parser_sees_relative_imports() -> None:
    """The layer test's own parser, so a rule cannot pass by not seeing an import."""
    sample = PACKAGE / "client" / "trunks.py"
    found = _imports(sample)
    assert "pulumi_sinch_est.client.models" in found or "pulumi_sinch_est.client.models.Trunk" in found
    late = PACKAGE / "resources" / "trunk.py"
    assert "pulumi_sinch_est.providers.trunk.TrunkProvider" in _imports(late)


# Sibling files share a shape ------------------------------------------------------------------------------


def _members(node: ast.Module | ast.ClassDef) -> list[str]:
    """The names a module or class body defines, in order."""
    names: list[str] = []
    for item in node.body:
        if isinstance(item, ast.FunctionDef | ast.ClassDef):
            names.append(item.name)
        elif isinstance(item, ast.Assign):
            names.extend(t.id for t in item.targets if isinstance(t, ast.Name))
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            names.append(item.target.id)
    return names


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), str(path))


def _class(module: ast.Module, name: str) -> ast.ClassDef:
    return next(n for n in module.body if isinstance(n, ast.ClassDef) and n.name == name)


def _in_order(members: list[str], canon: list[str]) -> list[str]:
    return [name for name in members if name in canon]


@pytest.mark.parametrize("kind", sorted(RESOURCES))
def test_every_resource_file_has_the_same_members_in_the_same_order(kind: str) -> None:
    module = _tree(PACKAGE / "resources" / f"{RESOURCES[kind]}.py")
    shape = ["_PROVIDER", f"{kind}Args", kind, "_OUTPUTS"]
    assert _in_order(_members(module), shape) == shape, f"resources/{RESOURCES[kind]}.py: expected {shape} in order"
    assert [n for n in _members(_class(module, kind)) if not n[0].islower() or n.startswith("__")] == ["__init__"]


PROVIDER_MEMBERS = [
    "kind",
    "inputs_model",
    "replace_on",
    "delete_before_replace",
    "fill_defaults",
    "check",
    "diff",
    "create",
    "locate",
    "read",
    "update",
    "delete",
    "inputs_of",
]
"""The members a provider class may define, in the order every provider defines them."""


@pytest.mark.parametrize("kind", sorted(RESOURCES))
def test_every_provider_file_has_the_same_members_in_the_same_order(kind: str) -> None:
    name = RESOURCES[kind]
    module = _tree(PACKAGE / "providers" / f"{name}.py")
    top = _members(module)
    shape = [f"{kind}Inputs", f"{kind}Provider"]
    assert _in_order(top, shape) == shape, f"providers/{name}.py: expected {shape} in order"
    assert top[-1] == f"{kind}Provider", f"providers/{name}.py: the provider class comes last"
    members = _members(_class(module, f"{kind}Provider"))
    assert members[:2] == ["kind", "inputs_model"], f"{kind}Provider starts with kind and inputs_model"
    ours = _in_order(members, PROVIDER_MEMBERS)
    assert ours == sorted(ours, key=PROVIDER_MEMBERS.index), f"{kind}Provider: members out of order: {ours}"
    provider = getattr(_module(f"providers.{name}"), f"{kind}Provider")
    assert issubclass(provider.inputs_model, InputModel) and provider.inputs_model.__name__ == f"{kind}Inputs"


# One exception tree ---------------------------------------------------------------------------------------

APART = ("pulumi_sinch_est.emulator",)
"""Outside the tree on purpose (see `pulumi_sinch_est.errors`): the emulator stands in for Sinch and turns
its errors into HTTP responses."""


def _package_exceptions() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    modules = [pulumi_sinch_est.__name__] + [
        m.name for m in pkgutil.walk_packages(pulumi_sinch_est.__path__, f"{pulumi_sinch_est.__name__}.")
    ]
    for name in modules:
        if _within(name, APART) or name.endswith(".__main__"):  # running a command is not importing it
            continue
        for _, obj in inspect.getmembers(importlib.import_module(name), inspect.isclass):
            if issubclass(obj, BaseException) and obj.__module__.startswith(pulumi_sinch_est.__name__):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return found


def test_every_exception_of_the_package_is_under_the_root() -> None:
    found = _package_exceptions()
    assert len(found) >= 20, sorted(found)  # the walk reached the client, providers, components and recovery
    outside = sorted(name for name, cls in found.items() if not issubclass(cls, errors.SinchEstError))
    assert outside == [], f"exceptions outside SinchEstError: {outside}"
    undrawn = sorted(name for name, cls in found.items() if cls.__name__ not in (errors.__doc__ or ""))
    assert undrawn == [], f"exceptions missing from the tree in pulumi_sinch_est.errors: {undrawn}"
