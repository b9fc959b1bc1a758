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


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """Mask the given secret values and anything that looks like a token or a password assignment."""
    for secret in secrets:
        if secret and len(secret) >= _SHORTEST_LITERAL_SECRET:
            text = text.replace(secret, MASK)
    text = _AUTH_SCHEME.sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}", text)
    text = _JWT.sub(MASK, text)
    return _SECRET_ASSIGNMENT.sub(lambda m: f"{m.group(1)}{MASK}", text)
