"""SIP endpoints: where a trunk's inbound calls go."""

from __future__ import annotations

import builtins

from .lookups import by_id
from .models import Endpoint, EndpointRequest
from .requester import Requester


class Endpoints:
    """``/trunks/{trunkId}/endpoints``."""

    def __init__(self, api: Requester) -> None:
        self._api = api

    def create(self, trunk_id: str, req: EndpointRequest) -> Endpoint:
        return self._api.fetch(
            Endpoint,
            f"creating endpoint {req.name!r} on trunk {trunk_id}",
            "POST",
            self._api.est("trunks", trunk_id, "endpoints"),
            json=req.to_body(),
        )

    def get(self, trunk_id: str, endpoint_id: str) -> Endpoint:
        return self._api.fetch(
            Endpoint,
            f"reading endpoint {endpoint_id} of trunk {trunk_id}",
            "GET",
            self._api.est("trunks", trunk_id, "endpoints", endpoint_id),
        )

    def read(self, trunk_id: str, endpoint_id: str) -> Endpoint:
        """As `get`, answered from a fresh listing of the trunk's endpoints when it holds this one (`.listings`)."""
        return self._api.listings.read(
            ("endpoints", trunk_id),
            endpoint_id,
            lambda: by_id(self.list(trunk_id)),
            lambda: self.get(trunk_id, endpoint_id),
        )

    def list(self, trunk_id: str) -> builtins.list[Endpoint]:
        return self._api.fetch_all(
            Endpoint,
            f"listing endpoints of trunk {trunk_id}",
            self._api.est("trunks", trunk_id, "endpoints"),
            ("endpoints",),
        )

    def replace(self, trunk_id: str, endpoint_id: str, req: EndpointRequest) -> Endpoint:
        return self._api.fetch(
            Endpoint,
            f"replacing endpoint {endpoint_id} of trunk {trunk_id}",
            "PUT",
            self._api.est("trunks", trunk_id, "endpoints", endpoint_id),
            json=req.to_body(),
        )

    def delete(self, trunk_id: str, endpoint_id: str) -> None:
        self._api.send(
            f"deleting endpoint {endpoint_id} of trunk {trunk_id}",
            "DELETE",
            self._api.est("trunks", trunk_id, "endpoints", endpoint_id),
        )
