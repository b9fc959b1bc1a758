"""Where credentials, base URLs and the timeout come from.

Each setting is looked up in three places, first hit wins: explicit arguments (what a program passes in
code), the stack configuration (``sinch:projectId`` ..., which the dynamic provider receives in
``configure()``), then the environment (``SINCH_PROJECT_ID`` ...). Empty strings count as "not set", so an
exported-but-empty variable never shadows nothing.

When both a key pair and an access token are available the key pair is used: it can mint fresh tokens,
while a static token stops working after about an hour.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from .errors import SinchEstError

DEFAULT_EST_URL = "https://elastic-trunking.api.sinch.com"
DEFAULT_NUMBERS_URL = "https://numbers.api.sinch.com"
DEFAULT_AUTH_URL = "https://auth.sinch.com"
DEFAULT_TIMEOUT_S = 30.0


class ConfigurationError(SinchEstError):
    """Raised when a required setting is missing or a given one is unusable."""


@dataclass(frozen=True)
class Settings:
    """Everything the client needs to talk to Sinch; frozen and hashable so it can key the client cache."""

    project_id: str
    key_id: str | None
    key_secret: str | None = field(repr=False)
    access_token: str | None = field(repr=False)
    est_url: str
    numbers_url: str
    auth_url: str
    timeout_s: float = DEFAULT_TIMEOUT_S
    """Total time one operation may take, retries and back-off included."""


@dataclass(frozen=True)
class _Source:
    label: str
    config_key: str
    env_var: str

    def places(self) -> str:
        return f"the stack config `{self.config_key}` or the environment variable {self.env_var}"


_SOURCES: dict[str, _Source] = {
    "project_id": _Source("Sinch project id", "sinch:projectId", "SINCH_PROJECT_ID"),
    "key_id": _Source("Sinch key id", "sinch:keyId", "SINCH_KEY_ID"),
    "key_secret": _Source("Sinch key secret", "sinch:keySecret", "SINCH_KEY_SECRET"),
    "access_token": _Source("Sinch access token", "sinch:accessToken", "SINCH_ACCESS_TOKEN"),
    "est_url": _Source("Elastic SIP Trunking API URL", "sinch:estUrl", "SINCH_EST_URL"),
    "numbers_url": _Source("Numbers API URL", "sinch:numbersUrl", "SINCH_NUMBERS_URL"),
    "auth_url": _Source("OAuth2 server URL", "sinch:authUrl", "SINCH_AUTH_URL"),
    "timeout_s": _Source("Sinch request timeout", "sinch:timeoutSeconds", "SINCH_TIMEOUT_SECONDS"),
}


def resolve_settings(
    explicit: Mapping[str, str | None] | None = None,
    stack_config: Mapping[str, str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Build Settings by precedence: explicit > stack config > environment."""
    explicit = explicit or {}
    unknown = set(explicit) - set(_SOURCES)
    if unknown:
        raise TypeError(f"unknown Sinch settings: {', '.join(sorted(unknown))}")
    stack_config = stack_config or {}
    environ = os.environ if environ is None else environ

    def lookup(name: str) -> tuple[str, str] | None:
        """The value and a description of where it came from, or None when no layer sets it."""
        source = _SOURCES[name]
        layers = (
            (explicit.get(name), f"{source.label} from argument `{name}`"),
            (stack_config.get(source.config_key), f"{source.label} from stack config `{source.config_key}`"),
            (environ.get(source.env_var), f"{source.label} from environment variable {source.env_var}"),
        )
        for value, origin in layers:
            if value is not None and value.strip():
                return value.strip(), origin
        return None

    def value(name: str) -> str | None:
        found = lookup(name)
        return found[0] if found else None

    project_id = value("project_id")
    if project_id is None:
        source = _SOURCES["project_id"]
        raise ConfigurationError(f"{source.label} is not set: set {source.places()}")

    key_id, key_secret, access_token = value("key_id"), value("key_secret"), value("access_token")
    if access_token is None and (key_id is None) != (key_secret is None):
        missing = "key_secret" if key_secret is None else "key_id"
        raise ConfigurationError(
            f"{_SOURCES[missing].label} is not set: set {_SOURCES[missing].places()} "
            "(a key id and its secret go together)"
        )
    if access_token is None and key_id is None:
        raise ConfigurationError(
            "Sinch credentials are not set: set the stack config `sinch:keyId` and `sinch:keySecret` "
            "or the environment variables SINCH_KEY_ID and SINCH_KEY_SECRET "
            "(or an access token in `sinch:accessToken` / SINCH_ACCESS_TOKEN)"
        )

    return Settings(
        project_id=project_id,
        key_id=key_id,
        key_secret=key_secret,
        access_token=access_token,
        est_url=_base_url(lookup("est_url"), DEFAULT_EST_URL),
        numbers_url=_base_url(lookup("numbers_url"), DEFAULT_NUMBERS_URL),
        auth_url=_base_url(lookup("auth_url"), DEFAULT_AUTH_URL),
        timeout_s=_timeout(lookup("timeout_s")),
    )


def _base_url(found: tuple[str, str] | None, default: str) -> str:
    """Host roots only; a trailing slash would double up when paths are appended."""
    if found is None:
        return default
    url, origin = found
    if not url.startswith(("http://", "https://")):
        raise ConfigurationError(f"{origin} must be an http:// or https:// URL, got {url!r}")
    return url.rstrip("/")


def _timeout(found: tuple[str, str] | None) -> float:
    if found is None:
        return DEFAULT_TIMEOUT_S
    text, origin = found
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0):
        raise ConfigurationError(f"{origin} must be a positive number of seconds, got {text!r}")
    return seconds
