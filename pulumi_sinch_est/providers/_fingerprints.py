"""Password fingerprints: how a provider notices that a password changed without ever keeping one.

The API never returns a password, and state must not hold one, yet `diff` has to tell a rotated password
from an unchanged one. So the outputs keep, per username, a salted slow hash of the password last sent
(PBKDF2-HMAC-SHA256, a random 16-byte salt each, `ITERATIONS` rounds), and `diff` hashes the new
password with the stored salt to compare. The fingerprint is also a secret output, encrypted in state:
the slow hash is what protects a leaked copy, the encryption keeps it from leaking at all.

A fingerprint reads `pbkdf2-sha256$<iterations>$<salt>$<digest>` (salt and digest URL-safe base64), so
the iteration count can be raised without invalidating fingerprints already in state: `matches` reads the
count from the fingerprint, and `renewed` replaces an older one with today's parameters when the password
is confirmed (the provider's `update`, with no API call and no diff). `ITERATIONS` follows the OWASP
guidance for PBKDF2-HMAC-SHA256 (600,000; it was 50,000 before). That costs about 0.3 s of CPU per
credential when a list is created or updated; previews and refreshes do not hash at all when `check`'s
credentials version shows the passwords unchanged (see `credential_list.CREDENTIALS_VERSION`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import secrets
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor

SCHEME = "pbkdf2-sha256"
ITERATIONS = 600_000
SALT_BYTES = 16


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _digest(password: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)


def fingerprint(password: str, *, iterations: int = ITERATIONS) -> str:
    """A new fingerprint of `password`, with a fresh random salt."""
    salt = secrets.token_bytes(SALT_BYTES)
    return f"{SCHEME}${iterations}${_encode(salt)}${_encode(_digest(password, salt, iterations))}"


_hashing = ThreadPoolExecutor(max_workers=os.cpu_count() or 1, thread_name_prefix="fingerprint")
"""One pool for the whole provider process, a thread per core: the host already runs four calls at once,
and a pool per create would set up to eight hashes against the engine and the calls on two cores."""


def started(passwords: Mapping[str, str]) -> Callable[[], dict[str, str]]:
    """Start a fingerprint of each password (by username) and return the call that collects them.

    A fingerprint is a few hundred milliseconds of CPU that needs no answer from the API, and `hashlib`
    lets other threads run while it hashes. So a create starts them before its requests and collects them
    after: behind Sinch's latency they take no time of their own.
    """
    pending = {username: _hashing.submit(fingerprint, password) for username, password in passwords.items()}
    return lambda: {username: future.result() for username, future in pending.items()}


def matches(password: object, stored: object) -> bool:
    """Whether `password` is the one `stored` was made from; False for anything that is not a password
    and a fingerprint."""
    if not isinstance(password, str) or not isinstance(stored, str):
        return False
    parts = stored.split("$")
    if len(parts) != 4 or parts[0] != SCHEME or not parts[1].isdigit():
        return False
    iterations = int(parts[1])
    if not 1 <= iterations <= 10_000_000:
        return False
    try:
        salt, expected = _decode(parts[2]), _decode(parts[3])
    except (binascii.Error, ValueError):
        return False
    return hmac.compare_digest(_digest(password, salt, iterations), expected)


def renewed(password: object, stored: object) -> str | None:
    """The fingerprint to keep for `password`: `stored` when it was made from it with today's iteration
    count, a fresh one when it was made from it with fewer, None when it was not made from it."""
    if not isinstance(password, str) or not matches(password, stored):
        return None
    assert isinstance(stored, str)
    return stored if int(stored.split("$")[1]) >= ITERATIONS else fingerprint(password)
