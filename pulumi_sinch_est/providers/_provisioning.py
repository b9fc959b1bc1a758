"""Number provisioning: the one implementation of assigning, moving, releasing and waiting for a phone
number, used by `PhoneNumberAssignment` (one number) and `PhoneNumberAssignments` (many).

API calls (Numbers API, est-api.md §7.1 and the contract): read `GET /activeNumbers/{e164}`; assign
`PATCH /activeNumbers/{e164}` `{"voiceConfiguration": {"type": "EST", "trunkId": <trunk>}}`; unassign the
same with `"trunkId": ""`. Both writes are asynchronous: the response still shows the old configuration
on top and the requested one under `scheduledVoiceProvisioning` (`WAITING`, `IN_PROGRESS`), which turns
null once applied or keeps `status: FAILED` (top level unchanged). Every write is therefore followed by a
wait, polling `GET` from 0.25 s backing off to 4 s (the first read comes sooner once this process has seen
provisioning finish sooner, see `FirstPoll`), bounded by the resource's `provisioning_timeout_seconds`:
dynamic providers get no engine timeouts.

The rules, the same for both resources:
- assign: a number not rented in the project is refused. One already on the trunk with nothing pending is
  adopted, no write. One on another trunk, a Voice app or a Fax service (applied or pending) is refused,
  not taken: taking it would silently cut off whatever routes calls through it (another stack, a
  hand-made setup), two stacks would then move it back and forth on every `up`, and destroying ours would
  leave the number routed nowhere. A free one (never configured, or unassigned) is PATCHed and waited for;
  one already on its way to the trunk is only waited for.
- move: one PATCH to the new trunk, no unassignment in between, and a wait.
- release: unassign only while the number is on a trunk of ours (applied or pending to it), then wait
  until that is done, because a trunk's delete is refused while numbers are assigned or pending. A number
  being moved elsewhere by someone else is waited for while it is still on our trunk; a number found
  anywhere else is left alone.

Each operation returns an `Outcome` instead of raising, so the bulk resource can record what every number
was left with; the single resource raises the outcome's failure. What to do after a failure (clean up, or
record) is the caller's: a raising create is not recorded by the engine, a bulk one is.

The clock and the first-poll estimate are handed in (`Pacing`), so tests run on a fake clock and one
process's estimate is shared by every wait in it (`_context.pacing`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field, StrictInt

from ..client import ActiveNumber, NotFoundError, SinchClient, SinchError
from ..client.error_mapping import troubleshooting_ref
from ..client.models import ScheduledVoiceProvisioning, VoiceConfiguration
from ..client.timing import Clock
from ._base import ProviderError
from ._fields import WholeNumber

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

_ID_FIELDS = {"EST": "trunk_id", "RTC": "app_id", "FAX": "service_id"}
_SERVICES = {"EST": "trunk", "RTC": "Voice app", "FAX": "Fax service"}

Timeout = Annotated[StrictInt, Field(ge=1, le=MAX_TIMEOUT_S), WholeNumber]
"""The `provisioning_timeout_seconds` input of both resources."""


class ProvisioningError(ProviderError):
    """Raised when a number's voice provisioning fails, or does not end the way it was asked to."""


class ProvisioningTimeout(ProvisioningError):
    """Raised when a number's voice provisioning is still under way at the deadline."""


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


@dataclass(frozen=True)
class Pacing:
    """What a wait needs besides the API: the clock it sleeps on and the first-poll estimate it learns."""

    clock: Clock
    first_poll: FirstPoll


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


def _where(placement: Placement) -> str:
    return f"on {placement}" if placement.target else "unassigned"


@dataclass(frozen=True)
class Outcome:
    """What one number's operation left behind.

    `trunk` is the trunk to record the number on ("" = not recorded any more): when the outcome is
    uncertain (a timeout, an error after the PATCH was sent) it stays recorded, because a release checks
    the live number before it changes anything. `region` is the number's country when it was read.
    `failure` is why the operation did not do what it was asked (None when it did); `refused` marks a
    failure found before anything was written or waited for, with `advice` on what the user can do.
    """

    number: str
    trunk: str
    region: str | None = None
    failure: ProvisioningError | SinchError | None = None
    refused: bool = False
    advice: str = ""


class Provisioner:
    """Assigns, moves, releases and waits for numbers through one client, on one clock."""

    def __init__(self, client: SinchClient, pacing: Pacing) -> None:
        self._client = client
        self._clock = pacing.clock
        self._first_poll = pacing.first_poll

    def find(self, phone_number: str, *, listed: bool = False) -> ActiveNumber | None:
        """The rented number, or None when the project does not have it; `listed` for a refresh's read,
        which a listing of every number may answer (`client.listings`), never for a wait: only this
        process's writes drop a listing, and a wait watches Sinch's own progress."""
        numbers = self._client.active_numbers
        try:
            return numbers.read(phone_number) if listed else numbers.get(phone_number)
        except NotFoundError:
            return None

    def read(self, phone_number: str) -> Outcome:
        """Where the number is applied now: a trunk, or "" when it is on none (or left the project)."""
        live = self.find(phone_number, listed=True)
        if live is None:
            return Outcome(phone_number, "")
        return Outcome(phone_number, applied(live).est_trunk, live.region_code)

    def assign(self, number: str, trunk_id: str, timeout_s: float, recorded: str = "") -> Outcome:
        """Put a number on the trunk: adopt it if it is there, refuse it if it is elsewhere (see the module
        docstring). `recorded` is the trunk the number is recorded on already ("" for a new number): a
        number retried after an uncertain failure. Whatever cannot be settled keeps the number recorded.
        """
        operation = f"assigning {number} to trunk {trunk_id}"
        try:
            live = self.find(number)
        except SinchError as exc:
            return Outcome(number, recorded, failure=exc, refused=True)
        if live is None:
            return Outcome(
                number,
                "",
                failure=ProvisioningError(f"{operation} failed: {number} is not rented in this Sinch project"),
                refused=True,
                advice=" (rent it with the Numbers API first, or check sinch:projectId)",
            )
        if settled_on(live, trunk_id):
            return Outcome(number, trunk_id, live.region_code)
        on_way = pending(live)
        where = on_way if on_way is not None else applied(live)
        if where.target and where.est_trunk != trunk_id:
            state = "is being moved to" if on_way is not None else "is assigned to"
            taken = f"{operation} failed: the number {state} {where}; it is not taken from there"
            return Outcome(
                number,
                "",
                failure=ProvisioningError(taken),
                refused=True,
                advice=". Unassign it there first, or point trunk_id at that trunk to adopt it",
            )
        sent = False
        try:
            if where.est_trunk != trunk_id:
                sent = True
                self._client.active_numbers.assign_to_trunk(number, trunk_id)
            live = self._wait(number, timeout_s, operation, lambda at: at.est_trunk == trunk_id)
        except ProvisioningTimeout as exc:
            return Outcome(number, trunk_id, failure=exc)  # still on its way here
        except ProvisioningError as exc:
            return Outcome(number, "", failure=exc)  # FAILED (it stays where it was) or taken meanwhile
        except SinchError as exc:
            return Outcome(number, trunk_id if sent else recorded, failure=exc)  # the PATCH may have been applied
        return Outcome(number, trunk_id, live.region_code)

    def move(self, number: str, old_trunk: str, trunk_id: str, timeout_s: float) -> Outcome:
        """Move a recorded number to another trunk in place (one PATCH, no unassignment in between)."""
        operation = f"moving {number} from trunk {old_trunk} to trunk {trunk_id}"
        try:
            self._client.active_numbers.assign_to_trunk(number, trunk_id)
            live = self._wait(number, timeout_s, operation, lambda at: at.est_trunk == trunk_id)
        except ProvisioningTimeout as exc:
            return Outcome(number, trunk_id, failure=exc)
        except (ProvisioningError, SinchError) as exc:
            return Outcome(number, old_trunk, failure=exc)  # a failed provisioning leaves it where it was
        return Outcome(number, trunk_id, live.region_code)

    def release(self, number: str, recorded: str, trunk_id: str, timeout_s: float) -> Outcome:
        """Unassign a recorded number if it is on its recorded trunk or the resource's trunk (an interrupted
        move may have left it on either), or on its way to one; leave it alone anywhere else."""
        ours = {recorded, trunk_id} - {""}
        operation = f"unassigning {number} from trunk {recorded}"
        try:
            live = self.find(number)
            if live is None:
                return Outcome(number, "")
            on_way, here = pending(live), applied(live).est_trunk
            if on_way is not None and on_way.est_trunk not in ours:
                if here in ours:  # someone else is moving it off: the trunk cannot go before that is done
                    self._wait(number, timeout_s, operation, lambda at: at.est_trunk != here)
                return Outcome(number, "")
            if here not in ours and on_way is None:
                return Outcome(number, "")  # moved elsewhere by hand, or already unassigned: not ours to change
            self._client.active_numbers.unassign_from_trunk(number)
            off = here if here in ours else on_way.est_trunk if on_way is not None else recorded
            self._wait(number, timeout_s, operation, lambda at: at.est_trunk != off)
        except (ProvisioningError, SinchError) as exc:
            return Outcome(number, recorded, failure=exc)
        return Outcome(number, "")

    def request_release(self, number: str, trunk_id: str) -> bool:
        """Request the unassignment, without waiting, if the number is on the trunk or on its way there;
        True if requested. The clean-up after a failed assignment."""
        live = self.find(number)
        if live is None:
            return False
        on_way = pending(live)
        if trunk_id not in (applied(live).est_trunk, on_way.est_trunk if on_way is not None else ""):
            return False
        self._client.active_numbers.unassign_from_trunk(number)
        return True

    def request_move(self, number: str, trunk_id: str) -> bool:
        """Request a move to the trunk without waiting; True (it always requests). The clean-up after a
        move that timed out."""
        self._client.active_numbers.assign_to_trunk(number, trunk_id)
        return True

    def _status(self, phone_number: str) -> tuple[ActiveNumber | None, str]:
        """The number and its provisioning status: an API status (`WAITING`, `IN_PROGRESS`, `FAILED`),
        `APPLIED` when nothing is scheduled, `NOT_FOUND` when the number left the project."""
        number = self.find(phone_number)
        if number is None:
            return None, STATUS_NOT_FOUND
        schedule = scheduled(number)
        if schedule is None:
            return number, STATUS_APPLIED
        return number, (schedule.status or "PROVISIONING_STATUS_UNSPECIFIED").upper()

    def _wait(
        self, phone_number: str, timeout_s: float, operation: str, wanted: Callable[[Placement], bool]
    ) -> ActiveNumber:
        """Poll from the first-poll estimate (at most `POLL_FIRST_S`), backing off to `POLL_MAX_S`, until
        the applied configuration is `wanted`.

        Raises `ProvisioningError` when the provisioning fails, when a change nobody here asked for gets
        scheduled or applied meanwhile, or when the number leaves the project; `ProvisioningTimeout` at the
        deadline.
        """
        clock = self._clock
        deadline = clock.monotonic() + timeout_s
        interval = self._first_poll.seconds
        first = True
        while True:
            clock.sleep(max(0.0, min(interval, deadline - clock.monotonic())))
            number, status = self._status(phone_number)
            if first:
                self._first_poll.learn(status in (STATUS_APPLIED, STATUS_FAILED))
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
            if clock.monotonic() >= deadline:
                raise ProvisioningTimeout(f"{operation} timed out after {timeout_s:g} s (status still {status})")
            interval = min(max(interval * POLL_BACKOFF, POLL_FIRST_S), POLL_MAX_S)
