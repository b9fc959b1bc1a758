"""Provider for `CallBlockingRule`: calls Sinch refuses, by direction, country and number prefix
(`/callBlockingRules`).

API calls: create `POST /callBlockingRules` (one write; when adopting with `import_id`, the rule is looked up
instead and nothing is written); read: the API has no call for one rule (est-api.md §5, 41-44), so the list is
searched (every page; one listing answers a refresh's reads, `client.listings`); update `PUT
/callBlockingRules/{id}` with the whole rule (a PUT nulls what it is not sent); delete `DELETE
/callBlockingRules/{id}` (404 is success).

The API answers `direction` in lower case whatever was sent; outputs keep it upper-case, as sent, so a
refresh shows no change.

Choices where est-api.md is silent or UNKNOWN (its matching semantics are UNKNOWN, §6.7):
- Caller fields (`caller_country`, `caller_match`) belong to INBOUND rules and callee fields to OUTBOUND
  ones, as the field table describes them; a rule mixing them is refused at preview, because what Sinch
  would match is unknown.
- A rule must name at least one country or prefix for its direction. What a rule with none blocks is
  unknown, and the likely answer, every call in that direction, is an outage.
- A prefix is 1 to 15 digits with an optional leading `+`; a country is ISO 3166-1 alpha-2.
- A new `direction` replaces the rule: it is a different kind of rule (other fields apply) and whether
  a PUT may change it is not documented. The new rule is created before the old one is deleted, so
  nothing that should be blocked gets through in between. Everything else is updated in place.
- If the create POST's outcome is unknown (Sinch may have processed it), the rules are searched for one
  equal in every field to what was sent; only one that was not there before the create began is taken as
  ours (`_ownership`), otherwise the error stands.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import Any

from pulumi.dynamic import CreateResult, ReadResult, UpdateResult
from pydantic import ValidationInfo, field_validator

from ..client import CallBlockingRule, CallBlockingRuleRequest, NotFoundError, SinchClient
from . import _context
from ._base import EstProvider, InputModel
from ._fields import CountryCode, Direction, Name, NumberPrefix, ObjectId
from ._ownership import Before, adopted, created

_FIELDS_OF = {
    "INBOUND": ("caller_country", "caller_match"),
    "OUTBOUND": ("callee_country", "callee_match"),
}


class CallBlockingRuleInputs(InputModel):
    name: Name
    caller_country: CountryCode | None = None
    caller_match: NumberPrefix | None = None
    callee_country: CountryCode | None = None
    callee_match: NumberPrefix | None = None
    # Declared after the fields it rules on, so its validator can see them.
    direction: Direction
    import_id: ObjectId | None = None

    @field_validator("direction")
    @classmethod
    def _fits_direction(cls, direction: str, info: ValidationInfo) -> str:
        wanted = _FIELDS_OF[direction]
        other = "OUTBOUND" if direction == "INBOUND" else "INBOUND"
        wrong = [name for name in _FIELDS_OF[other] if info.data.get(name) is not None]
        if wrong:
            raise ValueError(
                f"an {direction} rule cannot match on {' or '.join(wrong)} ({other} rules do); it matches on "
                f"{' or '.join(wanted)}"
            )
        # A criterion that failed (or is not known yet) is missing from info.data: no verdict on it.
        if all(name in info.data and info.data[name] is None for name in wanted):
            raise ValueError(
                f"an {direction} rule needs {' or '.join(wanted)}; a rule with neither could block every "
                f"{direction.lower()} call"
            )
        return direction


def _request(inputs: Mapping[str, Any]) -> CallBlockingRuleRequest:
    return CallBlockingRuleRequest(
        name=inputs["name"],
        direction=inputs["direction"],
        caller_country=inputs.get("caller_country"),
        caller_match=inputs.get("caller_match"),
        callee_country=inputs.get("callee_country"),
        callee_match=inputs.get("callee_match"),
    )


def _outputs(rule: CallBlockingRule, import_id: str | None = None) -> dict[str, Any]:
    return {
        "name": rule.name,
        "direction": rule.direction.upper() if rule.direction else None,
        "caller_country": rule.caller_country,
        "caller_match": rule.caller_match,
        "callee_country": rule.callee_country,
        "callee_match": rule.callee_match,
        "import_id": import_id,
    }


def _matches(client: SinchClient, inputs: Mapping[str, Any]) -> list[CallBlockingRule]:
    """The rules equal in every field to the one the inputs describe."""
    wanted = _outputs(CallBlockingRule.model_validate(_request(inputs).to_body()))
    return [rule for rule in client.call_blocking_rules.list() if _outputs(rule) == wanted]


class CallBlockingRuleProvider(EstProvider):
    kind = "CallBlockingRule"
    inputs_model = CallBlockingRuleInputs
    replace_on = frozenset({"direction"})

    def create(self, props: dict[str, Any]) -> CreateResult:
        client = _context.client()
        import_id = props.get("import_id")
        if import_id:
            rule = client.call_blocking_rules.get(import_id)
        else:
            rule = created(
                self.kind,
                client.call_blocking_rules.list,
                lambda: client.call_blocking_rules.create(_request(props)),
                lambda: _matches(client, props),
                f"creating CallBlockingRule {props['name']!r}",
            )
        return CreateResult(id_=import_id or str(rule.id), outs=_outputs(rule, import_id))

    def locate(self, inputs: Mapping[str, Any], before: Before) -> str | None:
        rule = adopted(_matches(_context.client(), inputs), before, f"finding CallBlockingRule {inputs['name']!r}")
        return str(rule.id) if rule is not None else None

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        try:
            rule = _context.client().call_blocking_rules.read(id_)
        except NotFoundError:
            return ReadResult(id_=None, outs={})
        outs = _outputs(rule, props.get("import_id"))
        return ReadResult(id_=id_, outs=outs, inputs=self.inputs_of(outs))

    def update(self, id_: str, _olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        rule = _context.client().call_blocking_rules.replace(id_, _request(news))
        return UpdateResult(outs=_outputs(rule, news.get("import_id")))

    def delete(self, id_: str, _props: dict[str, Any]) -> None:
        with contextlib.suppress(NotFoundError):
            _context.client().call_blocking_rules.delete(id_)
