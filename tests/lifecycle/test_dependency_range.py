"""Both ends of the dependency ranges run a workflow example through the real engine.

pyproject.toml declares ranges for pulumi, httpx and pydantic; this proves the floors and the newest
releases inside them, not only the versions the development virtualenv happens to hold. Each end runs in
a virtualenv of its own with exactly those pins (built once into the cache outside the clone, see
tests/harness/venvs.py) and the working tree's package on `PYTHONPATH`: the Automation API, the program
and the provider process all run on the pinned versions, against this test's emulator.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.distribution.dependency_sets import newest, oldest
from tests.distribution.smoke import DISTRIBUTIONS
from tests.harness.engine import CLI_ROOT_ENV, REPO_ROOT, Engine
from tests.harness.venvs import pinned_venv, python_of

from .conftest import Sinch

pytestmark = pytest.mark.engine

EXAMPLE = REPO_ROOT / "examples" / "inbound-registered"
"""Workflow E: a trunk, a credential list with a secret password and its link, a number and a registered
endpoint that waits on the link: secrets, explicit dependencies and a provisioning wait in one program."""
PASSWORD = "Sm0ke-Secret-Passw0rd"
RESOURCES = ["deskphone", "devices", "devices-link", "number-15550001003", "trunk"]
SMOKE_TIMEOUT_S = 900


@pytest.mark.timeout(2 * SMOKE_TIMEOUT_S)
@pytest.mark.parametrize("end", ["oldest", "newest"])
def test_workflow_example_on_each_end_of_the_dependency_ranges(
    sinch: Sinch, pulumi_cli_root: Path, tmp_path: Path, end: str
) -> None:
    pins = oldest() if end == "oldest" else newest()
    venv = pinned_venv(end, pins)
    root, report_file = tmp_path / "smoke", tmp_path / "report.json"
    env = {**os.environ, **sinch.engine.env, CLI_ROOT_ENV: str(pulumi_cli_root), "PYTHONPATH": str(REPO_ROOT)}
    command = [str(python_of(venv)), "-m", "tests.distribution.smoke", str(EXAMPLE), str(root), str(report_file)]
    command += ["--secret", f"est-inbound-registered:sipPassword={PASSWORD}"]
    result = subprocess.run(
        command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=SMOKE_TIMEOUT_S, check=False
    )
    assert result.returncode == 0, result.stderr[-4000:]
    report = json.loads(report_file.read_text())

    assert report["versions"] == {name: pins[name] for name in DISTRIBUTIONS}
    assert Path(report["package"]).is_relative_to(REPO_ROOT / "pulumi_sinch_est")
    assert report["outputs"]["sip_domain"].endswith(".pstn.sinch.com")
    assert {name: report["up"].get(name) for name in RESOURCES} == {name: ["create"] for name in RESOURCES}
    assert set(report["preview"]) >= set(RESOURCES)
    assert all(ops == ["same"] for ops in report["preview"].values()), report["preview"]
    assert {name: report["destroy"].get(name) for name in RESOURCES} == {name: ["delete"] for name in RESOURCES}
    writes = sinch.writes()
    assert any(w.startswith("POST ") and w.endswith("/trunks") for w in writes), writes
    assert any(w.startswith("DELETE ") and "/trunks/" in w for w in writes), writes
    assert PASSWORD not in Engine(cli_root=pulumi_cli_root, root=root).stored_text()
