"""A stand-in for HashiCorp Vault's transit engine, so that the suite's stacks need no passphrase.

With the passphrase secrets provider every CLI start that touches a secret derives the stack's key (a
million PBKDF2 rounds, about a quarter of a second of CPU), and a test starts the CLI a dozen times. The
`hashivault://` provider instead keeps a random data key in the stack's settings, wrapped by Vault, and
unwraps it with one request per CLI start; the state is encrypted with that data key exactly as before
(AES-GCM in the CLI), so what the backend stores is as opaque as with a passphrase.

This server answers the two calls the CLI makes (`PUT /v1/transit/encrypt/<key>` and `.../decrypt/<key>`)
on 127.0.0.1, wrapping with a key that lives only in this process: an HMAC-SHA256 keystream with a random
nonce, and a tag that refuses anything it did not wrap. The benchmarks keep the passphrase provider, which
is what most users of a self-managed backend run.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PREFIX = "vault:v1:"
TOKEN = "suite-vault-token"
NONCE_BYTES = 16
TAG_BYTES = 32


class Transit:
    """Wraps and unwraps with one random key."""

    def __init__(self) -> None:
        self._key = secrets.token_bytes(32)

    def _stream(self, nonce: bytes, size: int) -> bytes:
        blocks = (size + 31) // 32
        return b"".join(hmac.digest(self._key, nonce + i.to_bytes(4, "big"), hashlib.sha256) for i in range(blocks))

    def encrypt(self, plaintext: bytes) -> str:
        nonce = secrets.token_bytes(NONCE_BYTES)
        body = bytes(a ^ b for a, b in zip(plaintext, self._stream(nonce, len(plaintext)), strict=False))
        tag = hmac.digest(self._key, nonce + body, hashlib.sha256)
        return PREFIX + base64.b64encode(nonce + tag + body).decode("ascii")

    def decrypt(self, ciphertext: str) -> bytes:
        if not ciphertext.startswith(PREFIX):
            raise ValueError("not a transit ciphertext")
        raw = base64.b64decode(ciphertext.removeprefix(PREFIX))
        nonce, tag, body = raw[:NONCE_BYTES], raw[NONCE_BYTES : NONCE_BYTES + TAG_BYTES], raw[NONCE_BYTES + TAG_BYTES :]
        if not hmac.compare_digest(tag, hmac.digest(self._key, nonce + body, hashlib.sha256)):
            raise ValueError("ciphertext was not made by this key")
        return bytes(a ^ b for a, b in zip(body, self._stream(nonce, len(body)), strict=False))


class _Handler(BaseHTTPRequestHandler):
    transit: Transit

    def do_PUT(self) -> None:  # noqa: N802 (the name http.server dispatches to; Vault's client writes with PUT)
        if self.headers.get("X-Vault-Token") != TOKEN:
            return self._send(403, {"errors": ["permission denied"]})
        body: dict[str, Any] = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        try:
            if self.path.startswith("/v1/transit/encrypt/"):
                plaintext = base64.b64decode(body["plaintext"])
                return self._send(200, {"data": {"ciphertext": self.transit.encrypt(plaintext)}})
            if self.path.startswith("/v1/transit/decrypt/"):
                plaintext = self.transit.decrypt(str(body["ciphertext"]))
                return self._send(200, {"data": {"plaintext": base64.b64encode(plaintext).decode("ascii")}})
        except (KeyError, ValueError) as exc:
            return self._send(400, {"errors": [str(exc)]})
        self._send(404, {"errors": [f"no route {self.path}"]})

    def _send(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass


class Vault:
    """The server, running on a thread until `close`."""

    def __init__(self) -> None:
        handler = type("Handler", (_Handler,), {"transit": Transit()})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._server.serve_forever, name="vault", daemon=True)
        self._thread.start()

    @property
    def env(self) -> dict[str, str]:
        """What the CLI needs to reach it."""
        host, port = self._server.server_address[:2]
        return {"VAULT_SERVER_URL": f"http://{host!s}:{port}", "VAULT_SERVER_TOKEN": TOKEN}

    secrets_provider = "hashivault://pulumi"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
