"""Where a provider gets its API client: from the stack config handed to `configure()` and the
environment, resolved once per process.

Provider instances are pickled into every resource's state, so they must hold nothing: the stack
config arrives in the provider process through `configure()` and is kept here, in module state that is
never serialised. Every provider of a program runs in one process, so they all share one client (one
connection pool, one OAuth2 token) and one pacing of the number provisioning waits.

The engine starts that process, so a user cannot configure its logging from the program. The
environment variable `SINCH_LOG_LEVEL` (`DEBUG` for one line per HTTP request, `INFO` for retries and
token refreshes) turns the package's logs on, read once per process; they go to the file named by
`SINCH_LOG_FILE` (appended to), else to the process's stderr. The logs never hold a credential.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from pulumi.dynamic import ConfigureRequest

from ..client import SinchClient, get_client
from ..client.timing import SystemClock
from ..config import resolve_settings
from ._provisioning import FirstPoll, Pacing, Provisioner

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

LOG_LEVEL_ENV = "SINCH_LOG_LEVEL"
LOG_FILE_ENV = "SINCH_LOG_FILE"

_lock = threading.Lock()
_stack_config: dict[str, str] = {}
_logging_read = False
_pacing = Pacing(SystemClock(), FirstPoll())


def _enable_logging() -> None:
    """Attach a handler to the package's logger if `SINCH_LOG_LEVEL` asks for one; only the first call acts.

    An unknown level name is ignored rather than failing every operation over a diagnostics setting.
    """
    global _logging_read
    with _lock:
        if _logging_read:
            return
        _logging_read = True
    level = logging.getLevelName(os.environ.get(LOG_LEVEL_ENV, "").strip().upper())
    if not isinstance(level, int):
        return
    path = os.environ.get(LOG_FILE_ENV, "").strip()
    handler = logging.FileHandler(path) if path else logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(threadName)s %(levelname)s %(message)s"))
    logger = logging.getLogger("pulumi_sinch_est")
    logger.setLevel(level)
    logger.addHandler(handler)


def configure(req: ConfigureRequest) -> None:
    """Keep the `sinch:*` stack config; secrets arrive already decrypted."""
    _enable_logging()
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
    _enable_logging()
    with _lock:
        config = dict(_stack_config)
    return get_client(resolve_settings(stack_config=config))


def pacing() -> Pacing:
    """The process's clock and first-poll estimate: every number's wait in the process learns from the
    others (see `_provisioning.FirstPoll`)."""
    return _pacing


def provisioner() -> Provisioner:
    """Number provisioning through the process's client, on the process's pacing."""
    return Provisioner(client(), pacing())
