"""OAuth2 client-credentials tokens and the credential check of every API call (est-api §1.2).

Tokens are JWT-shaped (`header.payload.signature`, HS256 keyed by the access key's secret) with `exp`,
`iat` and the project id in the payload, so clients can read `exp` for early refresh. They are verified
statelessly, which keeps them valid across a restart; `expire_all` marks every token issued so far as
expired. API calls also accept HTTP Basic `key_id:key_secret` and, if configured, one static token.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .errors import PermissionDenied, Unauthenticated

TOKEN_PATH = "/oauth2/token"
ISSUER = "sinch-est-emulator"


@dataclass(frozen=True)
class AccessKey:
    """An access key: its id and secret, and the project it belongs to."""

    key_id: str
    key_secret: str
    project_id: str


class InvalidClient(Exception):
    """Raised by `issue` when the key id / secret pair is unknown."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _compact(data: dict[str, Any]) -> bytes:
    return json.dumps(data, separators=(",", ":")).encode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def parse_basic(header: str) -> tuple[str, str] | None:
    """(user, password) from an `Authorization: Basic ...` value, or None."""
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        user, sep, password = base64.b64decode(value.strip(), validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return (user, password) if sep else None


class TokenAuthority:
    """Issues tokens and checks the credentials of API calls."""

    def __init__(
        self,
        keys: list[AccessKey],
        ttl_s: Callable[[], int],
        static_token: str | None = None,
        static_project: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._lock = threading.Lock()
        self._keys = {k.key_id: k for k in keys}
        self._ttl_s = ttl_s
        self._static = (static_token, static_project) if static_token else None
        self._clock = clock
        self._expired_before = 0.0

    def add_key(self, key: AccessKey) -> None:
        with self._lock:
            self._keys[key.key_id] = key

    def _key(self, key_id: str) -> AccessKey | None:
        with self._lock:
            return self._keys.get(key_id)

    def _check_secret(self, key_id: str, key_secret: str) -> AccessKey | None:
        key = self._key(key_id)
        if key is None or not hmac.compare_digest(key.key_secret.encode(), key_secret.encode()):
            return None
        return key

    @staticmethod
    def _sign(key: AccessKey, signing_input: str) -> str:
        secret = hashlib.sha256(f"{ISSUER}:{key.key_secret}".encode()).digest()
        return _b64(hmac.new(secret, signing_input.encode(), hashlib.sha256).digest())

    def issue(self, key_id: str, key_secret: str) -> tuple[str, int]:
        """A new token and its lifetime in seconds; raises InvalidClient for a bad key pair."""
        key = self._check_secret(key_id, key_secret)
        if key is None:
            raise InvalidClient("unknown key id or wrong key secret")
        ttl = self._ttl_s()
        now = self._clock()
        header = {"alg": "HS256", "typ": "JWT", "kid": key.key_id}
        payload = {
            "iss": ISSUER,
            "sub": key.key_id,
            "project_id": key.project_id,
            "scope": "",
            "iat": round(now, 6),
            "exp": math.ceil(now + ttl),
            "jti": secrets.token_hex(8),
        }
        signing_input = f"{_b64(_compact(header))}.{_b64(_compact(payload))}"
        return f"{signing_input}.{self._sign(key, signing_input)}", ttl

    def expire_all(self) -> None:
        """Every token issued up to now is treated as expired from now on."""
        with self._lock:
            self._expired_before = self._clock()

    def _verify(self, token: str) -> dict[str, Any]:
        parts = token.split(".")
        if len(parts) != 3:
            raise Unauthenticated("The access token is malformed")
        try:
            payload = json.loads(_unb64(parts[1]))
        except (binascii.Error, ValueError, UnicodeDecodeError):
            raise Unauthenticated("The access token is malformed") from None
        key = self._key(str(payload.get("sub"))) if isinstance(payload, dict) else None
        if key is None or not hmac.compare_digest(self._sign(key, f"{parts[0]}.{parts[1]}"), parts[2]):
            raise Unauthenticated("The access token is invalid")
        assert isinstance(payload, dict)
        now = self._clock()
        iat = payload.get("iat")
        exp = payload.get("exp")
        if (
            not isinstance(exp, int | float)
            or exp <= now
            or not isinstance(iat, int | float)
            or iat <= self._expired_before
        ):
            raise Unauthenticated("The access token expired", expired=True)
        return payload

    def authorize(self, authorization: str | None, project_id: str) -> None:
        """Check an API call's `Authorization` header for the project in its path."""
        if not authorization:
            raise Unauthenticated("Missing Authorization header: send a Bearer token or Basic key credentials")
        basic = parse_basic(authorization)
        if basic is not None:
            key = self._check_secret(*basic)
            if key is None:
                raise Unauthenticated("Invalid key id or key secret")
            owner = key.project_id
        else:
            scheme, _, token = authorization.partition(" ")
            token = token.strip()
            if scheme.lower() != "bearer" or not token:
                raise Unauthenticated("Unsupported Authorization scheme: use Bearer or Basic")
            if self._static is not None and hmac.compare_digest(token.encode(), str(self._static[0]).encode()):
                owner = str(self._static[1])
            else:
                owner = str(self._verify(token).get("project_id"))
        if owner != project_id:
            raise PermissionDenied(f"The credentials do not grant access to project {project_id}")


def _oauth_error(status: int, error: str, description: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse({"error": error, "error_description": description}, status, headers=headers)


def token_routes(authority: TokenAuthority) -> list[Route]:
    """`POST /oauth2/token`: client credentials in HTTP Basic (or form fields), `grant_type` in the form."""

    async def token(request: Request) -> Response:
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        credentials = parse_basic(request.headers.get("authorization", ""))
        if credentials is None and "client_id" in form:
            credentials = (form["client_id"][0], form.get("client_secret", [""])[0])
        if credentials is None:
            return _oauth_error(
                401,
                "invalid_client",
                "Client authentication failed: send HTTP Basic key_id:key_secret",
                {"WWW-Authenticate": 'Basic realm="oauth2"'},
            )
        grant_type = form.get("grant_type", [""])[0]
        if not grant_type:
            return _oauth_error(400, "invalid_request", "Missing grant_type")
        if grant_type != "client_credentials":
            return _oauth_error(400, "unsupported_grant_type", f"Unsupported grant_type {grant_type!r}")
        try:
            token, ttl = authority.issue(*credentials)
        except InvalidClient as exc:
            return _oauth_error(401, "invalid_client", str(exc), {"WWW-Authenticate": 'Basic realm="oauth2"'})
        return JSONResponse(
            {"access_token": token, "token_type": "Bearer", "expires_in": ttl, "scope": ""},
            headers={"Cache-Control": "no-store"},
        )

    return [Route(TOKEN_PATH, token, methods=["POST"])]
