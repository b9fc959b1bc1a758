"""HTTP client for the Sinch Elastic SIP Trunking, Numbers and OAuth2 APIs.

This package is the whole public surface: the client, its retry policy, the errors and the wire models
are all imported from here. It knows nothing about Pulumi.
"""

from __future__ import annotations

import importlib
import sys
import threading
from typing import TYPE_CHECKING

from ..config import ConfigurationError, Settings
from .errors import (
    AmbiguousMatchError,
    ApiError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ServerError,
    SinchError,
    TransportError,
    UnexpectedResponseError,
)
from .timing import Clock, SystemClock

# httpx's package imports its own command-line client when click, rich and pygments are installed (the
# emulator's uvicorn brings click, many toolchains the rest): 80 ms of every provider process's start-up,
# for a command nothing here runs. Marking that module absent before any submodule imports httpx (none of
# the imports above does) makes httpx use the stub it keeps for when those packages are missing. A process
# that imported httpx before keeps what it has.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]  # None marks a module absent

if TYPE_CHECKING:
    import httpx

    from .auth import TokenCache
    from .models import (
        AccessControlList,
        AccessControlListRequest,
        ActiveNumber,
        Call,
        CallBlockingRule,
        CallBlockingRuleRequest,
        CountryPermission,
        Credential,
        CredentialList,
        CredentialListRequest,
        CredentialRequest,
        Endpoint,
        EndpointRequest,
        IpRange,
        IpRangeRequest,
        Money,
        PhoneNumber,
        ScheduledVoiceProvisioning,
        Trunk,
        TrunkRequest,
        VoiceConfiguration,
    )
    from .retries import RetryPolicy

_LAZY = {"RetryPolicy": ".retries"} | dict.fromkeys(
    (
        "AccessControlList",
        "AccessControlListRequest",
        "ActiveNumber",
        "Call",
        "CallBlockingRule",
        "CallBlockingRuleRequest",
        "CountryPermission",
        "Credential",
        "CredentialList",
        "CredentialListRequest",
        "CredentialRequest",
        "Endpoint",
        "EndpointRequest",
        "IpRange",
        "IpRangeRequest",
        "Money",
        "PhoneNumber",
        "ScheduledVoiceProvisioning",
        "Trunk",
        "TrunkRequest",
        "VoiceConfiguration",
    ),
    ".models",
)
"""Names imported on first use: the wire models (pydantic) and the retry policy (httpx) are not needed
until a request is made, and a provider process that only answers `check` and `diff` never makes one."""

__all__ = [
    "AccessControlList",
    "AccessControlListRequest",
    "ActiveNumber",
    "AmbiguousMatchError",
    "ApiError",
    "AuthenticationError",
    "BadRequestError",
    "Call",
    "CallBlockingRule",
    "CallBlockingRuleRequest",
    "Clock",
    "ConflictError",
    "CountryPermission",
    "Credential",
    "CredentialList",
    "CredentialListRequest",
    "CredentialRequest",
    "Endpoint",
    "EndpointRequest",
    "IpRange",
    "IpRangeRequest",
    "Money",
    "NotFoundError",
    "PermissionDeniedError",
    "PhoneNumber",
    "RateLimitedError",
    "RetryPolicy",
    "ScheduledVoiceProvisioning",
    "ServerError",
    "SinchClient",
    "SinchError",
    "TransportError",
    "Trunk",
    "TrunkRequest",
    "UnexpectedResponseError",
    "VoiceConfiguration",
    "get_client",
]


class SinchClient:
    """One project's view of the Sinch APIs, an attribute per API area.

    Thread-safe. Without ``transport`` it sends through the process-wide connection pool; with one (tests
    pass a mock) it gets a private pool that :meth:`close` releases. ``clock`` and ``token_cache`` exist so
    tests can control time and isolate tokens; by default tokens are shared process-wide per key.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        retry_policy: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        clock: Clock | None = None,
        token_cache: TokenCache | None = None,
    ) -> None:
        from .access_control_lists import AccessControlLists
        from .active_numbers import ActiveNumbers
        from .call_blocking_rules import CallBlockingRules
        from .calls import Calls
        from .country_permissions import CountryPermissions
        from .credential_lists import CredentialLists
        from .endpoints import Endpoints
        from .phone_numbers import PhoneNumbers
        from .projects import Projects
        from .requester import Requester
        from .retries import RetryPolicy
        from .transport import new_http_client, shared_http_client
        from .trunks import Trunks

        clock = clock or SystemClock()
        self.settings = settings
        self._owns_http = transport is not None
        self._http = new_http_client(transport) if transport is not None else shared_http_client()
        api = Requester(
            settings,
            self._http,
            _auth_for(settings, clock, token_cache),
            retry_policy or RetryPolicy(),
            clock,
        )
        self.trunks = Trunks(api)
        self.endpoints = Endpoints(api)
        self.access_control_lists = AccessControlLists(api)
        self.credential_lists = CredentialLists(api)
        self.phone_numbers = PhoneNumbers(api)
        self.country_permissions = CountryPermissions(api)
        self.call_blocking_rules = CallBlockingRules(api)
        self.calls = Calls(api)
        self.projects = Projects(api)
        self.active_numbers = ActiveNumbers(api)

    def __repr__(self) -> str:
        return f"SinchClient({self.settings!r})"

    def close(self) -> None:
        """Release this client's private connection pool; the shared pool stays open for other clients."""
        if self._owns_http:
            self._http.close()


def _auth_for(settings: Settings, clock: Clock, token_cache: TokenCache | None) -> httpx.Auth:
    """A key pair wins over a static token: it can mint new tokens when the old one expires."""
    from .auth import ClientCredentials, StaticToken

    if settings.key_id and settings.key_secret:
        return ClientCredentials(
            settings.auth_url, settings.key_id, settings.key_secret, cache=token_cache, clock=clock
        )
    if settings.access_token:
        return StaticToken(settings.access_token)
    raise ConfigurationError("Sinch credentials are not set: the settings carry neither a key pair nor an access token")


_clients_lock = threading.Lock()
_clients: dict[Settings, SinchClient] = {}


def get_client(settings: Settings) -> SinchClient:
    """The process-wide client for these settings, so every provider call shares a pool and a token."""
    with _clients_lock:
        client = _clients.get(settings)
        if client is None:
            client = _clients[settings] = SinchClient(settings)
        return client


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value
