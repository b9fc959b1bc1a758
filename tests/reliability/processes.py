"""Finding and killing the processes an Automation API run started, by id, through /proc."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces: the parent id follows the last ")".
    return int(stat.rsplit(")", 1)[1].split()[1])


def _command(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return []


def descendants(root: int) -> list[int]:
    """Every live process below `root`, parents before children."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            parent = _parent_of(int(entry.name))
            if parent is not None:
                children.setdefault(parent, []).append(int(entry.name))
    found: list[int] = []
    queue = list(children.get(root, []))
    while queue:
        pid = queue.pop(0)
        found.append(pid)
        queue += children.get(pid, [])
    return found


def find_cli(verb: str, under: int, timeout_s: float = 30.0) -> int:
    """The id of the `pulumi <verb>` process below process `under` (the Automation API runs the CLI as a
    child of the process that calls it)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for pid in descendants(under):
            command = _command(pid)
            if command and Path(command[0]).name == "pulumi" and verb in command[1:3]:
                return pid
        time.sleep(0.05)
    raise AssertionError(f"no `pulumi {verb}` process appeared within {timeout_s} s")


def kill_tree(pid: int) -> list[int]:
    """SIGKILL `pid`, then whatever it had started (plugin hosts would otherwise linger, orphaned), as a
    CI job's timeout kills the job's processes. Returns the ids killed."""
    below = descendants(pid)
    killed = []
    for target in [pid, *below]:
        try:
            os.kill(target, signal.SIGKILL)
            killed.append(target)
        except ProcessLookupError:
            pass
    for target in killed:
        _reap(target)
    return killed


def _reap(pid: int, timeout_s: float = 10.0) -> None:
    """Wait until the process is gone (a zombie counts as gone: its parent reaps it)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return
        if state == "Z":
            return
        time.sleep(0.02)
    raise AssertionError(f"process {pid} survived SIGKILL for {timeout_s} s")
