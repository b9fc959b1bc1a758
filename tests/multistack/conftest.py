"""Multi-stack fixtures: one emulator, one state backend (a file folder or a real PostgreSQL database)
and copies of the `examples/multi-stack` projects, run as `pulumi up` in their folders runs them.

`site` is the fixture a test needs. Stacks it makes are destroyed at teardown in reverse order of
creation (voice stacks before the network stack they link to), and the teardown then asserts the
emulator holds nothing, whatever the test did before failing.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from pulumi import automation as auto

from pulumi_sinch_est.emulator.config import EmulatorConfig
from pulumi_sinch_est.emulator.server import EmulatorServer
from tests.harness.engine import Engine
from tests.harness.postgres import PostgresServer
from tests.harness.vault import Vault
from tests.lifecycle.conftest import Sinch, api_token

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "multi-stack"
DESK_PHONE_PASSWORD = "Multi-Stack-Passw0rd"
"""The network stack's secret SIP password, set at test time as a user would (`config set --secret`)."""
_databases = itertools.count()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the session (a database per test); fails, never skips, without it."""
    with PostgresServer() as server:
        yield server


@pytest.fixture
def backend() -> str:
    """The state backend a test runs on; tests parametrize it with "file" and "postgres"."""
    return "file"


@pytest.fixture
def engine(pulumi_cli_root: Path, tmp_path: Path, backend: str, vault: Vault, request: pytest.FixtureRequest) -> Engine:
    url = None
    if backend == "postgres":
        server: PostgresServer = request.getfixturevalue("postgres")
        url = server.create_database(f"state_{next(_databases)}")
    return Engine(
        cli_root=pulumi_cli_root,
        root=tmp_path / "pulumi",
        backend=url,
        env=dict(vault.env),
        secrets_provider=vault.secrets_provider,
    )


@dataclass
class Site(Sinch):
    """The emulator, the backend and the example's projects, copied so that stack config written by
    the test (encrypted secrets, the emulator's address) never lands in the repository."""

    projects: Path = field(default=Path())

    def project_stack(self, project: str, stack: str, config: Mapping[str, str] | None = None) -> auto.Stack:
        """`pulumi stack select --create <stack>` in the copied project folder, then the config a user
        sets with `pulumi config set` (keys ending in `Secret`/`Password` with `--secret`)."""
        created = self.engine.project_stack(self.projects / project, stack)
        values = {**self.sinch_config(), **(config or {})}
        created.set_all_config(
            {k: auto.ConfigValue(value=v, secret=k.endswith(("Secret", "Password"))) for k, v in values.items()}
        )
        self.stacks.append(created)
        return created

    def sinch_config(self) -> dict[str, str]:
        """What each stack sets besides the committed `sinch:projectId`: this emulator and its key pair."""
        env = self.server.env()
        return {
            "sinch:keyId": env["SINCH_KEY_ID"],
            "sinch:keySecret": env["SINCH_KEY_SECRET"],
            "sinch:estUrl": env["SINCH_EST_URL"],
            "sinch:numbersUrl": env["SINCH_NUMBERS_URL"],
            "sinch:authUrl": env["SINCH_AUTH_URL"],
        }

    def forget(self, stack: auto.Stack) -> None:
        """The test destroyed it itself: no second destroy at teardown."""
        self.stacks.remove(stack)


@pytest.fixture
def site(engine: Engine) -> Iterator[Site]:
    config = EmulatorConfig(port=0, provisioning_delay_s=0.2, strict_deletes=True)
    with EmulatorServer(config) as server:
        projects = engine.root / "examples" / EXAMPLE.name
        shutil.copytree(EXAMPLE, projects)
        env = server.env()
        api = httpx.Client(
            base_url=f"{env['SINCH_EST_URL']}/v1/projects/{env['SINCH_PROJECT_ID']}",
            headers={"Authorization": f"Bearer {api_token(server)}"},
        )
        state = Site(server=server, engine=engine, api=api, projects=projects)
        try:
            yield state
        finally:
            for stack in reversed(state.stacks):
                stack.destroy()
            leftovers = state.leftovers()
            api.close()
        assert leftovers == {k: [] for k in leftovers}, f"objects left after destroy: {leftovers}"
