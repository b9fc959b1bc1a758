"""The command line: prints the SINCH_* export lines, serves until terminated."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(command: list[str]) -> None:
    port = _free_port()
    process = subprocess.Popen(
        [*command, "--port", str(port), "--numbers", "+15551230001", "--seed", "3"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline().rstrip("\n") for _ in range(6)]
        assert all(line.startswith("export SINCH_") for line in lines), lines
        env = dict(line.removeprefix("export ").split("=", 1) for line in lines)
        url = f"http://127.0.0.1:{port}"
        assert env["SINCH_EST_URL"] == env["SINCH_NUMBERS_URL"] == env["SINCH_AUTH_URL"] == url
        assert set(env) == {
            "SINCH_PROJECT_ID",
            "SINCH_KEY_ID",
            "SINCH_KEY_SECRET",
            "SINCH_EST_URL",
            "SINCH_NUMBERS_URL",
            "SINCH_AUTH_URL",
        }
        with httpx.Client(base_url=url, timeout=5) as http:
            token = http.post(
                "/oauth2/token",
                auth=(env["SINCH_KEY_ID"], env["SINCH_KEY_SECRET"]),
                data={"grant_type": "client_credentials"},
            ).json()["access_token"]
            numbers = http.get(
                f"/v1/projects/{env['SINCH_PROJECT_ID']}/activeNumbers",
                headers={"Authorization": f"Bearer {token}"},
            ).json()
            assert [n["phoneNumber"] for n in numbers["activeNumbers"]] == ["+15551230001"]
            assert http.get("/_emulator/faults").json()["seed"] == 3
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert process.returncode == 0


@pytest.mark.timeout(30)
def test_module_entry_point_prints_exports_and_serves() -> None:
    _run([sys.executable, "-m", "pulumi_sinch_est.emulator.cli"])


@pytest.mark.timeout(30)
def test_console_script_prints_exports_and_serves() -> None:
    script = Path(sys.executable).parent / "sinch-est-emulator"
    found = str(script) if script.exists() else shutil.which("sinch-est-emulator")
    if found is None:
        pytest.skip("the console script is not installed in this environment")
    _run([found])


def test_bad_arguments_exit_with_usage_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pulumi_sinch_est.emulator.cli", "--error-rate", "429=2"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2 and "--error-rate" in result.stderr
