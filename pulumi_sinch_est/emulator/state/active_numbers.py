"""Numbers API `activeNumbers`: rented numbers and their asynchronous voice provisioning (est-api §7.1).

A PATCH of `voiceConfiguration` does not change the number at once: the request is parked under
`scheduledVoiceProvisioning` and walks the state machine below as time passes (evaluated lazily on every
access, so no background thread is needed and a restart resumes where it was).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from ..errors import AlreadyExists, InvalidArgument, NotFound
from .country_permissions import region_for_number
from .fields import FieldReader, is_e164
from .ids import format_time, new_id

if TYPE_CHECKING:
    from .backend import Backend
    from .project import ProjectState

APPLIED: Final = "APPLIED"
"""Pseudo-status: the requested configuration moved to the top level, the schedule is cleared."""
FAILED: Final = "FAILED"

PROVISIONING_TRANSITIONS: Final[dict[str, tuple[str, float]]] = {
    # status: (next status, reached at this fraction of the provisioning delay after the PATCH)
    "WAITING": ("IN_PROGRESS", 0.5),
    "IN_PROGRESS": (APPLIED, 1.0),
}
"""The provisioning state machine. A number armed to fail reaches FAILED instead of APPLIED;
FAILED is terminal (it stays visible until the next PATCH)."""

VOICE_TYPES: Final = {"RTC": "appId", "EST": "trunkId", "FAX": "serviceId"}


@dataclass
class VoiceConfig:
    type: str = "RTC"
    app_id: str = ""
    trunk_id: str = ""
    service_id: str = ""

    @property
    def est_trunk(self) -> str:
        """The trunk this configuration puts the number on ("" when not an EST assignment)."""
        return self.trunk_id if self.type == "EST" else ""

    def wire(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "appId": self.app_id,
            "trunkId": self.trunk_id,
            "serviceId": self.service_id,
        }


@dataclass
class VoiceProvisioning:
    target: VoiceConfig
    status: str
    requested_at: float
    delay_s: float
    fails: bool
    last_updated_time: str

    def wire(self) -> dict[str, Any]:
        return {**self.target.wire(), "status": self.status, "lastUpdatedTime": self.last_updated_time}


@dataclass
class EstAssignment:
    """The EST view (`/phoneNumbers`) of a number whose applied configuration is an EST trunk."""

    id: str
    trunk_id: str
    create_time: str
    update_time: str | None = None


@dataclass
class ActiveNumber:
    phone_number: str
    project_id: str
    region_code: str
    rented_at: str
    number_type: str = "LOCAL"
    capability: list[str] = field(default_factory=lambda: ["SMS", "VOICE"])
    display_name: str = ""
    callback_url: str = ""
    sms_service_plan_id: str = ""
    sms_campaign_id: str = ""
    voice: VoiceConfig = field(default_factory=VoiceConfig)
    voice_last_updated_time: str | None = None
    provisioning: VoiceProvisioning | None = None
    fail_next_provisioning: bool = False
    est: EstAssignment | None = None

    def pending_trunk(self) -> str:
        """The EST trunk a not-yet-finished provisioning targets ("" if none)."""
        p = self.provisioning
        return p.target.est_trunk if p is not None and p.status != FAILED else ""

    def wire(self, expire_at: str | None = None) -> dict[str, Any]:
        return {
            "phoneNumber": self.phone_number,
            "projectId": self.project_id,
            "displayName": self.display_name,
            "regionCode": self.region_code,
            "type": self.number_type,
            "capability": list(self.capability),
            "money": {"currencyCode": "USD", "amount": "1.00"},
            "paymentIntervalMonths": 1,
            "nextChargeDate": self.rented_at,
            "expireAt": expire_at,
            "smsConfiguration": {
                "servicePlanId": self.sms_service_plan_id,
                "scheduledProvisioning": None,
                "campaignId": self.sms_campaign_id,
            },
            "voiceConfiguration": {
                **self.voice.wire(),
                "lastUpdatedTime": self.voice_last_updated_time,
                "scheduledVoiceProvisioning": None if self.provisioning is None else self.provisioning.wire(),
            },
            "callbackUrl": self.callback_url,
        }


def advance(number: ActiveNumber, now: float) -> bool:
    """Move the number's provisioning along the state machine up to `now`; True if anything changed."""
    changed = False
    while (p := number.provisioning) is not None and p.status in PROVISIONING_TRANSITIONS:
        next_status, fraction = PROVISIONING_TRANSITIONS[p.status]
        reached_at = p.requested_at + fraction * p.delay_s
        if now < reached_at:
            break
        changed = True
        if next_status == APPLIED and p.fails:
            next_status = FAILED
        if next_status == APPLIED:
            _apply(number, p.target, format_time(reached_at))
        else:
            p.status = next_status
            p.last_updated_time = format_time(reached_at)
    return changed


def _apply(number: ActiveNumber, target: VoiceConfig, stamp: str) -> None:
    old_trunk, new_trunk = number.voice.est_trunk, target.est_trunk
    number.voice = target
    number.voice_last_updated_time = stamp
    number.provisioning = None
    if not new_trunk:
        number.est = None
    elif number.est is not None and old_trunk:
        if number.est.trunk_id != new_trunk:
            number.est.trunk_id = new_trunk
            number.est.update_time = stamp
    else:
        number.est = EstAssignment(new_id(), new_trunk, stamp)


def valid_number(phone_number: str) -> str:
    """The number from a path; a leading space (a decoded raw `+`) is read as `+`."""
    if phone_number.startswith(" "):
        phone_number = "+" + phone_number[1:]
    if not is_e164(phone_number):
        raise InvalidArgument(f"phoneNumber must be an E.164 number like +15551234567 (got {phone_number!r})")
    return phone_number


def find_number(project: ProjectState, phone_number: str) -> ActiveNumber:
    number = project.active_numbers.get(valid_number(phone_number))
    if number is None:
        raise NotFound(f"phone number {phone_number} is not an active number of project {project.project_id}")
    return number


def _read_voice(reader: FieldReader) -> VoiceConfig | None:
    voice = reader.raw("voiceConfiguration")
    if voice is None:
        return None
    sub = reader.nested("voiceConfiguration", voice)
    kind = sub.choice("type", VOICE_TYPES, required=True)
    if kind is None:
        return None
    value = sub.text(VOICE_TYPES[kind]) or ""
    if kind == "EST":
        return VoiceConfig("EST", trunk_id=value)
    if kind == "FAX":
        return VoiceConfig("FAX", service_id=value)
    return VoiceConfig("RTC", app_id=value)


class ActiveNumbers:
    """Numbers API: list, get, PATCH (asynchronous voice provisioning), release; plus renting for tests."""

    def __init__(self, backend: Backend) -> None:
        self._backend = backend

    def list_all(
        self,
        project_id: str,
        *,
        region_code: str | None = None,
        number_type: str | None = None,
        pattern: str | None = None,
        search_pattern: str | None = None,
        capability: str | None = None,
        order_by: str | None = None,
    ) -> list[dict[str, Any]]:
        with self._backend.reading(project_id) as project:
            numbers = list(project.active_numbers.values())
        if region_code:
            numbers = [n for n in numbers if n.region_code == region_code.upper()]
        if number_type:
            numbers = [n for n in numbers if n.number_type == number_type.upper()]
        if capability:
            numbers = [n for n in numbers if capability.upper() in n.capability]
        if pattern:
            pattern = "+" + pattern[1:] if pattern.startswith(" ") else pattern
            mode = (search_pattern or "START").upper()
            if mode not in ("START", "CONTAINS", "END"):
                raise InvalidArgument("numberPattern.searchPattern must be START, CONTAINS or END")
            test = {"START": str.startswith, "END": str.endswith, "CONTAINS": str.__contains__}[mode]
            numbers = [n for n in numbers if test(n.phone_number, pattern) or test(n.phone_number.lstrip("+"), pattern)]
        if order_by not in (None, "", "phoneNumber", "displayName"):
            raise InvalidArgument("orderBy must be phoneNumber or displayName")
        numbers.sort(
            key=(lambda n: (n.display_name, n.phone_number))
            if order_by == "displayName"
            else (lambda n: n.phone_number)
        )
        return [n.wire() for n in numbers]

    def get(self, project_id: str, phone_number: str) -> dict[str, Any]:
        with self._backend.reading(project_id) as project:
            return find_number(project, phone_number).wire()

    def update(self, project_id: str, phone_number: str, body: object) -> dict[str, Any]:
        with self._backend.writing(project_id) as project:
            number = find_number(project, phone_number)
            reader = FieldReader(body)
            display_name = reader.text("displayName")
            callback_url = reader.text("callbackUrl")
            sms = reader.raw("smsConfiguration")
            sms_reader = reader.nested("smsConfiguration", sms) if sms is not None else None
            plan = sms_reader.text("servicePlanId") if sms_reader else None
            campaign = sms_reader.text("campaignId") if sms_reader else None
            voice = _read_voice(reader)
            reader.check()
            if voice is not None and voice.est_trunk and voice.est_trunk not in project.trunks:
                raise NotFound(f"SIP trunk {voice.est_trunk} not found")
            if display_name is not None:
                number.display_name = display_name
            if callback_url is not None:
                number.callback_url = callback_url
            if plan is not None:
                number.sms_service_plan_id = plan
            if campaign is not None:
                number.sms_campaign_id = campaign
            if voice is not None:
                now = self._backend.now()
                number.provisioning = VoiceProvisioning(
                    target=voice,
                    status="WAITING",
                    requested_at=now.epoch,
                    delay_s=self._backend.settings.provisioning_delay_s,
                    fails=number.fail_next_provisioning,
                    last_updated_time=now.text,
                )
                number.fail_next_provisioning = False
            return number.wire()

    def release(self, project_id: str, phone_number: str) -> dict[str, Any]:
        """End the rental: the number leaves the project (and any trunk) at once."""
        with self._backend.writing(project_id) as project:
            number = find_number(project, phone_number)
            del project.active_numbers[number.phone_number]
            number.est = None
            number.provisioning = None
            return number.wire(expire_at=self._backend.now().text)

    # Control plane -------------------------------------------------------------------------------------

    def rent(
        self, project_id: str, phone_number: str, region_code: str | None = None, number_type: str = "LOCAL"
    ) -> dict[str, Any]:
        phone_number = valid_number(phone_number)
        with self._backend.writing(project_id) as project:
            if self._backend.number_owner(phone_number) is not None:
                raise AlreadyExists(f"phone number {phone_number} is already rented")
            number = ActiveNumber(
                phone_number,
                project_id,
                (region_code or region_for_number(phone_number)).upper(),
                self._backend.now().text,
                number_type=number_type.upper(),
            )
            project.active_numbers[phone_number] = number
            return number.wire()

    def fail_next_provisioning(self, project_id: str, phone_number: str) -> None:
        with self._backend.writing(project_id) as project:
            find_number(project, phone_number).fail_next_provisioning = True
