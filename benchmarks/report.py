"""Turning observations into the table and the JSON rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .probes import Requests
from .runner import OPERATIONS, StackRun


@dataclass(frozen=True)
class Row:
    n: int
    latency_ms: int
    op: str
    ours_s: float
    floor_s: float
    requests: Requests
    minimum: Requests

    @property
    def ratio(self) -> float:
        return self.ours_s / self.floor_s if self.floor_s else float("inf")

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "latency_ms": self.latency_ms,
            "op": self.op,
            "ours_s": round(self.ours_s, 3),
            "floor_s": round(self.floor_s, 3),
            "ratio": round(self.ratio, 2),
            "requests": self.requests.total,
            "minimum": self.minimum.total,
            "requests_per_resource": round(self.requests.total / self.n, 2),
            "reads_writes_tokens": {"requests": _rw(self.requests), "minimum": _rw(self.minimum)},
        }


def rows(n: int, latency_ms: int, ours: StackRun, floor: StackRun, minimums: dict[str, Requests]) -> list[Row]:
    result = []
    for op in OPERATIONS:
        made = ours.ops[op].requests
        assert made is not None
        result.append(Row(n, latency_ms, op, ours.ops[op].seconds, floor.ops[op].seconds, made, minimums[op]))
    return result


def _rw(r: Requests) -> str:
    return f"{r.reads}/{r.writes}/{r.tokens}"


def timing_table(table: list[Row]) -> str:
    lines = [
        "    N  latency  op        ours s  floor s  ratio  requests / minimum  (reads/writes/tokens)",
        "-----  -------  -------  -------  -------  -----  ------------------  ---------------------",
    ]
    for r in table:
        lines.append(
            f"{r.n:>5}  {r.latency_ms:>4} ms  {r.op:<7}  {r.ours_s:>7.2f}  {r.floor_s:>7.2f}  {r.ratio:>5.2f}  "
            f"{r.requests.total:>8} / {r.minimum.total:<7}  {_rw(r.requests)} vs {_rw(r.minimum)}"
        )
    return "\n".join(lines)


@dataclass(frozen=True)
class Footprint:
    n: int
    ours_state_bytes: int
    floor_state_bytes: int
    ours_provider_bytes: float
    floor_provider_bytes: float
    ours_rss_kib: int
    floor_rss_kib: int

    @classmethod
    def of(cls, n: int, ours: StackRun, floor: StackRun) -> Footprint:
        return cls(
            n,
            ours.state_bytes,
            floor.state_bytes,
            ours.provider_bytes,
            floor.provider_bytes,
            max(o.peak_rss_kib for o in ours.ops.values()),
            max(o.peak_rss_kib for o in floor.ops.values()),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "state_bytes": {"ours": self.ours_state_bytes, "floor": self.floor_state_bytes},
            "provider_bytes_per_resource": {
                "ours": round(self.ours_provider_bytes),
                "floor": round(self.floor_provider_bytes),
            },
            "peak_rss_kib": {"ours": self.ours_rss_kib, "floor": self.floor_rss_kib},
            "rss_ratio": round(self.ours_rss_kib / self.floor_rss_kib, 2) if self.floor_rss_kib else None,
        }


def footprint_table(prints: list[Footprint]) -> str:
    lines = [
        "    N  state file ours / floor   __provider per resource  provider peak RSS ours / floor (ratio)",
        "-----  ------------------------  -----------------------  -------------------------------------",
    ]
    for f in prints:
        ratio = f.ours_rss_kib / f.floor_rss_kib if f.floor_rss_kib else float("nan")
        lines.append(
            f"{f.n:>5}  {f.ours_state_bytes / 1024:>8.0f} / {f.floor_state_bytes / 1024:>6.0f} KiB    "
            f"{f.ours_provider_bytes:>6.0f} / {f.floor_provider_bytes:>4.0f} B          "
            f"{f.ours_rss_kib / 1024:>6.1f} / {f.floor_rss_kib / 1024:>5.1f} MiB ({ratio:.2f})"
        )
    return "\n".join(lines)
