"""`sinch-est-export`: write a Pulumi program that adopts every object of an existing Sinch project.

With `--layout multi-stack` it writes two projects under `--out`, like `examples/multi-stack`: `network`
(the shared lists, their ids exported) and `voice` (the rest, reading those ids through a StackReference
to the stack named by its `networkStack` config, on a self-managed backend `organization/<name>/<stack>`).

The project and the key come from the same places as the provider's (`SINCH_*` environment variables),
or from flags, which win. Progress goes to stderr; with `--json` one summary object goes to stdout.
Exit status: 0 written, 1 the API or the settings failed, 2 bad usage or a non-empty output folder.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..client import SinchClient, SinchError
from ..config import ConfigurationError, resolve_settings
from .naming import name_project
from .read import Project, read_project
from .render import Program, render_network, render_program, render_voice
from .write import FolderNotEmptyError, check_folder, project_files, write_folder

SETTING_FLAGS = {
    "project_id": "--project-id",
    "key_id": "--key-id",
    "key_secret": "--key-secret",
    "access_token": "--access-token",
    "est_url": "--est-url",
    "numbers_url": "--numbers-url",
    "auth_url": "--auth-url",
}
"""A flag per setting of `pulumi_sinch_est.config`, each overriding its `SINCH_*` variable."""


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="sinch-est-export",
        description="Write a Pulumi project that adopts every object of an existing Sinch EST project.",
    )
    cli.add_argument("--out", required=True, type=Path, help="folder to write the project into")
    cli.add_argument("--stack", default="dev", help="stack whose config file to write (default: dev)")
    cli.add_argument("--project-name", default="sinch-est", help="Pulumi project name (default: sinch-est)")
    cli.add_argument("--force", action="store_true", help="write into a folder that is not empty")
    cli.add_argument("--json", action="store_true", help="print a summary object on stdout")
    cli.add_argument(
        "--layout",
        choices=["single", "multi-stack"],
        default="single",
        help="one project (default), or a `network` project (lists) and a `voice` project reading it",
    )
    for setting, flag in SETTING_FLAGS.items():
        cli.add_argument(flag, dest=setting, help=f"overrides SINCH_{setting.upper()}")
    return cli


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    out: Path = args.out
    try:
        check_folder(out, args.force)  # before reading: a project may take minutes to read
        settings = resolve_settings({name: getattr(args, name) for name in SETTING_FLAGS})
        client = SinchClient(settings)
        try:
            project = read_project(client, progress)
        finally:
            client.close()
        folders = _folders(project, args, settings.project_id)
        for folder, (_, files) in folders.items():
            write_folder(out / folder, files, args.force)
    except FolderNotEmptyError as exc:
        progress(f"sinch-est-export: {exc}")
        return 2
    except (ConfigurationError, SinchError) as exc:
        progress(f"sinch-est-export: {exc}")
        return 1
    resources = sum((program.resources for program, _ in folders.values()), Counter[str]())
    secrets = [secret for program, _ in folders.values() for secret in program.secrets]
    progress(f"wrote {out} ({sum(resources.values())} resources, {len(project.skipped)} skipped)")
    for skipped in project.skipped:
        progress(f"  skipped {skipped.type} {skipped.id}: {skipped.why}")
    where = " (in network/)" if args.layout == "multi-stack" else ""
    for secret in secrets:
        progress(f"  set{where}: pulumi config set --secret {secret.config_key}")
    if args.json:
        summary: dict[str, Any] = {
            "out": str(out),
            "stack": args.stack,
            "resources": dict(sorted(resources.items())),
            "secrets": [
                {"config_key": s.config_key, "credential_list": s.credential_list, "username": s.username}
                for s in secrets
            ],
            "skipped": [{"type": s.type, "id": s.id, "why": s.why} for s in project.skipped],
        }
        print(json.dumps(summary, indent=2))
    return 0


def _folders(project: Project, args: argparse.Namespace, project_id: str) -> dict[str, tuple[Program, dict[str, str]]]:
    """Each folder to write under `--out` ("" for `--out` itself): its program and all its files."""
    names = name_project(project)
    if args.layout == "single":
        program = render_program(project, names)
        return {"": (program, project_files(program, args.project_name, args.stack, project_id))}
    network_name, voice_name = f"{args.project_name}-network", f"{args.project_name}-voice"
    network, voice = render_network(project, names), render_voice(project, names)
    voice_config = {"networkStack": f"organization/{network_name}/{args.stack}"}
    return {
        "network": (network, project_files(network, network_name, args.stack, project_id)),
        "voice": (voice, project_files(voice, voice_name, args.stack, project_id, voice_config)),
    }
