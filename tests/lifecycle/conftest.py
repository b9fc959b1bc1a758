"""Lifecycle fixtures: a real engine pointed at a fresh emulator, direct API access for out-of-band
changes, and a destroy check that always runs.

`sinch` is the one fixture a lifecycle test needs. Every stack it makes is destroyed at teardown, and
the teardown then asserts the emulator holds nothing: no test can forget the destroy check, and no test
can pass while leaving an object behind.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from pulumi import automation as auto

from pulumi_sinch_est.emulator.config import EmulatorConfig
from pulumi_sinch_est.emulator.server import EmulatorServer
from pulumi_sinch_est.emulator.state.country_permissions import default_permissions
from tests.harness.engine import Engine, Operations

NUMBERS = tuple(f"+1555010{i:04d}" for i in range(20))
EXAMPLE_NUMBERS = tuple(f"+1555000{1001 + i}" for i in range(10))
"""The numbers the examples' `Pulumi.dev.yaml` files assign (the emulator's default demo numbers)."""
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
INITIAL_COUNTRY_PERMISSIONS = default_permissions()
"""Every country's `enabled` in a fresh emulator project."""


@dataclass
class Sinch:
    """The emulator as a test sees it: the API, the request log and the stacks under test."""

    server: EmulatorServer
    engine: Engine
    api: httpx.Client
    """Authenticated client rooted at `/v1/projects/{projectId}` (EST and Numbers paths alike)."""
    stacks: list[auto.Stack] = field(default_factory=list)

    def stack(self, program: Callable[[], None], **kwargs: Any) -> auto.Stack:
        created = self.engine.stack(program, **kwargs)
        self.stacks.append(created)
        return created

    def example_stack(self, example: Path, secrets: Mapping[str, str] | None = None) -> auto.Stack:
        """An example project run as `pulumi up` in its folder would run it, from a copy so that stack
        config written by the test (encrypted secrets) never lands in the repository."""
        work_dir = self.engine.root / "examples" / example.name
        shutil.copytree(example, work_dir)
        created = self.engine.project_stack(work_dir, "dev")
        for key, value in (secrets or {}).items():
            created.set_config(key, auto.ConfigValue(value=value, secret=True))
        self.stacks.append(created)
        return created

    def requests(self) -> list[dict[str, Any]]:
        body = httpx.get(f"{self.server.url}/_emulator/requests").json()
        entries: list[dict[str, Any]] = body["requests"] if isinstance(body, dict) else body
        return entries

    def clear_requests(self) -> None:
        httpx.delete(f"{self.server.url}/_emulator/requests").raise_for_status()

    def writes(self) -> list[str]:
        """`METHOD path` of every write the API received (the token endpoint excluded)."""
        return [
            f"{r['method']} {r['path']}"
            for r in self.requests()
            if r["method"] in WRITE_METHODS and not r["path"].startswith("/oauth2")
        ]

    def leftovers(self) -> dict[str, list[Any]]:
        """Every object the API still shows, by kind; empty lists when the project is clean."""
        trunks = self.api.get("/trunks").json().get("trunks", [])
        return {
            "trunks": [t["id"] for t in trunks],
            "endpoints": [
                e["id"] for t in trunks for e in self.api.get(f"/trunks/{t['id']}/endpoints").json()["endpoints"]
            ],
            "accessControlLists": [a["id"] for a in self.api.get("/accessControlLists").json()["accessControlLists"]],
            "credentialLists": [c["id"] for c in self.api.get("/credentialLists").json()["credentialLists"]],
            "phoneNumbers": [n["phoneNumber"] for n in self.api.get("/phoneNumbers").json()["phoneNumbers"]],
            "callBlockingRules": [r["id"] for r in self.api.get("/callBlockingRules").json()["callBlockingRules"]],
            # Country permissions always exist: what must not be left is a setting changed from the start.
            "countryPermissions": [
                p["isoCode"]
                for p in self.api.get("/countryPermissions").json()["countryPermissions"]
                if p["enabled"] != INITIAL_COUNTRY_PERMISSIONS.get(p["isoCode"])
            ],
        }


def auto_ops(stack: auto.Stack, program: Callable[[], None], *, refresh: bool = False) -> set[str]:
    """Make `program` the stack's program (later previews and ups run it too), run `up`, and return the
    operations the engine reported for the resource named `main`, refresh steps left out."""
    stack.workspace.program = program
    ops = Operations()
    stack.up(on_event=ops, refresh=refresh)
    return ops.of("main") - {"refresh"}


def api_token(server: EmulatorServer) -> str:
    """An access token for the emulator's demo project, for tests that call the API directly."""
    env = server.env()
    response = httpx.post(
        f"{env['SINCH_AUTH_URL']}/oauth2/token",
        auth=(env["SINCH_KEY_ID"], env["SINCH_KEY_SECRET"]),
        data={"grant_type": "client_credentials"},
    )
    response.raise_for_status()
    token: str = response.json()["access_token"]
    return token


@pytest.fixture
def sinch(engine: Engine) -> Iterator[Sinch]:
    config = EmulatorConfig(port=0, numbers=[*NUMBERS, *EXAMPLE_NUMBERS], provisioning_delay_s=0.2, strict_deletes=True)
    with EmulatorServer(config) as server:
        env = server.env()
        engine.env.update(env)
        api = httpx.Client(
            base_url=f"{env['SINCH_EST_URL']}/v1/projects/{env['SINCH_PROJECT_ID']}",
            headers={"Authorization": f"Bearer {api_token(server)}"},
        )
        state = Sinch(server=server, engine=engine, api=api)
        yield state
        for stack in reversed(state.stacks):
            stack.destroy()
        leftovers = state.leftovers()
        api.close()
        assert leftovers == {k: [] for k in leftovers}, f"objects left after destroy: {leftovers}"
