"""Repair a stack whose `pulumi up` was killed mid-run: adopt what its interrupted creates made.

A `pulumi up` killed while a create was under way (a CI runner cancelled, a machine lost) leaves the
create in the state's `pending_operations`: Sinch may have made the object, and Pulumi does not know its
id. `pulumi refresh --clear-pending-creates` drops such entries, orphaning every object that was made
(the next `up` then makes a second one, or fails on a host name now taken), and
`--import-pending-creates` cannot help, because dynamic providers cannot import. This tool does what an
operator would do by hand: for each interrupted create of this package's resources it looks the object
up in Sinch with the provider's own lookup (`locate`, the one a create runs when its response is lost)
and, when it exists, records it as a tracked resource with that id; the rest are dropped. Interrupted
updates and deletes are dropped too: their resource is in the state already, and `pulumi refresh`
reads its real values (which is how Pulumi itself clears them).

Its settings come the way the provider's do, through the same code (`providers._context.settings`):
`--config FILE`, the output of `pulumi config --show-secrets --json`, is the stack config layer, and the
`SINCH_*` environment the other, under the one-layer rule of `pulumi_sinch_est.config` (a key in the
stack config is never sent to a `SINCH_*_URL` of the shell). A stack export holds no config, so the
tool cannot find it on its own. It prints the project and hosts it uses before any lookup, and writes
its output with mode 0600 (an export made with `--show-secrets` holds plaintext).

Recipe (`--since` is when the killed `pulumi up` started, from its CI log or terminal)::

    pulumi cancel                       # a self-managed backend keeps the dead run's lock
    pulumi stack export --file s.json
    sinch-est-recover s.json --since 2026-11-29T18:00:00Z \
        --config <(pulumi config --show-secrets --json) --output fixed.json
    pulumi stack import --file fixed.json
    pulumi refresh                      # reads the adopted objects' real outputs
    pulumi up

`python -m pulumi_sinch_est.recovery` is the same command. With no file it reads standard input, and
without `--output` it writes standard output. It prints one line per interrupted operation to standard
error (adopted with its id, or dropped and why). An object that matches twice (a copy made by hand) stops
the run with both ids and writes nothing: adopting one of them would be a guess.

Ownership: a match is adopted only when it cannot have existed before the interrupted create began (the
rule of `providers._ownership`, which the providers apply to their own unknown outcomes). The killed run
kept no record of what existed before, so the evidence here is the object's `createTime`: one created
before `--since` is someone else's (another stack's identical ACL, say) and is left alone; without
`--since`, or for an object without `createTime`, a match cannot be told apart and the run stops, naming
it, with nothing written (adopt it by hand with `import_id` instead). A `--since` earlier than the run's
start only widens the window in which another stack's identical object could be taken for ours.

The lookups use only non-secret inputs (host names, list names and usernames, trunk and list ids, phone
numbers), never a list's name alone; secret values stay as they are in the file, encrypted unless it was
exported with `--show-secrets`, and are copied to the output untouched. An adopted resource's outputs are
its inputs until `pulumi refresh` reads the real ones.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import json
import os
import pkgutil
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Any

from . import providers as _providers
from .client import AmbiguousMatchError, SinchError
from .config import ConfigurationError, Settings
from .errors import SinchEstError
from .providers import _context
from .providers._base import PROVIDER_KEY, EstProvider
from .providers._ownership import CreatedBefore
from .resources._common import MODULE

TYPE_PREFIX = f"pulumi-python:dynamic/{MODULE}:"
SECRET_SIG = "4dabf18193072939515e22adb298388d"
"""The key that marks a secret value in an exported deployment."""


@dataclass(frozen=True)
class Outcome:
    """What became of one interrupted operation."""

    adopted: bool
    kind: str
    """The resource class (the type token itself for a type not of this package)."""
    name: str
    detail: str
    """The adopted id, or why the operation was dropped."""

    def __str__(self) -> str:
        return f"{'adopted' if self.adopted else 'dropped'} {self.kind} {self.name}: {self.detail}"


class RecoveryError(SinchEstError):
    """Raised when an interrupted create cannot be settled, so no repaired state is written."""


def package_providers() -> dict[str, EstProvider]:
    """Every provider of this package by resource class name (the last part of its type token)."""
    for module in pkgutil.iter_modules(_providers.__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{_providers.__name__}.{module.name}")
    found: dict[str, EstProvider] = {}
    for cls in _subclasses(EstProvider):
        kind = cls.__dict__.get("kind")
        if isinstance(kind, str) and cls.__module__.startswith(f"{_providers.__name__}."):
            found[kind] = cls()
    return found


def _subclasses(cls: type[EstProvider]) -> Iterator[type[EstProvider]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _is_secret(value: Any) -> bool:
    """Whether a value is, or holds, a secret (ciphertext, or plaintext under `--show-secrets`)."""
    if isinstance(value, Mapping):
        return SECRET_SIG in value or any(_is_secret(v) for v in value.values())
    if isinstance(value, list):
        return any(_is_secret(v) for v in value)
    return False


def readable_inputs(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """The inputs a lookup may use: everything but the provider blob and the secret values."""
    return {k: v for k, v in inputs.items() if k != PROVIDER_KEY and not _is_secret(v)}


def _settle(
    operation: Mapping[str, Any], providers: Mapping[str, EstProvider], before: CreatedBefore
) -> tuple[str | None, Outcome]:
    """The id to adopt for one pending operation (None: drop it), and the line that says so."""
    resource = operation["resource"]
    token = str(resource.get("type", ""))
    kind = token.removeprefix(TYPE_PREFIX) if token.startswith(TYPE_PREFIX) else token
    name = str(resource.get("urn", "")).rsplit("::", 1)[-1]
    what = operation.get("type")
    if what != "creating":
        return None, Outcome(False, kind, name, f"interrupted while {what}; `pulumi refresh` reads its real state")
    provider = providers.get(kind) if token.startswith(TYPE_PREFIX) else None
    if provider is None:
        return None, Outcome(False, kind, name, "not of this package: check by hand whether its provider made it")
    try:
        found = provider.locate(readable_inputs(resource.get("inputs") or {}), before)
    except NotImplementedError:
        return None, Outcome(False, kind, name, "no lookup for this resource; the next `pulumi up` creates it")
    except AmbiguousMatchError as exc:
        since = "" if before.since is not None else "give --since (when the interrupted `pulumi up` started), or "
        raise RecoveryError(
            f"looking up {kind} {name}: {exc}; cannot tell which one the interrupted create made: {since}set "
            "import_id on the resource to the right id, then run `pulumi refresh --clear-pending-creates` and "
            "`pulumi up`"
        ) from exc
    except KeyError as exc:
        raise RecoveryError(
            f"looking up {kind} {name}: its input {exc} is secret or missing, and the lookup needs it; "
            "check in Sinch whether the object exists and edit the exported file by hand"
        ) from exc
    except (SinchError, ConfigurationError) as exc:
        raise RecoveryError(f"looking up {kind} {name}: {exc}") from exc
    if found is None:
        return None, Outcome(False, kind, name, "not found in Sinch: the create did not happen")
    return found, Outcome(True, kind, name, found)


def repair(exported: Mapping[str, Any], since: datetime | None = None) -> tuple[dict[str, Any], list[Outcome]]:
    """The exported stack (`{"version", "deployment"}`) with its pending operations settled, and what
    became of each; `since` is when the interrupted run started, UTC unless it has a zone (see
    "Ownership"). Raises `RecoveryError` when one cannot be settled (a match whose age cannot be told, the
    API fails); the input is never changed."""
    before = CreatedBefore(since if since is None or since.tzinfo else since.replace(tzinfo=UTC))
    deployment = dict(exported.get("deployment") or {})
    resources = [dict(r) for r in deployment.get("resources") or []]
    providers = package_providers()
    outcomes = []
    for operation in deployment.pop("pending_operations", None) or []:
        found, outcome = _settle(operation, providers, before)
        outcomes.append(outcome)
        if found is None:
            continue
        resource = operation["resource"]
        for live in resources:
            # A create-before-delete replacement was under way: the old object goes, as the engine would.
            if live.get("urn") == resource.get("urn") and not live.get("delete"):
                live["delete"] = True
        resources.append({**resource, "id": found, "outputs": dict(resource.get("inputs") or {})})
    deployment["resources"] = resources
    return {**exported, "deployment": deployment}, outcomes


RECIPE = "docs/troubleshooting.md#up-killed"


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="sinch-est-recover",
        description="Settle the interrupted creates of a `pulumi stack export` file: adopt the Sinch objects "
        "they made, drop the rest.",
        epilog="Settings come as for the provider: the stack config given with --config, or the SINCH_* "
        "environment; the credentials and the URLs they go to from one of the two. The project and hosts "
        f"used are printed first. The whole recipe, from `pulumi cancel` to `pulumi up`: {RECIPE}",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument("deployment", nargs="?", default="-", help="the exported stack (default: standard input)")
    parser.add_argument(
        "-o",
        "--output",
        default="-",
        help="the repaired stack's file, written with mode 0600 (default: standard output)",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="the stack's config as `pulumi config --show-secrets --json` prints it; its sinch:* keys are "
        "the stack config layer (default: none, the environment alone)",
    )
    parser.add_argument(
        "--since",
        type=_time,
        help="when the interrupted `pulumi up` started (ISO 8601, UTC unless a zone is given): an object "
        "created before it is never adopted; without it, any match stops the run",
    )
    return parser.parse_args(argv)


def _time(text: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected an ISO 8601 time such as 2026-11-29T18:00:00Z, got {text!r}"
        ) from None
    return parsed


def _version() -> str:
    try:
        return importlib.metadata.version("pulumi-sinch-est")
    except importlib.metadata.PackageNotFoundError:
        return "unknown (not installed)"


def _stack_config(path: str) -> dict[str, str]:
    """The `sinch:*` values of a `pulumi config --json` file; a secret it hides is an error, not a gap."""
    with open(path, encoding="utf-8") as source:
        data = json.load(source)
    if not isinstance(data, dict):
        raise ValueError("expected the JSON object `pulumi config --json` prints")
    found: dict[str, str] = {}
    for key, entry in data.items():
        if not str(key).startswith("sinch:") or not isinstance(entry, dict) or entry.get("value") is None:
            continue
        if entry.get("secret") and entry["value"] == "[secret]":
            raise ValueError(f"{key} is hidden: export the config with `pulumi config --show-secrets --json`")
        found[str(key)] = str(entry["value"])
    return found


def _settings(config_path: str | None) -> Settings:
    _context.use_stack_config(_stack_config(config_path) if config_path is not None else {})
    return _context.settings()


def _write(path: str, text: str) -> None:
    """Mode 0600, also when the file exists: the stack may hold plaintext secrets."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as target:
        target.write(text)


def _read(path: str, stdin: IO[str]) -> Any:
    if path == "-":
        return json.load(stdin)
    with open(path, encoding="utf-8") as source:
        return json.load(source)


def main(argv: Sequence[str] | None = None) -> int:
    """The `sinch-est-recover` command; 0 when the repaired stack was written, 1 when nothing was."""
    args = _arguments(argv)
    try:
        exported = _read(args.deployment, sys.stdin)
    except (OSError, ValueError) as exc:
        print(f"sinch-est-recover: cannot read {args.deployment}: {exc}", file=sys.stderr)
        return 1
    if not isinstance(exported, dict) or not isinstance(exported.get("deployment"), dict):
        print(f"sinch-est-recover: {args.deployment} is not the output of `pulumi stack export`", file=sys.stderr)
        return 1
    try:
        settings = _settings(args.config)
    except (OSError, ValueError, ConfigurationError) as exc:
        print(f"sinch-est-recover: cannot resolve the Sinch settings: {exc}; nothing written", file=sys.stderr)
        return 1
    print(f"sinch-est-recover: using {settings.describe()}", file=sys.stderr, flush=True)
    try:
        repaired, outcomes = repair(exported, args.since)
    except RecoveryError as exc:
        print(f"sinch-est-recover: {exc}; nothing written", file=sys.stderr)
        return 1
    for outcome in outcomes:
        print(outcome, file=sys.stderr)
    text = json.dumps(repaired, indent=4) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        _write(args.output, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
