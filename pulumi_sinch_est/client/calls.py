"""Call history."""

from __future__ import annotations

from .models import Call
from .requester import Requester


class Calls:
    """``/calls``."""

    def __init__(self, api: Requester) -> None:
        self._api = api

    def find(self, **filters: str | int) -> list[Call]:
        """Calls matching the filters, all pages.

        Keyword names are the API's query names in snake case (``trunk_id``, ``call_result``; ``from_``
        for ``from``). Range filters whose names are not identifiers go through a dict:
        ``find(**{"createTime>": "2024-06-06T16:00:00"})`` sends ``createTime>=2024-06-06T16:00:00`` as
        the SDK does. Values are percent-encoded, so a leading ``+`` survives.
        """
        params = {_query_name(name): value for name, value in filters.items()}
        return self._api.fetch_all(Call, "finding calls", self._api.est("calls"), ("calls",), params)


def _query_name(name: str) -> str:
    head, *rest = name.rstrip("_").split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)
