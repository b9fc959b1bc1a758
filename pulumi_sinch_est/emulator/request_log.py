"""The request log behind `GET /_emulator/requests`: API and token calls only, newest last."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import asdict, dataclass
from typing import Any

MAX_ENTRIES = 10_000


@dataclass(frozen=True)
class LoggedRequest:
    seq: int
    method: str
    path: str
    query: str
    status: int | None
    duration_ms: float
    fault: str | None = None
    """`injected` (an error-rate fault answered instead of the API), `rate_limited` (token bucket) or
    `dropped` (performed, response lost); None for a normal call."""


class RequestLog:
    """Thread-safe, bounded, with a sequence number that never restarts (even after `clear`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: deque[LoggedRequest] = deque(maxlen=MAX_ENTRIES)
        self._seq = 0

    def record(
        self,
        method: str,
        path: str,
        query: str,
        status: int | None,
        duration_ms: float,
        fault: str | None = None,
    ) -> None:
        with self._lock:
            self._seq += 1
            self._entries.append(LoggedRequest(self._seq, method, path, query, status, round(duration_ms, 3), fault))

    def entries(self, since: int = 0) -> list[dict[str, Any]]:
        with self._lock:
            return [asdict(e) for e in self._entries if e.seq > since]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
