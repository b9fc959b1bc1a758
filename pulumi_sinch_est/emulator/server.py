"""`EmulatorServer`: the emulator on a real socket, in a background thread (for tests and the CLI).

with EmulatorServer(EmulatorConfig(port=0)) as server:
    httpx.get(server.url + "/_emulator/health")
    os.environ.update(server.env())
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from types import TracebackType

import uvicorn

from .app import create_app
from .config import EmulatorConfig

STARTUP_TIMEOUT_S = 10.0


class _PromptServer(uvicorn.Server):
    """A uvicorn server that leaves its main loop as soon as `request_exit` is called from another thread,
    instead of at its next 0.1 s tick."""

    _loop: asyncio.AbstractEventLoop | None = None
    _wakeup: asyncio.Event | None = None

    async def main_loop(self) -> None:
        self._loop, self._wakeup = asyncio.get_running_loop(), asyncio.Event()
        counter = 0
        while not await self.on_tick(counter):
            counter = (counter + 1) % 864000
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wakeup.wait(), 0.1)

    def request_exit(self) -> None:
        self.should_exit = True
        loop, wakeup = self._loop, self._wakeup
        if loop is not None and wakeup is not None and not loop.is_closed():
            loop.call_soon_threadsafe(wakeup.set)


class EmulatorServer:
    """Runs uvicorn on `config.host`/`config.port` (port 0: a free port) until `stop()`."""

    def __init__(self, config: EmulatorConfig | None = None) -> None:
        self.config = config or EmulatorConfig()
        self.app = create_app(self.config)
        self._server: _PromptServer | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self.port = self.config.port

    @property
    def host(self) -> str:
        return self.config.host

    @property
    def url(self) -> str:
        """Base URL, no trailing slash: the EST, Numbers and auth root at once."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def env(self) -> dict[str, str]:
        """The SINCH_* variables pointing a client at this emulator."""
        env = {
            "SINCH_PROJECT_ID": self.config.project_id,
            "SINCH_KEY_ID": self.config.key_id,
            "SINCH_KEY_SECRET": self.config.key_secret,
            "SINCH_EST_URL": self.url,
            "SINCH_NUMBERS_URL": self.url,
            "SINCH_AUTH_URL": self.url,
        }
        if self.config.access_token:
            env["SINCH_ACCESS_TOKEN"] = self.config.access_token
        return env

    def start(self) -> EmulatorServer:
        if self._thread is not None:
            raise RuntimeError("the emulator is already running")
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on accepted sockets whose proto says TCP,
        # and without it every keep-alive response stalls ~40 ms on Nagle + delayed ACK.
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.config.port))
        self.port = sock.getsockname()[1]
        self._socket = sock
        uv_config = uvicorn.Config(
            self.app, log_level="warning", access_log=False, lifespan="off", timeout_graceful_shutdown=1
        )
        server = self._server = _PromptServer(uv_config)
        thread = self._thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name=f"sinch-est-emulator:{self.port}", daemon=True
        )
        thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the emulator did not start on {self.url}")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.request_exit()
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = self._socket = None

    def __enter__(self) -> EmulatorServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
