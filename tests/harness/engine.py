"""Run Pulumi programs through the real CLI with a private backend, home folder and environment.

Everything a run touches lives under one folder (the file backend's checkpoints, PULUMI_HOME), so runs
never see each other or the user's own Pulumi setup, and the engine is told never to reach the network
(no update check, no plugin download). The CLI itself comes from `cli_root`, a folder holding
`bin/pulumi` and the `bin/pulumi-resource-pulumi-python` launcher (see tools/pulumi-cli/build.sh).
"""

from __future__ import annotations

import functools
import os
import runpy
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pulumi import automation as auto

CLI_ROOT_ENV = "PULUMI_SINCH_EST_CLI_ROOT"
PASSPHRASE = "correct-horse-battery-staple"
REPO_ROOT = Path(__file__).resolve().parents[2]
"""On the provider process's `PYTHONPATH`: it imports each dynamic provider by reference, and the suite's
own (`tests.harness.noop`, which the benchmarks use too) live here, outside the installed package."""


def cli_root_from_env() -> Path:
    """The CLI folder the Makefile exported; a clear error when the suite is run some other way."""
    value = os.environ.get(CLI_ROOT_ENV)
    if not value:
        raise RuntimeError(
            f"{CLI_ROOT_ENV} is not set: run the suite with `make test`, or export "
            f"{CLI_ROOT_ENV}=$(tools/pulumi-cli/build.sh)"
        )
    return Path(value)


@dataclass
class Operations:
    """The engine's per-resource operations of one run, collected from its event stream.

    Keyed by the resource's logical name (the last part of its URN). A replacement shows up as several
    operations on one name (`create-replacement`, `replace`, `delete-replaced`), hence a set.
    """

    by_name: dict[str, set[str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def __call__(self, event: auto.EngineEvent) -> None:
        pre = event.resource_pre_event
        if pre is not None and pre.metadata.type != "pulumi:pulumi:Stack":
            name = pre.metadata.urn.rsplit("::", 1)[-1]
            self.by_name.setdefault(name, set()).add(pre.metadata.op.value)
        diag = event.diagnostic_event
        if diag is not None and diag.severity == "error":
            self.errors.append(diag.message)

    def of(self, name: str) -> set[str]:
        """Operations on one resource; `{"same"}` for an untouched one."""
        return self.by_name.get(name, set())

    def changed(self) -> dict[str, set[str]]:
        """Every resource the run did something to (anything but `same`)."""
        return {n: ops for n, ops in self.by_name.items() if ops != {"same"}}


@functools.cache
def _command(cli_root: Path) -> auto.PulumiCommand:
    """One per CLI folder and process: making one runs `pulumi version` to check it, a whole CLI start
    that every stack would otherwise pay again."""
    return auto.PulumiCommand(root=str(cli_root))


@dataclass
class Engine:
    """A private Pulumi installation: one backend and home under `root`, the CLI from `cli_root`."""

    cli_root: Path
    root: Path
    env: dict[str, str] = field(default_factory=dict)
    backend: str | None = None
    """URL of another self-managed backend (`postgres://...`, `s3://...`) instead of the file backend
    under `root`; `stored_text` then sees nothing, the state lives there."""

    def __post_init__(self) -> None:
        (self.root / "state").mkdir(parents=True, exist_ok=True)
        (self.root / "home").mkdir(parents=True, exist_ok=True)

    @property
    def backend_url(self) -> str:
        return self.backend or (self.root / "state").as_uri()

    def stored_text(self) -> str:
        """Everything the backend has written (checkpoints, their backups and history), as stored.

        This is what to search for leaked secrets: `Stack.export_stack()` runs `pulumi stack export
        --show-secrets`, so it shows secrets decrypted by design.
        """
        files = sorted(p for p in (self.root / "state").rglob("*") if p.is_file())
        return "\n".join(p.read_text(errors="replace") for p in files)

    def environment(self) -> dict[str, str]:
        """What the CLI, and through it the provider process, runs with."""
        return {
            "PULUMI_BACKEND_URL": self.backend_url,
            "PULUMI_CONFIG_PASSPHRASE": PASSPHRASE,
            "PULUMI_SKIP_UPDATE_CHECK": "true",
            "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
            "PULUMI_PYTHON_CMD": sys.executable,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
            **self.env,
        }

    def _options(self, work_dir: Path, project: str | None) -> auto.LocalWorkspaceOptions:
        settings = (
            auto.ProjectSettings(name=project, runtime="python", backend=auto.ProjectBackend(self.backend_url))
            if project is not None
            else None
        )
        return auto.LocalWorkspaceOptions(
            work_dir=str(work_dir),
            pulumi_home=str(self.root / "home"),
            env_vars=self.environment(),
            project_settings=settings,
            pulumi_command=_command(self.cli_root),
        )

    def stack(
        self,
        program: Callable[[], None],
        *,
        project: str = "test",
        stack: str = "dev",
        config: Mapping[str, str] | None = None,
        secrets: Iterable[str] = (),
    ) -> auto.Stack:
        """An inline program's stack; `config` keys are full (`sinch:projectId`), `secrets` names
        the keys stored encrypted."""
        # An inline program's workspace folder would otherwise be a fresh temporary folder that nothing
        # removes; under `root` it goes away with everything else the run touched.
        work_dir = self.root / "work" / project
        work_dir.mkdir(parents=True, exist_ok=True)
        created = auto.create_or_select_stack(
            stack_name=stack, project_name=project, program=program, opts=self._options(work_dir, project)
        )
        set_config(created, config or {}, secrets)
        return created

    def project_stack(self, work_dir: Path, stack: str = "dev") -> auto.Stack:
        """A Pulumi project folder (Pulumi.yaml, Pulumi.<stack>.yaml, __main__.py), run the way
        `pulumi up` in that folder runs it: the folder's project and stack config apply."""
        main = work_dir / "__main__.py"

        def program() -> None:
            sys.path.insert(0, str(work_dir))
            try:
                runpy.run_path(str(main), run_name="__main__")
            finally:
                sys.path.remove(str(work_dir))

        # Inline program in the folder's workspace: the folder's Pulumi.yaml and stack config apply, and
        # no language plugin is needed (passing `work_dir` alone would ask the CLI to run the folder).
        project = yaml.safe_load((work_dir / "Pulumi.yaml").read_text())["name"]
        return auto.create_or_select_stack(
            stack_name=stack, project_name=project, program=program, opts=self._options(work_dir, None)
        )


def set_config(stack: auto.Stack, config: Mapping[str, str], secrets: Iterable[str] = ()) -> None:
    secret_keys = set(secrets)
    if config:
        stack.set_all_config({k: auto.ConfigValue(value=v, secret=k in secret_keys) for k, v in config.items()})
