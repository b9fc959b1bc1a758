"""Saving the backend state to one JSON file (atomically, after each write) and loading it on start.

Tokens are not state and are never saved; passwords are saved only as salted hashes.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
import types
import typing
from pathlib import Path
from typing import Any

from .project import ProjectState

FORMAT_VERSION = 1


def _from_plain(kind: Any, value: Any) -> Any:
    """Rebuild a value of type `kind` (dataclasses, lists, dicts, optionals) from its JSON form."""
    if value is None:
        return None
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        hints = typing.get_type_hints(kind)
        names = {f.name for f in dataclasses.fields(kind)}
        return kind(**{k: _from_plain(hints[k], v) for k, v in value.items() if k in names})
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin is list:
        return [_from_plain(args[0], v) for v in value]
    if origin is dict:
        return {k: _from_plain(args[1], v) for k, v in value.items()}
    if origin in (typing.Union, types.UnionType):
        return _from_plain(next(a for a in args if a is not type(None)), value)
    return value


class JsonStore:
    """One JSON file holding every project; replaced atomically so a crash never leaves half a file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def exists(self) -> bool:
        return self.path.is_file() and self.path.stat().st_size > 0

    def load(self) -> tuple[dict[str, ProjectState], set[str]]:
        data = json.loads(self.path.read_text(encoding="utf-8"))
        if data.get("version") != FORMAT_VERSION:
            raise ValueError(f"{self.path}: unsupported state file version {data.get('version')!r}")
        projects = {pid: _from_plain(ProjectState, p) for pid, p in data["projects"].items()}
        return projects, set(data.get("estProjects", []))

    def save(self, projects: dict[str, ProjectState], est_projects: set[str]) -> None:
        data = {
            "version": FORMAT_VERSION,
            "estProjects": sorted(est_projects),
            "projects": {pid: dataclasses.asdict(p) for pid, p in projects.items()},
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, separators=(",", ":"))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
