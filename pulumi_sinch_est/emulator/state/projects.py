"""`POST /addProjects` (operation 48): enable EST for more projects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .fields import FieldReader

if TYPE_CHECKING:
    from .backend import Backend


class Projects:
    """Projects known to EST; ids it already knows are left out of `addedProjects`."""

    def __init__(self, backend: Backend) -> None:
        self._backend = backend

    def add(self, project_id: str, body: object) -> list[str]:
        reader = FieldReader(body)
        ids = reader.id_list("projectIds", required=True)
        if ids is not None and not ids:
            reader.violate("projectIds", "must contain at least one project id")
        reader.check()
        assert ids is not None
        with self._backend.writing(project_id):
            return self._backend.enable_projects(ids)
