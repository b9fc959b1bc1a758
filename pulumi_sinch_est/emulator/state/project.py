"""Everything one project owns, plus the cross-area questions the delete rules ask."""

from __future__ import annotations

from dataclasses import dataclass, field

from .access_control_lists import AccessControlList
from .active_numbers import ActiveNumber, VoiceConfig, advance
from .call_blocking_rules import CallBlockingRule
from .country_permissions import default_permissions
from .credential_lists import CredentialList
from .endpoints import Endpoint
from .trunks import Trunk


@dataclass
class ProjectState:
    project_id: str
    trunks: dict[str, Trunk] = field(default_factory=dict)
    endpoints: dict[str, Endpoint] = field(default_factory=dict)
    access_control_lists: dict[str, AccessControlList] = field(default_factory=dict)
    credential_lists: dict[str, CredentialList] = field(default_factory=dict)
    call_blocking_rules: dict[str, CallBlockingRule] = field(default_factory=dict)
    country_permissions: dict[str, bool] = field(default_factory=default_permissions)
    active_numbers: dict[str, ActiveNumber] = field(default_factory=dict)

    def credential_username_exists(self, username: str) -> bool:
        return any(username in c.usernames() for c in self.credential_lists.values())

    def numbers_using_trunk(self, trunk_id: str) -> list[str]:
        """Numbers assigned to the trunk, or with a provisioning towards it still under way."""
        return sorted(
            n.phone_number for n in self.active_numbers.values() if trunk_id in (n.voice.est_trunk, n.pending_trunk())
        )

    def detach_numbers_from_trunk(self, trunk_id: str, stamp: str) -> None:
        """Used by lenient deletes: the numbers drop off the trunk at once."""
        for number in self.active_numbers.values():
            if number.pending_trunk() == trunk_id:
                number.provisioning = None
            if number.voice.est_trunk == trunk_id:
                number.voice = VoiceConfig("EST", trunk_id="")
                number.voice_last_updated_time = stamp
                number.est = None

    def advance(self, now: float) -> bool:
        """Advance every pending voice provisioning up to `now`; True if any number changed."""
        changed = False
        for number in self.active_numbers.values():
            changed = advance(number, now) or changed
        return changed
