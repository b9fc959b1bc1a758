"""Running one stack through up, an empty preview, refresh and destroy, and observing each step."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pulumi import automation as auto

from .minimum import minimum
from .probes import PeakRss, RequestLog, Requests, checkpoint, provider_blob_bytes, timed

OPERATIONS = ("up", "preview", "refresh", "destroy")


@dataclass
class Observed:
    """One operation of one stack."""

    seconds: float
    requests: Requests | None
    """None for the floor, which has no API."""
    peak_rss_kib: int


@dataclass
class StackRun:
    """Every operation of one stack, and what the backend stored after `up`."""

    ops: dict[str, Observed] = field(default_factory=dict)
    state_bytes: int = 0
    provider_bytes: float = 0.0


class NotEmpty(RuntimeError):
    """Raised when the preview after `up` plans changes: the timing would not be of an empty preview."""


def run_stack(
    make_stack: Callable[[], auto.Stack],
    state_dir: Path,
    log: RequestLog | None,
) -> StackRun:
    """up, preview (must be empty), refresh, destroy; each timed, its requests and peak RSS observed."""
    stack = make_stack()
    run = StackRun()

    def observe(op: str, action: Callable[[], Any]) -> Any:
        if log is not None:
            log.clear()
        rss = PeakRss()
        with rss.watching():
            seconds, result = timed(action)
        run.ops[op] = Observed(seconds, log.read() if log is not None else None, rss.peak_kib)
        return result

    observe("up", stack.up)
    saved = checkpoint(state_dir, stack.workspace.project_settings().name, stack.name)
    run.state_bytes = saved.stat().st_size
    run.provider_bytes = provider_blob_bytes(saved)
    preview = observe("preview", stack.preview)
    planned = {op: n for op, n in preview.change_summary.items() if op != "same" and n}
    if planned:
        raise NotEmpty(f"the preview after up plans {planned}")
    observe("refresh", stack.refresh)
    observe("destroy", stack.destroy)
    stack.workspace.remove_stack(stack.name)
    return run


def minimums(kinds: Mapping[str, int]) -> dict[str, Requests]:
    return {op: minimum(op, kinds) for op in OPERATIONS}
