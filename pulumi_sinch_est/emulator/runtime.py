"""The live parts of one emulator instance, shared by the HTTP layer, the control plane and faults."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request

from .auth import AccessKey, TokenAuthority
from .config import EmulatorConfig, RuntimeSettings
from .faults import FaultInjector
from .request_log import RequestLog
from .state import Backend


@dataclass
class Runtime:
    config: EmulatorConfig
    settings: RuntimeSettings
    backend: Backend
    auth: TokenAuthority
    faults: FaultInjector
    log: RequestLog

    @classmethod
    def from_config(cls, config: EmulatorConfig) -> Runtime:
        settings = config.settings()
        backend = Backend(
            project_id=config.project_id,
            numbers=config.numbers,
            settings=settings,
            state_file=config.state_file,
        )
        auth = TokenAuthority(
            [AccessKey(config.key_id, config.key_secret, config.project_id)],
            ttl_s=lambda: settings.token_ttl_s,
            static_token=config.access_token,
            static_project=config.project_id,
        )
        return cls(config, settings, backend, auth, FaultInjector(config.faults, config.seed), RequestLog())

    def reset(self) -> None:
        """Back to the start: state, request log, faults and settings as configured."""
        initial = self.config.settings()
        for name in vars(initial):
            setattr(self.settings, name, getattr(initial, name))
        self.backend.reset()
        self.log.clear()
        self.faults.configure(self.config.faults, self.config.seed)


def runtime_of(request: Request) -> Runtime:
    runtime = request.app.state.runtime
    assert isinstance(runtime, Runtime)
    return runtime
