"""The emulator as a service on a developer's machine: its unauthenticated control plane answers only
requests addressed to a loopback host with JSON bodies, and no body may exceed 1 MiB."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from pulumi_sinch_est.emulator import EmulatorServer
from pulumi_sinch_est.emulator.guard import MAX_BODY_BYTES

from .support import Api

FAULTS = {"errorRates": {"500": 1.0}}


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8787", "10.0.0.7", "[fe80::1]:80"])
def test_the_control_plane_refuses_a_foreign_host_header(emulator: EmulatorServer, host: str) -> None:
    """DNS rebinding: a page on evil.example resolved to 127.0.0.1 still sends `Host: evil.example`."""
    response = httpx.put(f"{emulator.url}/_emulator/faults", json=FAULTS, headers={"Host": host})

    assert response.status_code == 403 and "loopback" in response.text
    assert httpx.get(f"{emulator.url}/_emulator/faults").json()["errorRates"] == {}


@pytest.mark.parametrize("host", ["localhost", "localhost:8787", "127.0.0.1", "127.0.0.1:1", "[::1]:8787"])
def test_the_control_plane_answers_loopback_host_headers(emulator: EmulatorServer, host: str) -> None:
    assert httpx.get(f"{emulator.url}/_emulator/health", headers={"Host": host}).status_code == 200


def test_a_control_body_that_is_not_declared_json_is_refused(emulator: EmulatorServer) -> None:
    """A browser may send `text/plain` anywhere without a preflight; it may not send application/json."""
    response = httpx.put(
        f"{emulator.url}/_emulator/faults",
        content=b'{"errorRates": {"500": 1.0}}',
        headers={"Content-Type": "text/plain"},
    )

    assert response.status_code == 415
    assert httpx.get(f"{emulator.url}/_emulator/faults").json()["errorRates"] == {}


def _chunks(size: int) -> Iterator[bytes]:
    """A body of `size` bytes sent chunked, with no Content-Length to refuse it by."""
    sent = 0
    while sent < size:
        chunk = b" " * min(64 * 1024, size - sent)
        sent += len(chunk)
        yield chunk


@pytest.mark.parametrize("control", [True, False], ids=["control plane", "API"])
def test_bodies_over_one_mebibyte_are_refused(api: Api, control: bool) -> None:
    json_type = {"Content-Type": "application/json"}

    def put(content: bytes | Iterator[bytes]) -> int:
        if control:
            return api.control("PUT", "/faults", content=content, headers=json_type).status_code
        return api.request("POST", "/trunks", content=content, headers=json_type).status_code

    assert (put(b" " * (MAX_BODY_BYTES + 1)), put(_chunks(MAX_BODY_BYTES + 1))) == (413, 413)


def test_a_body_of_exactly_one_mebibyte_is_read(emulator: EmulatorServer) -> None:
    body = b'{"errorRates": {"500": 1.0}}'
    padded = body + b" " * (MAX_BODY_BYTES - len(body))
    response = httpx.put(
        f"{emulator.url}/_emulator/faults", content=padded, headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 200 and response.json()["errorRates"] == {"500": 1.0}
