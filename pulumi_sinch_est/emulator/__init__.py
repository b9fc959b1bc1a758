"""A local HTTP emulator of the Sinch Elastic SIP Trunking API, the Numbers `activeNumbers` subset and the
OAuth2 token endpoint, with fault injection and a `/_emulator/` control plane.

    from pulumi_sinch_est.emulator import EmulatorConfig, EmulatorServer

    with EmulatorServer(EmulatorConfig(port=0)) as server:
        ...  # point SINCH_* (server.env()) at it

The server and the application need the `emulator` extra (Starlette, uvicorn). They are imported on first
use, so that `sinch-est-emulator` installed without the extra can say how to install it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import EmulatorConfig, RuntimeSettings
from .faults import ErrorRule, FaultConfig, LostResponseRule

if TYPE_CHECKING:
    from .app import create_app
    from .server import EmulatorServer

__all__ = [
    "EmulatorConfig",
    "EmulatorServer",
    "ErrorRule",
    "FaultConfig",
    "LostResponseRule",
    "RuntimeSettings",
    "create_app",
]


def __getattr__(name: str) -> Any:
    if name == "EmulatorServer":
        from .server import EmulatorServer

        return EmulatorServer
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
