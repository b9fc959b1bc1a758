"""Where credentials, base URLs and the timeout come from.

Settings live in three layers: explicit arguments (``resolve_settings(explicit=...)``, for code that
builds a client itself), the stack configuration (``sinch:projectId`` ..., which the dynamic provider
receives in ``configure()``), then the environment (``SINCH_PROJECT_ID`` ...). Empty strings count as
"not set", so an exported-but-empty variable never shadows nothing.

The credentials and the URLs they are sent to come from **one** layer: the first layer that holds a key
id, key secret or access token. The base URLs are read from that layer or default to Sinch's hosts; a
credential or URL set in any other layer is refused with a message naming both places. Resolving each
setting on its own would let a ``SINCH_EST_URL`` left in the shell by ``eval $(sinch-est-emulator)``
send a key secret from stack config to a local server, or stack-config URLs receive a CI key.
The project id names a project rather than a place a secret goes, so it may come from another layer
(the committed stack file names the project, CI supplies the key), but two layers naming different
projects are refused. The timeout is harmless to mix and keeps first-hit-wins.

Plain ``http://`` is accepted only for a loopback host (the local emulator): anywhere else the key secret
and tokens would cross the network unencrypted.

When both a key pair and an access token are available the key pair is used: it can mint fresh tokens,
while a static token stops working after about an hour.
"""

from __future__ import annotations

import ipaddress
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

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
    source: str = field(default="", compare=False)
    """Where the credentials and URLs came from (``stack config``, ...), for the provider's log line."""

    def describe(self) -> str:
        """The project and hosts in use and where they came from; never a secret."""
        return (
            f"Sinch project {self.project_id} (credentials and URLs from {self.source or 'the caller'}): "
            f"EST {self.est_url}, Numbers {self.numbers_url}, auth {self.auth_url}"
        )


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


_CREDENTIALS = ("key_id", "key_secret", "access_token")
_URLS = ("est_url", "numbers_url", "auth_url")


@dataclass(frozen=True)
class _Layer:
    """One place settings come from, with the non-empty values it sets."""

    name: str
    values: dict[str, str]

    def where(self, setting: str) -> str:
        source = _SOURCES[setting]
        if self.name == "stack config":
            return f"stack config `{source.config_key}`"
        if self.name == "environment":
            return f"environment variable {source.env_var}"
        return f"argument `{setting}`"

    def origin(self, setting: str) -> str:
        return f"{_SOURCES[setting].label} from {self.where(setting)}"

    def names(self, settings: tuple[str, ...]) -> list[str]:
        return [self.where(name) for name in settings if name in self.values]


def resolve_settings(
    explicit: Mapping[str, str | None] | None = None,
    stack_config: Mapping[str, str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Build Settings with credentials and URLs from one layer (see the module docstring)."""
    explicit = explicit or {}
    unknown = set(explicit) - set(_SOURCES)
    if unknown:
        raise TypeError(f"unknown Sinch settings: {', '.join(sorted(unknown))}")
    stack_config = stack_config or {}
    environ = os.environ if environ is None else environ
    layers = (
        _layer("arguments", {name: explicit.get(name) for name in _SOURCES}),
        _layer("stack config", {name: stack_config.get(s.config_key) for name, s in _SOURCES.items()}),
        _layer("environment", {name: environ.get(s.env_var) for name, s in _SOURCES.items()}),
    )
    project_id = _project_id(layers)
    home = next((layer for layer in layers if layer.names(_CREDENTIALS)), None)
    if home is None:
        raise ConfigurationError(
            "Sinch credentials are not set: set the stack config `sinch:keyId` and `sinch:keySecret` "
            "or the environment variables SINCH_KEY_ID and SINCH_KEY_SECRET "
            "(or an access token in `sinch:accessToken` / SINCH_ACCESS_TOKEN)"
        )
    _refuse_mixed(home, layers)
    key_id, key_secret = home.values.get("key_id"), home.values.get("key_secret")
    access_token = home.values.get("access_token")
    if access_token is None and (key_id is None) != (key_secret is None):
        missing = "key_secret" if key_secret is None else "key_id"
        raise ConfigurationError(
            f"{_SOURCES[missing].label} is not set: set {_SOURCES[missing].places()} "
            "(a key id and its secret go together)"
        )
    timeout = next(
        ((layer.values["timeout_s"], layer.origin("timeout_s")) for layer in layers if "timeout_s" in layer.values),
        None,
    )
    return Settings(
        project_id=project_id,
        key_id=key_id,
        key_secret=key_secret,
        access_token=access_token,
        est_url=_base_url(home, "est_url", DEFAULT_EST_URL),
        numbers_url=_base_url(home, "numbers_url", DEFAULT_NUMBERS_URL),
        auth_url=_base_url(home, "auth_url", DEFAULT_AUTH_URL),
        timeout_s=_timeout(timeout),
        source=home.name,
    )


def _layer(name: str, raw: Mapping[str, str | None]) -> _Layer:
    return _Layer(name, {key: value.strip() for key, value in raw.items() if value is not None and value.strip()})


def _project_id(layers: tuple[_Layer, ...]) -> str:
    """The one project every layer that names a project agrees on."""
    named = [layer for layer in layers if "project_id" in layer.values]
    if not named:
        source = _SOURCES["project_id"]
        raise ConfigurationError(f"{source.label} is not set: set {source.places()}")
    first = named[0]
    for other in named[1:]:
        if other.values["project_id"] != first.values["project_id"]:
            raise ConfigurationError(
                f"two Sinch projects are set: {first.values['project_id']!r} in {first.where('project_id')} and "
                f"{other.values['project_id']!r} in {other.where('project_id')}; remove one of them"
            )
    return first.values["project_id"]


def _refuse_mixed(home: _Layer, layers: tuple[_Layer, ...]) -> None:
    """Credentials or URLs outside the layer that holds the credentials: refuse, naming both places."""
    for layer in layers:
        strays = layer.names(_CREDENTIALS + _URLS) if layer is not home else []
        if strays:
            raise ConfigurationError(
                f"Sinch settings are mixed: the credentials come from {', '.join(home.names(_CREDENTIALS))}, "
                f"but {', '.join(strays)} is also set. The credentials and the URLs they are sent to must come "
                f"from one place, so a leftover setting (such as `eval $(sinch-est-emulator)` in this shell) "
                f"can never send a key elsewhere: unset {', '.join(strays)}, or move every Sinch credential "
                f"and URL into the {layer.name}"
            )


def _base_url(home: _Layer, setting: str, default: str) -> str:
    """Host roots only (a trailing slash would double up when paths are appended); plain http only to
    a loopback host."""
    url = home.values.get(setting)
    if url is None:
        return default
    origin = home.origin(setting)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(f"{origin} must be an http:// or https:// URL, got {url!r}")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ConfigurationError(
            f"{origin} is plain http:// to {parts.hostname!r}, which would send the credentials unencrypted: "
            "use https://, or http:// only to a loopback host (127.0.0.1, ::1, localhost)"
        )
    return url.rstrip("/")


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an IP literal) is this machine's loopback interface."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


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
