"""A local HTTP emulator of the Sinch Elastic SIP Trunking API, the Numbers `activeNumbers` subset and the
OAuth2 token endpoint, with fault injection and a `/_emulator/` control plane.

    from pulumi_sinch_est.emulator import EmulatorConfig, EmulatorServer

    with EmulatorServer(EmulatorConfig(port=0)) as server:
        ...  # point SINCH_* (server.env()) at it
"""

from .app import create_app
from .config import EmulatorConfig, RuntimeSettings
from .faults import ErrorRule, FaultConfig, LostResponseRule
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
