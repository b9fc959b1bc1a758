"""The exported Pulumi project folder: the program and the files around it, written to disk.

`Pulumi.yaml` runs the program with the Python runtime, `Pulumi.<stack>.yaml` names the Sinch project
(the provider reads the key and other settings from `sinch:*` config or the `SINCH_*` environment, as
always), `requirements.txt` pins this package's version, and `README.md` says what to set and what to run.
A folder that is not empty is refused unless `force` is given: an export must not mix with other files.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from ..errors import SinchEstError
from .render import Program, Secret, literal

PACKAGE = "pulumi-sinch-est"


class FolderNotEmptyError(SinchEstError):
    """Raised when the output folder holds files and overwriting was not asked for."""


def project_files(
    program: Program, project_name: str, stack: str, project_id: str, stack_config: dict[str, str] | None = None
) -> dict[str, str]:
    """Every file of the folder, by name; `stack_config` holds the program's own config (bare keys)."""
    config = [f"  sinch:projectId: {literal(project_id)}"]
    config += [f"  {project_name}:{key}: {literal(value)}" for key, value in sorted((stack_config or {}).items())]
    return {
        "Pulumi.yaml": (
            f"name: {project_name}\n"
            "description: Sinch Elastic SIP Trunking, exported by sinch-est-export\n"
            "runtime:\n"
            "  name: python\n"
            "  options:\n"
            "    toolchain: pip\n"
            "    virtualenv: venv\n"
        ),
        f"Pulumi.{stack}.yaml": "config:\n" + "\n".join(config) + "\n",
        "requirements.txt": f"{PACKAGE}=={metadata.version(PACKAGE)}\n",
        "README.md": _readme(program.secrets, stack, stack_config or {}),
        "__main__.py": program.text,
    }


def _readme(secrets: list[Secret], stack: str, stack_config: dict[str, str]) -> str:
    steps = [
        "Set the Sinch key the provider uses (`SINCH_KEY_ID` and `SINCH_KEY_SECRET` in the\n"
        "   environment, or `pulumi config set sinch:keyId ...` and\n"
        "   `pulumi config set --secret sinch:keySecret ...`).",
    ]
    if secrets:
        keys = "\n".join(
            f"   - `pulumi config set --secret {s.config_key}` ({s.credential_list}: {s.username})" for s in secrets
        )
        steps.append(
            "Set the password of every SIP credential. The API never returns passwords, so the\n"
            "   export cannot: give the ones in use. Adoption sends none of them; a later change of\n"
            f"   one rotates that password in Sinch.\n\n{keys}\n"
        )
    if "networkStack" in stack_config:
        steps.append(
            "The shared lists come from the stack named by `networkStack`: bring that stack up\n"
            f"   first. On Pulumi Cloud, `pulumi config set networkStack <your-org>/<project>/{stack}`."
        )
    steps.append(f"Run `pulumi stack init {stack}` (once), then `pulumi preview` and `pulumi up`.")
    numbered = "\n".join(f"{number}. {step}" for number, step in enumerate(steps, 1))
    return (
        "# Exported Sinch Elastic SIP Trunking project\n\n"
        "`__main__.py` declares every object of the Sinch project with `import_id`, so the first\n"
        "`pulumi up` adopts them without changing anything in Sinch.\n\n"
        f"{numbered}\n\n"
        "Objects the exporter could not declare are listed in its `--json` summary under `skipped`.\n"
    )


def check_folder(out: Path, force: bool) -> None:
    """Refuse `out` when it is a file, or a folder with something in it and `force` is not given."""
    if out.exists() and not out.is_dir():
        raise FolderNotEmptyError(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise FolderNotEmptyError(f"{out} is not empty: choose an empty folder, or pass --force to write into it")


def write_folder(out: Path, files: dict[str, str], force: bool) -> None:
    """Write `files` into `out`, creating it; refuse a non-empty folder unless `force`."""
    check_folder(out, force)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
