"""Scrubbing credentials out of text that ends up in exceptions or logs.

Error messages travel far (Pulumi prints them, CI keeps them), and servers sometimes echo what they were
sent, so anything credential-shaped is masked before it is stored on an exception.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MASK = "[REDACTED]"

_AUTH_SCHEME = re.compile(r"(?i)\b(bearer|basic)(\s+)[A-Za-z0-9._~+/=-]{16,}")
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
_SECRET_ASSIGNMENT = re.compile(
    r"""(?ix)
    (["']?\b(?:password|passwd|secret|key_?secret|client_secret|(?:access_|refresh_)?token)\b["']?
     \s*[:=]\s*)
    ("[^"]*"|'[^']*'|[^\s,;&}]+)
    """
)
_SHORTEST_LITERAL_SECRET = 4
_SECRET_FIELD = re.compile(r"(?i)password|secret|token")


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """Mask the given secret values and anything that looks like a token or a password assignment."""
    for secret in secrets:
        if secret and len(secret) >= _SHORTEST_LITERAL_SECRET:
            text = text.replace(secret, MASK)
    text = _AUTH_SCHEME.sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}", text)
    text = _JWT.sub(MASK, text)
    return _SECRET_ASSIGNMENT.sub(lambda m: f"{m.group(1)}{MASK}", text)


def secrets_in(body: object) -> list[str]:
    """The values of every password-, secret- or token-named field of a JSON request body, however deep:
    a server may echo any of them in the error that rejects the request."""
    if isinstance(body, dict):
        found = []
        for key, value in body.items():
            if isinstance(value, str) and _SECRET_FIELD.search(str(key)):
                found.append(value)
            else:
                found += secrets_in(value)
        return found
    if isinstance(body, list):
        return [secret for item in body for secret in secrets_in(item)]
    return []
