"""Where a provider gets its API client: from the stack config handed to `configure()` and the
environment, resolved once per process.

Provider instances are pickled into every resource's state, so they must hold nothing: the stack
config arrives in the provider process through `configure()` and is kept here, in module state that is
never serialised. Every provider of a program runs in one process, so they all share one client (one
connection pool, one OAuth2 token) and one pacing of the number provisioning waits.

The engine starts that process, so a user cannot configure its logging from the program. The
environment variable `SINCH_LOG_LEVEL` (`DEBUG` for one line per HTTP request, `INFO` for retries and
token refreshes) turns the package's logs on, read once per process; they go to the file named by
`SINCH_LOG_FILE` (appended to), else to the process's stderr; a file that cannot be opened is reported
on stderr and the logs go there instead, since a diagnostics setting must not fail the deployment. The
logs never hold a credential. The first operation logs, at INFO, the project and hosts the settings
resolved to (see `pulumi_sinch_est.config` for where they come from), and again if they change.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Mapping
from typing import Any

from pulumi.dynamic import ConfigureRequest

from ..client import SinchClient, get_client
from ..client.timing import SystemClock
from ..config import Settings, resolve_settings
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
_announced: Settings | None = None
logger = logging.getLogger("pulumi_sinch_est.providers")


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
    handler: logging.Handler = logging.StreamHandler()
    if path:
        try:
            handler = logging.FileHandler(path)
        except OSError as exc:
            print(f"pulumi-sinch-est: cannot open {LOG_FILE_ENV}={path!r} ({exc}); logging to stderr", file=sys.stderr)
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
    use_stack_config(found)


def use_stack_config(values: Mapping[str, str]) -> None:
    """Make these `sinch:*` values the stack config layer: `configure()` passes the engine's, and
    `sinch-est-recover` the ones its user exported, so both resolve settings the same way."""
    with _lock:
        _stack_config.clear()
        _stack_config.update({key: value for key, value in values.items() if key in STACK_CONFIG_KEYS})


def settings() -> Settings:
    """The settings from the stack config kept here and the environment (see `pulumi_sinch_est.config`)."""
    with _lock:
        config = dict(_stack_config)
    return resolve_settings(stack_config=config)


def client() -> SinchClient:
    """The process's client; settings are resolved on each call so a missing setting fails the
    operation that needs it with a message naming where to set it."""
    global _announced
    _enable_logging()
    resolved = settings()
    with _lock:
        announce, _announced = resolved != _announced, resolved
    if announce:
        logger.info("using %s", resolved.describe())
    return get_client(resolved)


def pacing() -> Pacing:
    """The process's clock and first-poll estimate: every number's wait in the process learns from the
    others (see `_provisioning.FirstPoll`)."""
    return _pacing


def provisioner() -> Provisioner:
    """Number provisioning through the process's client, on the process's pacing."""
    return Provisioner(client(), pacing())
