"""The backend: every project's state behind one lock, one area object per API area.

    backend.trunks.create(project_id, body) -> wire dict     (raises EmulatorError subclasses)

Areas validate, enforce the rules and return wire-form snapshots taken under the lock. A write is saved
to the state file (if any) before the lock is released.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import RuntimeSettings
from .access_control_lists import AccessControlLists
from .active_numbers import ActiveNumber, ActiveNumbers, valid_number
from .call_blocking_rules import CallBlockingRules
from .calls import Calls
from .country_permissions import CountryPermissions, region_for_number
from .credential_lists import CredentialLists
from .endpoints import Endpoints
from .ids import format_time
from .persistence import JsonStore
from .phone_numbers import PhoneNumbers
from .project import ProjectState
from .projects import Projects
from .snapshot import project_snapshot
from .trunk_links import TrunkLinks
from .trunks import Trunk, Trunks


@dataclass(frozen=True)
class Now:
    epoch: float
    text: str


class Backend:
    """All emulated state. Thread-safe: every operation runs under one re-entrant lock."""

    def __init__(
        self,
        *,
        project_id: str,
        numbers: Sequence[str] = (),
        settings: RuntimeSettings,
        state_file: Path | str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.settings = settings
        self.default_project_id = project_id
        self._initial_numbers = [valid_number(n) for n in numbers]
        self._clock = clock
        self._lock = threading.RLock()
        self._projects: dict[str, ProjectState] = {}
        self._est_projects: set[str] = set()
        self._store = JsonStore(Path(state_file)) if state_file else None

        self.trunks = Trunks(self)
        self.trunk_links = TrunkLinks(self)
        self.endpoints = Endpoints(self)
        self.access_control_lists = AccessControlLists(self)
        self.credential_lists = CredentialLists(self)
        self.phone_numbers = PhoneNumbers(self)
        self.country_permissions = CountryPermissions(self)
        self.call_blocking_rules = CallBlockingRules(self)
        self.calls = Calls(self)
        self.projects = Projects(self)
        self.active_numbers = ActiveNumbers(self)

        if self._store is not None and self._store.exists():
            self._projects, self._est_projects = self._store.load()
        else:
            self.reset()

    # Plumbing used by the areas --------------------------------------------------------------------------

    def now(self) -> Now:
        epoch = self._clock()
        return Now(epoch, format_time(epoch))

    def _project(self, project_id: str) -> ProjectState:
        project = self._projects.get(project_id)
        if project is None:
            project = self._projects[project_id] = ProjectState(project_id)
        return project

    @contextmanager
    def reading(self, project_id: str) -> Iterator[ProjectState]:
        with self._lock:
            project = self._project(project_id)
            if project.advance(self._clock()):
                self._save()
            yield project

    @contextmanager
    def writing(self, project_id: str) -> Iterator[ProjectState]:
        """Yield the project for a change; saved afterwards unless the block raised (nothing changed)."""
        with self._lock:
            project = self._project(project_id)
            project.advance(self._clock())
            yield project
            self._save()

    def _save(self) -> None:
        if self._store is not None:
            self._store.save(self._projects, self._est_projects)

    def all_trunks(self) -> Iterable[Trunk]:
        """Trunks of every project (hostName is unique across the whole emulator). Call under the lock."""
        return [t for p in self._projects.values() for t in p.trunks.values()]

    def number_owner(self, phone_number: str) -> str | None:
        return next((pid for pid, p in self._projects.items() if phone_number in p.active_numbers), None)

    def enable_projects(self, project_ids: Iterable[str]) -> list[str]:
        added = [pid for pid in project_ids if pid not in self._est_projects]
        self._est_projects.update(added)
        return added

    # Control plane ---------------------------------------------------------------------------------------

    def reset(self) -> None:
        """Back to the start state: no objects, the configured numbers rented into the default project."""
        with self._lock:
            self._projects = {}
            self._est_projects = {self.default_project_id}
            project = self._project(self.default_project_id)
            rented_at = self.now().text
            for number in self._initial_numbers:
                project.active_numbers[number] = ActiveNumber(
                    number, self.default_project_id, region_for_number(number), rented_at
                )
            self._save()

    def dump(self) -> dict[str, Any]:
        with self._lock:
            now = self._clock()
            if any([project.advance(now) for project in self._projects.values()]):
                self._save()
            return {
                "estProjects": sorted(self._est_projects),
                "projects": {pid: project_snapshot(p) for pid, p in sorted(self._projects.items())},
            }
