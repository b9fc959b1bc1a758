"""Provider for `PhoneNumberAssignment`: routes a rented number's voice to an EST trunk.

API calls (Numbers API, est-api.md §7.1 and the contract): read `GET /activeNumbers/{e164}` (a refresh: the
listing of every rented number, `client.listings`); assign `PATCH /activeNumbers/{e164}`
`{"voiceConfiguration": {"type": "EST", "trunkId": <trunk>}}`; unassign the same with `"trunkId": ""`. Both
writes are asynchronous: the response still shows the old configuration on top and the requested one under
`scheduledVoiceProvisioning` (`WAITING`, `IN_PROGRESS`), which turns null once applied or keeps `status:
FAILED` (top level unchanged). Every write is therefore followed by a wait (`wait_voice_provisioned`, polling
`GET` from 0.25 s backing off to 4 s; the first read comes sooner once this process has seen provisioning
finish sooner, see `FirstPoll`) bounded by the `provisioning_timeout_seconds` input: dynamic providers get no
engine timeouts.

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

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from pulumi.dynamic import CreateResult, ReadResult, UpdateResult
from pydantic import Field, StrictInt

from ..client import ActiveNumber, NotFoundError, SinchClient, SinchError
from ..client.error_mapping import troubleshooting_ref
from ..client.models import ScheduledVoiceProvisioning, VoiceConfiguration
from ..client.timing import Clock, SystemClock
from . import _context
from ._base import EstProvider, InputModel, ProviderError
from ._fields import E164, ObjectId, WholeNumber

DEFAULT_TIMEOUT_S = 300
MAX_TIMEOUT_S = 3600
POLL_FIRST_S = 0.25
POLL_FIRST_MIN_S = 0.02
POLL_BACKOFF = 2.0
POLL_MAX_S = 4.0

SEE_TROUBLESHOOTING = troubleshooting_ref("number-provisioning-failed")
"""Ends the messages of failures a user must act on; the guide's section explains each of them."""

STATUS_APPLIED = "APPLIED"
"""Not an API status: nothing is scheduled any more, the top-level configuration is current."""
STATUS_FAILED = "FAILED"
STATUS_NOT_FOUND = "NOT_FOUND"

_clock: Clock = SystemClock()
"""Module state so tests can swap in a fake clock; provider instances hold nothing."""


class FirstPoll:
    """How long to wait before the first status read after a write: learned per process, thread-safe.

    Waiting `POLL_FIRST_S` suits a provisioning that takes seconds. One that is over sooner (the emulator,
    or Sinch on a good day) would leave every number waiting for nothing while it holds one of the provider
    host's four worker threads. So when the first read finds the provisioning already over, the next first
    wait is halved (below `POLL_FIRST_MIN_S` it becomes a read straight after the write); when it finds it
    still under way, the wait doubles back, never past `POLL_FIRST_S`. A service slower than
    `POLL_FIRST_S` never moves it, so it never costs an extra read there.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.seconds = POLL_FIRST_S

    def learn(self, over_at_first_read: bool) -> None:
        with self._lock:
            if over_at_first_read:
                self.seconds = self.seconds / 2 if self.seconds >= 2 * POLL_FIRST_MIN_S else 0.0
            else:
                self.seconds = min(POLL_FIRST_S, max(self.seconds * POLL_BACKOFF, POLL_FIRST_MIN_S))


_first_poll = FirstPoll()
"""Module state, like `_clock`: every wait in the process learns from the others."""

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


def settled_on(number: ActiveNumber, trunk_id: str) -> bool:
    """Whether the number is on the trunk with nothing under way: an assignment that is done."""
    return applied(number).est_trunk == trunk_id and pending(number) is None


def failure_reason(schedule: ScheduledVoiceProvisioning | None) -> str:
    """Whatever the API said beyond the status (such as a failure code), or a note that it said nothing."""
    extra = (schedule.model_extra or {}) if schedule is not None else {}
    said = [f"{k}={v}" for k, v in extra.items() if v not in (None, "", [], {})]  # fields no model names
    return "; ".join(said) if said else "Sinch gave no reason"


# find / status / wait ---------------------------------------------------------------------------------


def find_active_number(client: SinchClient, phone_number: str, *, listed: bool = False) -> ActiveNumber | None:
    """The rented number, or None when the project does not have it; `listed` for a refresh's read, which
    a listing of every number may answer (never for a wait: only this process's writes drop a listing)."""
    try:
        return client.active_numbers.read(phone_number) if listed else client.active_numbers.get(phone_number)
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
    """Poll from `_first_poll` (at most `POLL_FIRST_S`), backing off to `POLL_MAX_S`, until the applied
    configuration is `wanted`.

    Raises `ProvisioningError` when the provisioning fails, when a change nobody here asked for gets
    scheduled or applied meanwhile, or when the number leaves the project; `ProvisioningTimeout` at the
    deadline.
    """
    deadline = _clock.monotonic() + timeout_s
    interval = _first_poll.seconds
    first = True
    while True:
        _clock.sleep(max(0.0, min(interval, deadline - _clock.monotonic())))
        number, status = status_voice_provisioning(client, phone_number)
        if first:
            _first_poll.learn(status in (STATUS_APPLIED, STATUS_FAILED))
            first = False
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
        interval = min(max(interval * POLL_BACKOFF, POLL_FIRST_S), POLL_MAX_S)


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
                f"(rent it with the Numbers API first, or check sinch:projectId); {SEE_TROUBLESHOOTING}"
            )
        if settled_on(number, trunk_id):
            return CreateResult(id_=phone_number, outs=_outputs(number, trunk_id, timeout_s))
        on_way = pending(number)
        where = on_way if on_way is not None else applied(number)
        if where.target and where.est_trunk != trunk_id:
            state = "is being moved to" if on_way is not None else "is assigned to"
            raise ProvisioningError(
                f"{operation} failed: the number {state} {where}; it is not taken from there. "
                f"Unassign it there first, or point trunk_id at that trunk to adopt it; {SEE_TROUBLESHOOTING}"
            )
        try:
            if where.est_trunk != trunk_id:
                client.active_numbers.assign_to_trunk(phone_number, trunk_id)
            number = wait_voice_provisioned(client, phone_number, trunk_id, timeout_s, operation=operation)
        except (ProvisioningError, SinchError) as exc:
            # A raising create is not recorded in the state: nothing may stay on the trunk.
            cleanup = _best_effort(lambda: _release(client, phone_number, trunk_id), "unassigning it")
            see = f"; {SEE_TROUBLESHOOTING}" if isinstance(exc, ProvisioningError) else ""
            if cleanup is None and not see:
                raise
            raise ProvisioningError(f"{exc}{f'; {cleanup}' if cleanup else ''}{see}") from exc
        return CreateResult(id_=phone_number, outs=_outputs(number, trunk_id, timeout_s))

    def locate(self, inputs: Mapping[str, Any]) -> str | None:
        """The number, when its assignment to the trunk is done; one still under way is not taken, the
        next create waits for it without a second write."""
        number = find_active_number(_context.client(), inputs["phone_number"])
        found = number is not None and settled_on(number, inputs["trunk_id"])
        return str(inputs["phone_number"]) if found else None

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        number = find_active_number(_context.client(), id_, listed=True)
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
            raise ProvisioningTimeout(f"{exc}; {back}; {SEE_TROUBLESHOOTING}") from None
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
