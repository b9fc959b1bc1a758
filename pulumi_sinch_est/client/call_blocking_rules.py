"""Call blocking rules: numbers or countries whose calls are refused."""

from __future__ import annotations

import builtins

from .errors import NotFoundError
from .lookups import by_id
from .models import CallBlockingRule, CallBlockingRuleRequest
from .requester import Requester


class CallBlockingRules:
    """``/callBlockingRules``. The list may come back paginated (SDK) or as a bare array (spec)."""

    def __init__(self, api: Requester) -> None:
        self._api = api

    def create(self, req: CallBlockingRuleRequest) -> CallBlockingRule:
        return self._api.fetch(
            CallBlockingRule,
            "creating call blocking rule",
            "POST",
            self._api.est("callBlockingRules"),
            json=req.to_body(),
        )

    def get(self, rule_id: str) -> CallBlockingRule:
        """The API has no read-one call, so this searches the list."""
        operation = f"reading call blocking rule {rule_id}"
        for rule in self.list():
            if rule.id == rule_id:
                return rule
        raise NotFoundError(404, operation, api_status="NOT_FOUND", api_message="no call blocking rule has this id")

    def read(self, rule_id: str) -> CallBlockingRule:
        """As `get`, answered from a fresh listing when it holds the rule (`.listings`)."""
        return self._api.listings.read(
            ("callBlockingRules",), rule_id, lambda: by_id(self.list()), lambda: self.get(rule_id)
        )

    def list(self) -> builtins.list[CallBlockingRule]:
        return self._api.fetch_all(
            CallBlockingRule,
            "listing call blocking rules",
            self._api.est("callBlockingRules"),
            ("callBlockingRules",),
        )

    def replace(self, rule_id: str, req: CallBlockingRuleRequest) -> CallBlockingRule:
        return self._api.fetch(
            CallBlockingRule,
            f"replacing call blocking rule {rule_id}",
            "PUT",
            self._api.est("callBlockingRules", rule_id),
            json=req.to_body(),
        )

    def delete(self, rule_id: str) -> None:
        self._api.send(f"deleting call blocking rule {rule_id}", "DELETE", self._api.est("callBlockingRules", rule_id))
