"""The command line: prints the SINCH_* export lines, serves until terminated."""

from __future__ import annotations

import importlib.metadata
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from pulumi_sinch_est.emulator.cli import build_parser, host_warning, main
from pulumi_sinch_est.emulator.config import DEMO_KEY_ID, DEMO_KEY_SECRET, DEMO_NUMBERS, DEMO_PROJECT_ID


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


def _cli(*args: str, hide: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """The command line in a fresh interpreter; `hide` makes those modules unimportable, as when the
    package is installed without the `emulator` extra."""
    code = "import sys; " + "".join(f"sys.modules[{name!r}] = None; " for name in hide)
    code += "from pulumi_sinch_est.emulator.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60)


def test_without_the_emulator_extra_it_says_how_to_install_it() -> None:
    result = _cli("--port", "0", hide=("starlette", "uvicorn"))

    assert result.returncode == 2, result.stderr
    assert "install pulumi-sinch-est[emulator]" in result.stderr and "Traceback" not in result.stderr


def test_help_and_version_work_without_the_extra() -> None:
    helped = _cli("--help", hide=("starlette", "uvicorn"))
    version = _cli("--version", hide=("starlette", "uvicorn"))

    assert helped.returncode == 0 and "--port" in helped.stdout
    assert version.returncode == 0
    assert version.stdout.strip() == f"sinch-est-emulator {importlib.metadata.version('pulumi-sinch-est')}"


def test_help_explains_every_flag_the_demo_defaults_and_where_the_control_plane_is_documented() -> None:
    parser = build_parser()
    undocumented = [a.option_strings for a in parser._actions if a.option_strings and not a.help]
    text = " ".join(parser.format_help().split())

    assert undocumented == []
    for fact in (DEMO_PROJECT_ID, DEMO_KEY_ID, DEMO_KEY_SECRET, *DEMO_NUMBERS, "foreground", "export"):
        assert fact in text, fact
    assert "docs/emulator.md" in text


@pytest.mark.parametrize(
    "args",
    [
        ["--port", "70000"],
        ["--token-ttl", "0"],
        ["--token-ttl", "100000000"],
        ["--provisioning-delay", "1e9"],
        ["--latency-ms", "-1"],
        ["--latency-ms", "86400000"],
        ["--token-rate-limit", "0:1"],
    ],
)
def test_numeric_settings_out_of_bounds_are_usage_errors(args: list[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(args)

    assert exited.value.code == 2


def test_a_non_loopback_host_is_warned_about(capsys: pytest.CaptureFixture[str]) -> None:
    """192.0.2.1 (TEST-NET-1) is no address of this machine: the bind fails after the warning, so no test
    ever listens beyond loopback."""
    assert main(["--host", "192.0.2.1", "--port", "0"]) == 1

    err = capsys.readouterr().err
    assert "--host 192.0.2.1 is not a loopback address: anyone who can reach it controls this emulator" in err
    assert host_warning("127.0.0.1") is None and host_warning("::1") is None and host_warning("localhost") is None
