"""Run Pulumi programs through the real CLI with a private backend, home folder and environment.

Everything a run touches lives under one folder (the file backend's checkpoints, PULUMI_HOME), so runs
never see each other or the user's own Pulumi setup, and the engine is told never to reach the network
(no update check, no plugin download). The CLI itself comes from `cli_root`, a folder holding
`bin/pulumi` and the `bin/pulumi-resource-pulumi-python` launcher (see tools/pulumi-cli/build.sh).
"""

from __future__ import annotations

import contextlib
import functools
import os
import runpy
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

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


_T = TypeVar("_T")


class Stack(auto.Stack):
    """A stack whose `up`, `refresh` and `destroy` results fetch their outputs and summary when a test
    first reads them, not at once.

    After each of those operations the Automation API starts the CLI three more times (`pulumi stack
    output` twice, `pulumi stack history` once), and each start opens the backend and its secrets (with
    the passphrase provider, a million PBKDF2 rounds): about a second per `up` that most tests never read. The
    engine's work is the same; only these read-backs wait. A read-back asked for after a later operation
    on the stack would show that operation's state, so it fails instead (read it before the next
    operation). `stack.outputs()` called by a test reads at once, as always.
    """

    _generation = 0
    _in_operation = False

    def up(self, *args: Any, **kwargs: Any) -> auto.UpResult:
        with self._operation():
            return super().up(*args, **kwargs)

    def refresh(self, *args: Any, **kwargs: Any) -> auto.RefreshResult:
        with self._operation():
            return super().refresh(*args, **kwargs)

    def destroy(self, *args: Any, **kwargs: Any) -> auto.DestroyResult:
        with self._operation():
            return super().destroy(*args, **kwargs)

    @contextlib.contextmanager
    def _operation(self) -> Iterator[None]:
        self._generation += 1
        self._in_operation = True
        try:
            yield
        finally:
            self._in_operation = False

    def outputs(self) -> auto.OutputMap:
        if not self._in_operation:
            return super().outputs()
        return _DeferredOutputs(self._when_current(super().outputs))

    def info(self, show_secrets: bool = True) -> auto.UpdateSummary | None:
        if not self._in_operation:
            return super().info(show_secrets)
        return _DeferredSummary(self._when_current(lambda: super(Stack, self).info(show_secrets)))

    def _when_current(self, read: Callable[[], _T]) -> Callable[[], _T]:
        generation = self._generation

        def current() -> _T:
            if generation != self._generation:
                raise AssertionError(
                    f"stack {self.name!r}: an operation's outputs or summary were first read after a later "
                    "operation; read them before running the next one"
                )
            return read()

        return current


class _DeferredOutputs(MutableMapping[str, auto.OutputValue]):
    def __init__(self, read: Callable[[], auto.OutputMap]) -> None:
        self._read = read

    @functools.cached_property
    def _outputs(self) -> auto.OutputMap:
        return self._read()

    def __getitem__(self, key: str) -> auto.OutputValue:
        return self._outputs[key]

    def __setitem__(self, key: str, value: auto.OutputValue) -> None:
        self._outputs[key] = value

    def __delitem__(self, key: str) -> None:
        del self._outputs[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._outputs)

    def __len__(self) -> int:
        return len(self._outputs)

    def __repr__(self) -> str:
        return repr(self._outputs)


class _DeferredSummary(auto.UpdateSummary):
    """The summary's fields, read on first use (the instance holds none of its own, so every field access
    reaches `__getattr__`)."""

    def __init__(self, read: Callable[[], auto.UpdateSummary | None]) -> None:
        self.__dict__["_read"] = read

    def _summary(self) -> auto.UpdateSummary | None:
        if "_loaded" not in self.__dict__:
            self.__dict__["_loaded"] = self.__dict__["_read"]()
        summary: auto.UpdateSummary | None = self.__dict__["_loaded"]
        return summary

    def __getattr__(self, name: str) -> Any:
        return getattr(self._summary(), name)

    def __repr__(self) -> str:
        return repr(self._summary())


def _open(name: str, project: str, program: Callable[[], None], opts: auto.LocalWorkspaceOptions) -> Stack:
    """The stack, made when new (the usual case: one CLI start, where `create_or_select_stack` first tries
    a select that fails), selected when it exists; as our `Stack` (the Automation API builds its own
    class, and building ours instead would need its private init modes)."""
    try:
        stack = auto.create_stack(stack_name=name, project_name=project, program=program, opts=opts)
    except auto.StackAlreadyExistsError:
        stack = auto.select_stack(stack_name=name, project_name=project, program=program, opts=opts)
    stack.__class__ = Stack
    assert isinstance(stack, Stack)
    return stack


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
    secrets_provider: str | None = None
    """The secrets provider new stacks get (`pulumi stack init --secrets-provider`); None for the
    passphrase, which `environment()` always supplies (see `tests.harness.vault` for the suite's)."""

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
            secrets_provider=self.secrets_provider,
        )

    def stack(
        self,
        program: Callable[[], None],
        *,
        project: str = "test",
        stack: str = "dev",
        config: Mapping[str, str] | None = None,
        secrets: Iterable[str] = (),
    ) -> Stack:
        """An inline program's stack; `config` keys are full (`sinch:projectId`), `secrets` names
        the keys stored encrypted."""
        # An inline program's workspace folder would otherwise be a fresh temporary folder that nothing
        # removes; under `root` it goes away with everything else the run touched.
        work_dir = self.root / "work" / project
        work_dir.mkdir(parents=True, exist_ok=True)
        created = _open(stack, project, program, self._options(work_dir, project))
        set_config(created, config or {}, secrets)
        return created

    def project_stack(self, work_dir: Path, stack: str = "dev") -> Stack:
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
        return _open(stack, project, program, self._options(work_dir, None))


def set_config(stack: auto.Stack, config: Mapping[str, str], secrets: Iterable[str] = ()) -> None:
    secret_keys = set(secrets)
    if config:
        stack.set_all_config({k: auto.ConfigValue(value=v, secret=k in secret_keys) for k, v in config.items()})
