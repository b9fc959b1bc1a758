"""Enabling further projects for Elastic SIP Trunking."""

from __future__ import annotations

from collections.abc import Sequence

from .requester import Requester


class Projects:
    """``/addProjects``."""

    def __init__(self, api: Requester) -> None:
        self._api = api

    def add(self, project_ids: Sequence[str]) -> list[str]:
        """The ids newly added. Ids already known are ignored by the API, so a retry is harmless and this
        POST is retried like an idempotent call."""
        body = self._api.send(
            "adding projects to Elastic SIP Trunking",
            "POST",
            self._api.est("addProjects"),
            json={"projectIds": list(project_ids)},
            idempotent=True,
        )
        added = body.get("addedProjects") if isinstance(body, dict) else None
        return [str(project_id) for project_id in added or []]
