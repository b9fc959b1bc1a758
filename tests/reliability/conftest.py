"""Reliability fixtures: the lifecycle `Sinch` fixture's shape, plus what a misbehaving-network test needs.

Every check here reads the emulator through its control plane (`/_emulator/state`), which faults never
touch, so a test can inject errors into the API and still see the truth. `Chaos.leaks` compares that
truth with what Pulumi tracks: an object the emulator holds that no stack's state names is leaked, and
two objects with one natural key (host name, list name, endpoint name in a trunk) are a duplicate.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from pulumi import automation as auto

from pulumi_sinch_est.emulator.config import EmulatorConfig
from pulumi_sinch_est.emulator.server import EmulatorServer
from pulumi_sinch_est.recovery import TYPE_PREFIX
from tests.harness.engine import Engine
from tests.lifecycle.conftest import NUMBERS, Sinch

__all__ = ["NUMBERS", "PASSWORD", "Chaos", "Timer", "until_done"]

PASSWORD = "Reliab1lity-Secret-Passw0rd"
"""A credential password every secret search looks for."""


@dataclass
class Chaos(Sinch):
    """`Sinch` with fault control and the leak/duplicate ledger."""

    def faults(self, **body: Any) -> None:
        """Replace the emulator's faults (`errorRates`, `latencyMs`, `lostResponses`, ...); none = all off."""
        httpx.put(f"{self.server.url}/_emulator/faults", json=body).raise_for_status()

    def configure(self, **body: Any) -> None:
        httpx.patch(f"{self.server.url}/_emulator/config", json=body).raise_for_status()

    def expire_tokens(self) -> None:
        httpx.post(f"{self.server.url}/_emulator/tokens/expire").raise_for_status()

    def live(self) -> dict[str, list[str]]:
        """Every object the emulator holds in the project, by kind, as the ids Pulumi would track."""
        project = (
            httpx.get(f"{self.server.url}/_emulator/state").json()["projects"].get(self.server.config.project_id, {})
        )
        links = project.get("links", {})
        return {
            "Trunk": [t["id"] for t in project.get("trunks", [])],
            "Endpoint": [e["id"] for e in project.get("endpoints", [])],
            "Acl": [a["id"] for a in project.get("accessControlLists", [])],
            "CredentialList": [c["id"] for c in project.get("credentialLists", [])],
            "AclAttachment": [
                f"{link['trunkId']}/{link['accessControlListId']}" for link in links.get("trunkAccessControlLists", [])
            ],
            "CredentialListAttachment": [
                f"{link['trunkId']}/{link['credentialListId']}" for link in links.get("trunkCredentialLists", [])
            ],
            "PhoneNumberAssignment": [
                n["phoneNumber"]
                for n in [*project.get("numberAssignments", []), *project.get("pendingProvisioning", [])]
            ],
        }

    def natural_keys(self) -> dict[str, list[str]]:
        """The keys that make an object "the same one": a second object with a key is a duplicate."""
        project = (
            httpx.get(f"{self.server.url}/_emulator/state").json()["projects"].get(self.server.config.project_id, {})
        )
        return {
            "trunk host name": [t["hostName"].lower() for t in project.get("trunks", [])],
            "ACL name": [a["name"] for a in project.get("accessControlLists", [])],
            "credential list name": [c["name"] for c in project.get("credentialLists", [])],
            "endpoint name in trunk": [f"{e['sipTrunkId']}/{e['name']}" for e in project.get("endpoints", [])],
        }

    def tracked(self) -> dict[str, list[str]]:
        """The ids of every resource the stacks' states hold, by resource class."""
        found: dict[str, list[str]] = {}
        for stack in self.stacks:
            for resource in (stack.export_stack().deployment or {}).get("resources", []):
                kind = str(resource.get("type", ""))
                if kind.startswith(TYPE_PREFIX) and resource.get("id"):
                    found.setdefault(kind.removeprefix(TYPE_PREFIX), []).append(str(resource["id"]))
        return found

    def leaks(self) -> dict[str, Any]:
        """Objects the emulator holds that no state tracks, ids tracked twice, and duplicated natural keys;
        all empty when nothing leaked or doubled."""
        live, tracked = self.live(), self.tracked()
        untracked = {kind: sorted(set(ids) - set(tracked.get(kind, []))) for kind, ids in live.items()}
        doubled = {kind: [i for i, n in Counter(ids).items() if n > 1] for kind, ids in tracked.items()}
        duplicated = {
            key: [k for k, n in Counter(values).items() if n > 1] for key, values in self.natural_keys().items()
        }
        problems = {
            "untracked": {k: v for k, v in untracked.items() if v},
            "tracked twice": {k: v for k, v in doubled.items() if v},
            "duplicated": {k: v for k, v in duplicated.items() if v},
        }
        return {k: v for k, v in problems.items() if v}

    def count(self) -> int:
        """How many objects the emulator holds."""
        return sum(len(ids) for ids in self.live().values())


def until_done(operation: Callable[[], Any], limit: int) -> int:
    """Run a Pulumi operation until it succeeds (re-running `up` is what a user does after a failure);
    the number of runs it took. Fails the test when `limit` runs were not enough."""
    for run in range(1, limit + 1):
        try:
            operation()
        except auto.errors.CommandError:
            if run == limit:
                raise
            continue
        return run
    raise AssertionError("unreachable")


@dataclass
class Timer:
    """Wall time of a scenario, for the report; never asserted on."""

    started: float

    @classmethod
    def start(cls) -> Timer:
        return cls(time.monotonic())

    def seconds(self) -> float:
        return round(time.monotonic() - self.started, 1)


@pytest.fixture
def sinch(engine: Engine) -> Iterator[Chaos]:
    """A fresh emulator with strict delete rules; teardown turns faults off, destroys every stack and
    asserts the emulator is empty, like the lifecycle fixture."""
    config = EmulatorConfig(port=0, numbers=list(NUMBERS), provisioning_delay_s=0.05, strict_deletes=True, seed=7)
    with EmulatorServer(config) as server:
        env = server.env()
        engine.env.update(env)
        token = httpx.post(
            f"{server.url}/oauth2/token",
            auth=(env["SINCH_KEY_ID"], env["SINCH_KEY_SECRET"]),
            data={"grant_type": "client_credentials"},
        ).json()["access_token"]
        api = httpx.Client(
            base_url=f"{server.url}/v1/projects/{env['SINCH_PROJECT_ID']}",
            headers={"Authorization": f"Bearer {token}"},
        )
        state = Chaos(server=server, engine=engine, api=api)
        yield state
        state.faults()
        if state.count():  # a test that destroyed its stacks itself needs no second, empty destroy
            for stack in reversed(state.stacks):
                stack.destroy()
        left = state.live()
        api.close()
        assert left == {k: [] for k in left}, f"objects left after destroy: {left}"
