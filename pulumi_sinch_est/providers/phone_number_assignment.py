"""Provider for `PhoneNumberAssignment`: routes a rented number's voice to an EST trunk.

API calls (Numbers API, est-api.md §7.1 and the contract), made by `_provisioning`: read `GET
/activeNumbers/{e164}` (a refresh: the listing of every rented number, `client.listings`); assign `PATCH
/activeNumbers/{e164}` `{"voiceConfiguration": {"type": "EST", "trunkId": <trunk>}}`; unassign the same with
`"trunkId": ""`. Both writes are asynchronous: the response still shows the old configuration on top and the
requested one under `scheduledVoiceProvisioning` (`WAITING`, `IN_PROGRESS`), which turns null once applied
or keeps `status: FAILED` (top level unchanged). Every write is therefore followed by a wait (polling `GET`
from 0.25 s backing off to 4 s; the first read comes sooner once this process has seen provisioning finish
sooner, see `FirstPoll`) bounded by the `provisioning_timeout_seconds` input: dynamic providers get no engine
timeouts.

- create: assign (`Provisioner.assign`): adopted when already on the trunk, refused when not rented or
  routed elsewhere, else PATCH and wait. A create that raises is not recorded, so it must leave no
  assignment behind: FAILED leaves the old configuration in place; after a timeout or an error once the
  PATCH was sent, the unassign is requested (best effort) before raising.
- read: the applied (top-level) configuration. EST with a trunk id: that trunk, so a number moved by
  hand shows as drift and `up` moves it back; anything else, or 404: gone.
- update: a new `trunk_id` moves the number in place (PATCH + wait); on a timeout the move back to the
  trunk the state records is requested. Only `phone_number` forces a replacement.
- delete: release (`Provisioner.release`): unassign only while the number is on this trunk (applied or
  pending to it), and wait until that is done. A number found elsewhere is left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from pulumi.dynamic import CreateResult, ReadResult, UpdateResult

from . import _context
from ._base import EstProvider, InputModel
from ._fields import E164, ObjectId
from ._ownership import Before
from ._provisioning import (
    DEFAULT_TIMEOUT_S,
    SEE_TROUBLESHOOTING,
    Outcome,
    ProvisioningError,
    ProvisioningTimeout,
    Timeout,
    settled_on,
)


class PhoneNumberAssignmentInputs(InputModel):
    phone_number: E164
    trunk_id: ObjectId
    provisioning_timeout_seconds: Timeout = DEFAULT_TIMEOUT_S


def _best_effort(request: Callable[[], bool], what: str) -> str | None:
    """Run a clean-up write and say how it went, for the error being raised; None if it had nothing to do."""
    try:
        if not request():
            return None
    except Exception as exc:  # the original failure is what the user must see; this one is added to it
        return f"{what} also failed ({exc}); check the number in the Sinch dashboard"
    return f"{what} was requested, so nothing is left that Pulumi does not track"


def _outputs(outcome: Outcome, timeout_s: int) -> dict[str, Any]:
    return {
        "phone_number": outcome.number,
        "trunk_id": outcome.trunk,
        "provisioning_timeout_seconds": timeout_s,
        "region_code": outcome.region,
    }


class PhoneNumberAssignmentProvider(EstProvider):
    kind = "PhoneNumberAssignment"
    inputs_model = PhoneNumberAssignmentInputs
    replace_on = frozenset({"phone_number"})

    def create(self, props: dict[str, Any]) -> CreateResult:
        provisioner = _context.provisioner()
        phone_number, trunk_id = props["phone_number"], props["trunk_id"]
        timeout_s = int(props["provisioning_timeout_seconds"])
        outcome = provisioner.assign(phone_number, trunk_id, timeout_s)
        failure = outcome.failure
        if failure is None:
            return CreateResult(id_=phone_number, outs=_outputs(outcome, timeout_s))
        if outcome.refused:
            if isinstance(failure, ProvisioningError):
                raise ProvisioningError(f"{failure}{outcome.advice}; {SEE_TROUBLESHOOTING}")
            raise failure
        # A raising create is not recorded in the state: nothing may stay on the trunk.
        release = partial(provisioner.request_release, phone_number, trunk_id)
        cleanup = _best_effort(release, "unassigning it")
        see = f"; {SEE_TROUBLESHOOTING}" if isinstance(failure, ProvisioningError) else ""
        if cleanup is None and not see:
            raise failure
        raise ProvisioningError(f"{failure}{f'; {cleanup}' if cleanup else ''}{see}") from failure

    def locate(self, inputs: Mapping[str, Any], before: Before) -> str | None:
        """The number, when its assignment to the trunk is done; one still under way is not taken, the
        next create waits for it without a second write. A number already on the trunk is one `create`
        takes as its own too, so `before` is not consulted."""
        number = _context.provisioner().find(inputs["phone_number"])
        found = number is not None and settled_on(number, inputs["trunk_id"])
        return str(inputs["phone_number"]) if found else None

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        outcome = _context.provisioner().read(id_)
        if not outcome.trunk:
            return ReadResult(id_=None, outs={})
        timeout_s = int(props.get("provisioning_timeout_seconds") or DEFAULT_TIMEOUT_S)
        outs = _outputs(outcome, timeout_s)
        return ReadResult(id_=id_, outs=outs, inputs=self.inputs_of(outs))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        timeout_s = int(news["provisioning_timeout_seconds"])
        old_trunk, trunk_id = olds["trunk_id"], news["trunk_id"]
        if old_trunk == trunk_id:
            unchanged = {"phone_number": id_, "trunk_id": trunk_id, "provisioning_timeout_seconds": timeout_s}
            return UpdateResult(outs={**unchanged, "region_code": olds.get("region_code")})
        provisioner = _context.provisioner()
        outcome = provisioner.move(id_, old_trunk, trunk_id, timeout_s)
        if isinstance(outcome.failure, ProvisioningTimeout):
            move_back = partial(provisioner.request_move, id_, old_trunk)
            back = _best_effort(move_back, f"moving it back to trunk {old_trunk}")
            raise ProvisioningTimeout(f"{outcome.failure}; {back}; {SEE_TROUBLESHOOTING}") from None
        if outcome.failure is not None:
            raise outcome.failure
        return UpdateResult(outs=_outputs(outcome, timeout_s))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        trunk_id = props["trunk_id"]
        timeout_s = int(props.get("provisioning_timeout_seconds") or DEFAULT_TIMEOUT_S)
        outcome = _context.provisioner().release(id_, trunk_id, trunk_id, timeout_s)
        if outcome.failure is not None:
            raise outcome.failure
