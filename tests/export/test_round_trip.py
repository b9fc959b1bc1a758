"""The exporter's promise, through the real engine: a project built by hand is exported, and the
program it writes adopts everything with zero writes, stays clean, edits one thing at a time, rotates a
password only when told, and destroys the project."""

from __future__ import annotations

from pathlib import Path

import pytest
from pulumi import automation as auto

from tests.harness.engine import Operations
from tests.lifecycle.conftest import Sinch

from .conftest import run_export
from .project import PASSWORDS, build

pytestmark = pytest.mark.engine

ROTATED = "Alice-Rotated-Passw0rd-9"


def _api_methods(sinch: Sinch) -> list[str]:
    """`METHOD path` of every API request since the log was cleared, paths from the project down (the token
    endpoint left out)."""
    prefix = f"/v1/projects/{sinch.server.config.project_id}"
    return [
        f"{r['method']} {r['path'].removeprefix(prefix)}"
        for r in sinch.requests()
        if not r["path"].startswith("/oauth2")
    ]


def _up(sinch: Sinch, stack: auto.Stack) -> dict[str, set[str]]:
    sinch.clear_requests()
    ops = Operations()
    stack.up(on_event=ops)
    changed = ops.changed()
    changed.pop("default", None)  # the engine's default provider for dynamic resources
    return changed


def test_export_adopt_edit_rotate_destroy(sinch: Sinch, tmp_path: Path) -> None:
    ids = build(sinch.api)
    out = tmp_path / "exported"
    summary = run_export(sinch.server.env(), "--out", out, "--json").summary()
    assert summary["skipped"] == []

    stack = sinch.engine.project_stack(out, "dev")
    sinch.stacks.append(stack)
    for secret in summary["secrets"]:
        stack.set_config(secret["config_key"], auto.ConfigValue(PASSWORDS[secret["username"]], secret=True))

    # The first up adopts every object and writes nothing.
    first = _up(sinch, stack)
    assert len(first) == sum(summary["resources"].values())
    assert all(ops == {"create"} for ops in first.values()), first
    methods = {entry.split(" ", 1)[0] for entry in _api_methods(sinch)}
    assert methods == {"GET"}, _api_methods(sinch)

    # Nothing to change, and a refresh finds nothing either.
    stack.preview(expect_no_changes=True)
    refreshed = stack.refresh()
    assert set((refreshed.summary.resource_changes or {}).keys()) == {"same"}
    stack.preview(expect_no_changes=True)

    # One value edited in the program: that resource alone is updated.
    main = out / "__main__.py"
    program = main.read_text()
    assert program.count("priority=2,") == 1
    main.write_text(program.replace("priority=2,", "priority=3,"))
    assert _up(sinch, stack) == {"main_pbx_backup_pbx": {"update"}}
    writes = [m for m in _api_methods(sinch) if not m.startswith("GET ")]
    assert len(writes) == 1 and writes[0].startswith(f"PUT /trunks/{ids['main']}/endpoints/")

    # A changed password in config rotates that password, and only that one.
    stack.set_config("office_phones_alice_password", auto.ConfigValue(ROTATED, secret=True))
    assert _up(sinch, stack) == {"office_phones_credentials": {"update"}}
    writes = [m for m in _api_methods(sinch) if not m.startswith("GET ")]
    assert writes == [f"PUT /credentialLists/{ids['phones']}/credentials/alice"]
    stack.preview(expect_no_changes=True)

    # Destroy empties the project; the adopted country permission is left as it was found.
    stack.destroy()
    assert sinch.leftovers() == {
        "trunks": [],
        "endpoints": [],
        "accessControlLists": [],
        "credentialLists": [],
        "phoneNumbers": [],
        "callBlockingRules": [],
        "countryPermissions": ["SE"],
    }
    sinch.api.put("/countryPermissions/SE", json={"enabled": False}).raise_for_status()
    stored = sinch.engine.stored_text()
    assert all(password not in stored for password in [*PASSWORDS.values(), ROTATED])


def test_multi_stack_export_adopts_with_zero_writes_and_destroys(sinch: Sinch, tmp_path: Path) -> None:
    build(sinch.api)
    out = tmp_path / "exported"
    summary = run_export(sinch.server.env(), "--out", out, "--layout", "multi-stack", "--json").summary()
    assert sorted(p.name for p in out.iterdir()) == ["network", "voice"]

    network = sinch.engine.project_stack(out / "network", "dev")
    voice = sinch.engine.project_stack(out / "voice", "dev")
    sinch.stacks += [network, voice]  # destroyed in reverse: voice first, as its links use the lists
    for secret in summary["secrets"]:
        network.set_config(secret["config_key"], auto.ConfigValue(PASSWORDS[secret["username"]], secret=True))

    adopted = {**_up(sinch, network)}
    assert _api_methods(sinch) and {m.split(" ", 1)[0] for m in _api_methods(sinch)} == {"GET"}
    adopted.update(_up(sinch, voice))
    assert {m.split(" ", 1)[0] for m in _api_methods(sinch)} == {"GET"}
    assert adopted.pop("organization/sinch-est-network/dev") == {"read"}  # the StackReference
    assert len(adopted) == sum(summary["resources"].values())
    assert all(ops == {"create"} for ops in adopted.values()), adopted
    network.preview(expect_no_changes=True)
    voice.preview(expect_no_changes=True)

    voice.destroy()
    network.destroy()
    leftovers = sinch.leftovers()
    assert leftovers == {**{k: [] for k in leftovers}, "countryPermissions": ["SE"]}
    sinch.api.put("/countryPermissions/SE", json={"enabled": False}).raise_for_status()
