"""Where a provider gets its API client: from the stack config handed to `configure()` and the
environment, resolved once per process.

Provider instances are pickled into every resource's state, so they must hold nothing: the stack
config arrives in the provider process through `configure()` and is kept here, in module state that is
never serialised. Every provider of a program runs in one process, so they all share one client (one
connection pool, one OAuth2 token).
"""

from __future__ import annotations

import threading
from typing import Any

from pulumi.dynamic import ConfigureRequest

from ..client import SinchClient, get_client
from ..config import resolve_settings

STACK_CONFIG_KEYS = (
    "sinch:projectId",
    "sinch:keyId",
    "sinch:keySecret",
    "sinch:accessToken",
    "sinch:estUrl",
    "sinch:numbersUrl",
    "sinch:authUrl",
    "sinch:timeoutSeconds",
)

_lock = threading.Lock()
_stack_config: dict[str, str] = {}


def configure(req: ConfigureRequest) -> None:
    """Keep the `sinch:*` stack config; secrets arrive already decrypted."""
    found: dict[str, str] = {}
    for key in STACK_CONFIG_KEYS:
        value: Any = req.config.get(key)
        if value is not None:
            found[key] = str(value)
    with _lock:
        _stack_config.clear()
        _stack_config.update(found)


def client() -> SinchClient:
    """The process's client; settings are resolved on each call so a missing setting fails the
    operation that needs it with a message naming where to set it."""
    with _lock:
        config = dict(_stack_config)
    return get_client(resolve_settings(stack_config=config))
