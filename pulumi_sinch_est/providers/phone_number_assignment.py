"""Provider for `PhoneNumberAssignment`: routes a rented number's voice to an EST trunk.

API calls (Numbers API, est-api.md §7.1 and the contract): read `GET /activeNumbers/{e164}`; assign
`PATCH /activeNumbers/{e164}` `{"voiceConfiguration": {"type": "EST", "trunkId": <trunk>}}`; unassign the
same with `"trunkId": ""`. Both writes are asynchronous: the response still shows the old configuration
on top and the requested one under `scheduledVoiceProvisioning` (`WAITING`, `IN_PROGRESS`), which turns
null once applied or keeps `status: FAILED` (top level unchanged). Every write is therefore followed by a
wait (`wait_voice_provisioned`, polling `GET` from 0.25 s backing off to 4 s) bounded by the
`provisioning_timeout_seconds` input: dynamic providers get no engine timeouts.

- create: GET first. Not rented in the project (404): error. Already on this trunk with nothing pending:
  adopted, no write. On another trunk, a Voice app or a Fax service (applied or pending): error, the
  number is not taken. Taking it would silently cut off whatever routes calls through it (another stack,
  a hand-made setup), two stacks would then move it back and forth on every `up`, and destroying ours
  would leave the number routed nowhere. Free (never configured, or unassigned): PATCH and wait.
  A create that raises is not recorded, so it must leave no assignment behind: FAILED leaves the old
  configuration in place; on a timeout the unassign is requested (best effort) before raising.
- read: the applied (top-level) configuration. EST with a trunk id: that trunk, so a number moved by
  hand shows as drift and `up` moves it back; anything else, or 404: gone.
- update: a new `trunk_id` moves the number in place (PATCH + wait); on a timeout the move back to the
  trunk the state records is requested. Only `phone_number` forces a replacement.
- delete: unassign only while the number is on this trunk (applied or pending to it), then wait until
  that is done, because the trunk's own delete is refused while numbers are assigned or pending. A
  number found elsewhere is left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from pulumi.dynamic import CreateResult, ReadResult, UpdateResult
from pydantic import Field, StrictInt

from ..client import ActiveNumber, NotFoundError, SinchClient, SinchError
from ..client.models import ScheduledVoiceProvisioning, VoiceConfiguration
from ..client.timing import Clock, SystemClock
from . import _context
from ._base import EstProvider, InputModel, ProviderError
from ._fields import E164, ObjectId, WholeNumber

DEFAULT_TIMEOUT_S = 300
MAX_TIMEOUT_S = 3600
POLL_FIRST_S = 0.25
POLL_BACKOFF = 2.0
POLL_MAX_S = 4.0

STATUS_APPLIED = "APPLIED"
"""Not an API status: nothing is scheduled any more, the top-level configuration is current."""
STATUS_FAILED = "FAILED"
STATUS_NOT_FOUND = "NOT_FOUND"

_clock: Clock = SystemClock()
"""Module state so tests can swap in a fake clock; provider instances hold nothing."""

_ID_FIELDS = {"EST": "trunk_id", "RTC": "app_id", "FAX": "service_id"}
_SERVICES = {"EST": "trunk", "RTC": "Voice app", "FAX": "Fax service"}


Timeout = Annotated[StrictInt, Field(ge=1, le=MAX_TIMEOUT_S), WholeNumber]


class PhoneNumberAssignmentInputs(InputModel):
    phone_number: E164
    trunk_id: ObjectId
    provisioning_timeout_seconds: Timeout = DEFAULT_TIMEOUT_S


class ProvisioningError(ProviderError):
    """Raised when a number's voice provisioning fails, or does not end the way it was asked to."""


class ProvisioningTimeout(ProvisioningError):
    """Raised when a number's voice provisioning is still under way at the deadline."""


@dataclass(frozen=True)
class Placement:
    """Where a voice configuration routes a number: a service type and the id within it ("" = nowhere)."""

    service: str
    target: str

    @classmethod
    def of(cls, config: VoiceConfiguration | ScheduledVoiceProvisioning | None) -> Placement:
        if config is None:
            return cls("", "")
        service = (config.type or "").upper()
        field = _ID_FIELDS.get(service)
        if field is not None:
            return cls(service, getattr(config, field) or "")
        return cls(service, config.trunk_id or config.app_id or config.service_id or "")

    @property
    def est_trunk(self) -> str:
        """The trunk this puts the number on ("" when none)."""
        return self.target if self.service == "EST" else ""

    def __str__(self) -> str:
        return f"{_SERVICES.get(self.service, self.service or 'service')} {self.target}"


def applied(number: ActiveNumber) -> Placement:
    return Placement.of(number.voice_configuration)


def scheduled(number: ActiveNumber) -> ScheduledVoiceProvisioning | None:
    config = number.voice_configuration
    return config.scheduled_voice_provisioning if config is not None else None


def pending(number: ActiveNumber) -> Placement | None:
    """Where a provisioning under way will put the number; None when none is (a FAILED one is over)."""
    schedule = scheduled(number)
    if schedule is None or (schedule.status or "").upper() == STATUS_FAILED:
        return None
    return Placement.of(schedule)


def failure_reason(schedule: ScheduledVoiceProvisioning | None) -> str:
    """Whatever the API said beyond the status (such as a failure code), or a note that it said nothing."""
    extra = (schedule.model_extra or {}) if schedule is not None else {}
    said = [f"{k}={v}" for k, v in extra.items() if v not in (None, "", [], {})]  # fields no model names
    return "; ".join(said) if said else "Sinch gave no reason"


# find / status / wait ---------------------------------------------------------------------------------


def find_active_number(client: SinchClient, phone_number: str) -> ActiveNumber | None:
    """The rented number, or None when the project does not have it."""
    try:
        return client.active_numbers.get(phone_number)
    except NotFoundError:
        return None


def status_voice_provisioning(client: SinchClient, phone_number: str) -> tuple[ActiveNumber | None, str]:
    """The number and its provisioning status: an API status (`WAITING`, `IN_PROGRESS`, `FAILED`),
    `APPLIED` when nothing is scheduled, `NOT_FOUND` when the number left the project."""
    number = find_active_number(client, phone_number)
    if number is None:
        return None, STATUS_NOT_FOUND
    schedule = scheduled(number)
    if schedule is None:
        return number, STATUS_APPLIED
    return number, (schedule.status or "PROVISIONING_STATUS_UNSPECIFIED").upper()


def wait_voice_provisioned(
    client: SinchClient, phone_number: str, trunk_id: str, timeout_s: float, *, operation: str
) -> ActiveNumber:
    """Poll until the number's applied configuration puts it on `trunk_id`."""
    return _wait(client, phone_number, timeout_s, operation, lambda where: where.est_trunk == trunk_id)


def wait_voice_released(
    client: SinchClient, phone_number: str, trunk_id: str, timeout_s: float, *, operation: str
) -> ActiveNumber:
    """Poll until the number's applied configuration no longer puts it on `trunk_id`."""
    return _wait(client, phone_number, timeout_s, operation, lambda where: where.est_trunk != trunk_id)


def _wait(
    client: SinchClient,
    phone_number: str,
    timeout_s: float,
    operation: str,
    wanted: Callable[[Placement], bool],
) -> ActiveNumber:
    """Poll from `POLL_FIRST_S`, backing off to `POLL_MAX_S`, until the applied configuration is `wanted`.

    Raises `ProvisioningError` when the provisioning fails, when a change nobody here asked for gets
    scheduled or applied meanwhile, or when the number leaves the project; `ProvisioningTimeout` at the
    deadline.
    """
    deadline = _clock.monotonic() + timeout_s
    interval = POLL_FIRST_S
    while True:
        _clock.sleep(max(0.0, min(interval, deadline - _clock.monotonic())))
        number, status = status_voice_provisioning(client, phone_number)
        if number is None:
            raise ProvisioningError(f"{operation} failed: {phone_number} is no longer rented in the project")
        schedule = scheduled(number)
        if schedule is not None and not wanted(Placement.of(schedule)):
            raise ProvisioningError(
                f"{operation} failed: another change of the number was requested meanwhile "
                f"(to {Placement.of(schedule)}, status {status})"
            )
        if status == STATUS_FAILED:
            raise ProvisioningError(
                f"{operation} failed: Sinch reports provisioning status FAILED ({failure_reason(schedule)}); "
                f"the number stays {_where(applied(number))}"
            )
        if status == STATUS_APPLIED:
            if not wanted(applied(number)):
                raise ProvisioningError(
                    f"{operation} failed: another change put the number {_where(applied(number))} meanwhile"
                )
            return number
        if _clock.monotonic() >= deadline:
            raise ProvisioningTimeout(f"{operation} timed out after {timeout_s:g} s (status still {status})")
        interval = min(interval * POLL_BACKOFF, POLL_MAX_S)


def _where(placement: Placement) -> str:
    return f"on {placement}" if placement.target else "unassigned"


def _best_effort(request: Callable[[], bool], what: str) -> str | None:
    """Run a clean-up write and say how it went, for the error being raised; None if it had nothing to do."""
    try:
        if not request():
            return None
    except Exception as exc:  # the original failure is what the user must see; this one is added to it
        return f"{what} also failed ({exc}); check the number in the Sinch dashboard"
    return f"{what} was requested, so nothing is left that Pulumi does not track"


def _release(client: SinchClient, phone_number: str, trunk_id: str) -> bool:
    """Request the unassignment if the number is on the trunk or on its way there; True if requested."""
    number = find_active_number(client, phone_number)
    if number is None:
        return False
    on_way = pending(number)
    if trunk_id not in (applied(number).est_trunk, on_way.est_trunk if on_way is not None else ""):
        return False
    client.active_numbers.unassign_from_trunk(phone_number)
    return True


def _move(client: SinchClient, phone_number: str, trunk_id: str) -> bool:
    client.active_numbers.assign_to_trunk(phone_number, trunk_id)
    return True


def _outputs(number: ActiveNumber, trunk_id: str, timeout_s: int) -> dict[str, Any]:
    return {
        "phone_number": number.phone_number,
        "trunk_id": trunk_id,
        "provisioning_timeout_seconds": timeout_s,
        "region_code": number.region_code,
    }


class PhoneNumberAssignmentProvider(EstProvider):
    kind = "PhoneNumberAssignment"
    inputs_model = PhoneNumberAssignmentInputs
    replace_on = frozenset({"phone_number"})

    def create(self, props: dict[str, Any]) -> CreateResult:
        client = _context.client()
        phone_number, trunk_id = props["phone_number"], props["trunk_id"]
        timeout_s = int(props["provisioning_timeout_seconds"])
        operation = f"assigning {phone_number} to trunk {trunk_id}"
        number = find_active_number(client, phone_number)
        if number is None:
            raise ProvisioningError(
                f"{operation} failed: {phone_number} is not rented in this Sinch project "
                "(rent it with the Numbers API first, or check sinch:projectId)"
            )
        on_way = pending(number)
        where = on_way if on_way is not None else applied(number)
        if where.est_trunk == trunk_id and on_way is None:
            return CreateResult(id_=phone_number, outs=_outputs(number, trunk_id, timeout_s))
        if where.target and where.est_trunk != trunk_id:
            state = "is being moved to" if on_way is not None else "is assigned to"
            raise ProvisioningError(
                f"{operation} failed: the number {state} {where}; it is not taken from there. "
                "Unassign it there first, or point trunk_id at that trunk to adopt it"
            )
        try:
            if where.est_trunk != trunk_id:
                client.active_numbers.assign_to_trunk(phone_number, trunk_id)
            number = wait_voice_provisioned(client, phone_number, trunk_id, timeout_s, operation=operation)
        except (ProvisioningError, SinchError) as exc:
            # A raising create is not recorded in the state: nothing may stay on the trunk.
            cleanup = _best_effort(lambda: _release(client, phone_number, trunk_id), "unassigning it")
            if cleanup is None:
                raise
            raise ProvisioningError(f"{exc}; {cleanup}") from exc
        return CreateResult(id_=phone_number, outs=_outputs(number, trunk_id, timeout_s))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        number = find_active_number(_context.client(), id_)
        trunk_id = applied(number).est_trunk if number is not None else ""
        if number is None or not trunk_id:
            return ReadResult(id_=None, outs={})
        timeout_s = int(props.get("provisioning_timeout_seconds") or DEFAULT_TIMEOUT_S)
        outs = _outputs(number, trunk_id, timeout_s)
        return ReadResult(id_=id_, outs=outs, inputs=self.inputs_of(outs))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        timeout_s = int(news["provisioning_timeout_seconds"])
        old_trunk, trunk_id = olds["trunk_id"], news["trunk_id"]
        if old_trunk == trunk_id:
            unchanged = {"phone_number": id_, "trunk_id": trunk_id, "provisioning_timeout_seconds": timeout_s}
            return UpdateResult(outs={**unchanged, "region_code": olds.get("region_code")})
        client = _context.client()
        operation = f"moving {id_} from trunk {old_trunk} to trunk {trunk_id}"
        client.active_numbers.assign_to_trunk(id_, trunk_id)
        try:
            number = wait_voice_provisioned(client, id_, trunk_id, timeout_s, operation=operation)
        except ProvisioningTimeout as exc:
            back = _best_effort(lambda: _move(client, id_, old_trunk), f"moving it back to trunk {old_trunk}")
            raise ProvisioningTimeout(f"{exc}; {back}") from None
        return UpdateResult(outs=_outputs(number, trunk_id, timeout_s))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        client = _context.client()
        trunk_id = props["trunk_id"]
        timeout_s = int(props.get("provisioning_timeout_seconds") or DEFAULT_TIMEOUT_S)
        number = find_active_number(client, id_)
        if number is None:
            return
        on_way = pending(number)
        operation = f"unassigning {id_} from trunk {trunk_id}"
        if on_way is not None and on_way.est_trunk != trunk_id:
            if applied(number).est_trunk == trunk_id:
                # Someone else is moving it off this trunk: let that finish, or the trunk cannot go.
                wait_voice_released(client, id_, trunk_id, timeout_s, operation=operation)
            return
        if applied(number).est_trunk != trunk_id and on_way is None:
            return  # moved elsewhere by hand, or already unassigned: not ours to change
        client.active_numbers.unassign_from_trunk(id_)
        wait_voice_released(client, id_, trunk_id, timeout_s, operation=operation)
