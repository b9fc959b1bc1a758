"""What a benchmark run observes besides wall time: the emulator's request log, the provider process's
peak memory, and the size of what the backend stores."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
TOKEN_PATH = "/oauth2/token"
PROVIDER_MARK = b"pulumi.dynamic"
"""The dynamic-provider host runs as `python -u -m pulumi.dynamic` (the launcher execs it)."""


@dataclass(frozen=True)
class Requests:
    """The API requests one operation made, from the emulator's log (the control plane is never logged)."""

    reads: int = 0
    writes: int = 0
    tokens: int = 0

    @property
    def total(self) -> int:
        return self.reads + self.writes + self.tokens

    @classmethod
    def of(cls, entries: list[dict[str, Any]]) -> Requests:
        tokens = sum(1 for e in entries if e["path"] == TOKEN_PATH)
        writes = sum(1 for e in entries if e["path"] != TOKEN_PATH and e["method"] in WRITE_METHODS)
        return cls(reads=len(entries) - tokens - writes, writes=writes, tokens=tokens)


class RequestLog:
    """The emulator's `/_emulator/requests`, read per operation (cleared first: it keeps 10 000 entries)."""

    def __init__(self, base_url: str) -> None:
        self._base = base_url

    def clear(self) -> None:
        httpx.delete(f"{self._base}/_emulator/requests").raise_for_status()

    def read(self) -> Requests:
        body = httpx.get(f"{self._base}/_emulator/requests", timeout=30).json()
        return Requests.of(body["requests"])

    def set_latency(self, latency_ms: int) -> None:
        httpx.put(f"{self._base}/_emulator/faults", json={"latencyMs": latency_ms}).raise_for_status()


def _children(pid: int) -> list[int]:
    """Children of every thread of `pid` (the CLI is a Go program: any of its threads may spawn)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _descendants(root: int) -> Iterator[int]:
    stack = _children(root)
    while stack:
        pid = stack.pop()
        yield pid
        stack.extend(_children(pid))


def _peak_kib(pid: int) -> int | None:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        if PROVIDER_MARK not in cmdline:
            return None
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


@dataclass
class PeakRss:
    """Peak resident memory (VmHWM) of the dynamic-provider processes under this process, polled while
    an operation runs. Only our own descendants count: other runs on the machine are never sampled."""

    interval_s: float = 0.02
    peak_kib: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)

    def _poll(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            for pid in _descendants(me):
                kib = _peak_kib(pid)
                if kib is not None and kib > self.peak_kib:
                    self.peak_kib = kib
            self._stop.wait(self.interval_s)

    @contextmanager
    def watching(self) -> Iterator[PeakRss]:
        thread = threading.Thread(target=self._poll, name="peak-rss", daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            thread.join()


def checkpoint(state_dir: Path, project: str, stack: str) -> Path:
    """The file backend's checkpoint of one stack."""
    return state_dir / ".pulumi" / "stacks" / project / f"{stack}.json"


def provider_blob_bytes(checkpoint_file: Path) -> float:
    """The mean size of the `__provider` output over the stack's dynamic resources."""
    deployment = json.loads(checkpoint_file.read_text())["checkpoint"]["latest"]
    sizes = [
        len(json.dumps(r["outputs"]["__provider"]))
        for r in deployment.get("resources", [])
        if "__provider" in r.get("outputs", {})
    ]
    return sum(sizes) / len(sizes) if sizes else 0.0


def timed(fn: Any, *args: Any, **kwargs: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - started, result
