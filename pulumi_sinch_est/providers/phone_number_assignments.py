"""Provider for `PhoneNumberAssignments`: many rented numbers routed to one EST trunk by one resource.

Why a bulk resource: the dynamic-provider host runs at most four provider calls at once, and each number
assignment waits for Sinch's asynchronous provisioning, so a thousand `PhoneNumberAssignment` resources
cost about a thousand waits divided by four. This resource works through its numbers with its own bounded
concurrency (`concurrency`, default 16) inside one provider call.

API calls, per number, exactly those of `PhoneNumberAssignment` (Numbers API `GET` and `PATCH
/activeNumbers/{e164}`, then polling `GET` until the provisioning is applied or failed), with the same
rules: a number routed to another trunk, a Voice app or a Fax service is refused, not taken; one already
on the trunk is adopted with no write; delete unassigns a number only while it is on the trunk recorded
for it (or on its way there).

- create: every number as `PhoneNumberAssignment.create` would handle it. The id is generated
  (`numbers-<random>`): the resource is a set of numbers, not an API object.
- read: `GET` of every recorded number; one on another trunk shows as drift (the next `up` moves it back),
  one on no trunk is dropped (the next `up` assigns it again). A read that fails fails the refresh.
- update: removed numbers are unassigned, added ones assigned, recorded ones on another trunk (a new
  `trunk_id`, or drift) moved with one PATCH each, and the numbers that failed last time retried; numbers
  already in place are not touched. Replacement: none.
- delete: every recorded number unassigned while it is still on its trunk, and waited for.

Inputs and outputs. `check` turns the `phone_numbers` list into a mapping number -> trunk id, so the
preview's detailed diff shows one line per number added, removed or moved, however many there are. The
outputs hold the same mapping for the numbers this resource has assigned, each with the trunk it is on,
and `failed_numbers` (number -> reason) for the numbers the last operation could not handle.

Partial failure. A create or update that raises is not recorded by the engine: the numbers it had
assigned would be forgotten (a create) or their new trunk lost (an update). So per-number failures do
not raise: the call returns every number it did assign in `phone_numbers` and the failures in
`failed_numbers`, and the resource class fails the `up` naming each failed number. The next `up` sees
the failures as a change and retries those numbers. A number whose outcome is uncertain (a timeout, an
error after its PATCH was sent) stays recorded, so destroy still releases it if it landed here. Delete
does raise on failures: the engine then keeps the resource, and the retry skips numbers already released.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Annotated, Any

from pulumi.dynamic import CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult
from pydantic import AfterValidator, Field, StrictInt

from ..client import SinchClient, SinchError
from . import _context
from ._base import EstProvider, InputModel, ProviderError, contains_unknown
from ._fields import E164, ObjectId, WholeNumber, first_repeat
from .phone_number_assignment import (
    DEFAULT_TIMEOUT_S,
    ProvisioningError,
    ProvisioningTimeout,
    Timeout,
    applied,
    find_active_number,
    pending,
    settled_on,
    wait_voice_provisioned,
    wait_voice_released,
)

DEFAULT_CONCURRENCY = 16
MAX_CONCURRENCY = 16
"""The client's connection pool holds 16 connections: more threads would only queue for them."""
LISTED_FAILURES = 10
"""Failures named one by one in an error message; the rest are counted."""

Concurrency = Annotated[StrictInt, Field(ge=1, le=MAX_CONCURRENCY), WholeNumber]


def _unique(numbers: list[str]) -> list[str]:
    repeat = first_repeat(numbers)
    if repeat is not None:
        index, earlier = repeat
        raise ValueError(f"phone_numbers[{index}] repeats {numbers[index]} from phone_numbers[{earlier}]")
    return sorted(numbers)


class PhoneNumberAssignmentsInputs(InputModel):
    trunk_id: ObjectId
    phone_numbers: Annotated[list[E164], Field(strict=True), AfterValidator(_unique)]
    provisioning_timeout_seconds: Timeout = DEFAULT_TIMEOUT_S
    concurrency: Concurrency = DEFAULT_CONCURRENCY


@dataclass(frozen=True)
class Outcome:
    """What one number's step left behind: the trunk it is recorded on ("" = not recorded any more), its
    region when read, and why it failed (None when it did not)."""

    number: str
    trunk: str
    region: str | None = None
    error: str | None = None


def _assign(client: SinchClient, number: str, trunk_id: str, recorded: str, timeout_s: float) -> Outcome:
    """Put a number on the trunk as a create would: adopt it if it is there, refuse it if it is elsewhere.

    `recorded` is the trunk the number is recorded on already ("" for a new number): a number retried
    after an uncertain failure. Whatever cannot be settled keeps the number recorded.
    """
    operation = f"assigning {number} to trunk {trunk_id}"
    sent = False
    try:
        live = find_active_number(client, number)
        if live is None:
            return Outcome(number, "", error=f"{operation} failed: it is not rented in this Sinch project")
        if settled_on(live, trunk_id):
            return Outcome(number, trunk_id, live.region_code)
        on_way = pending(live)
        where = on_way if on_way is not None else applied(live)
        if where.target and where.est_trunk != trunk_id:
            state = "is being moved to" if on_way is not None else "is assigned to"
            return Outcome(
                number, "", error=f"{operation} failed: the number {state} {where}; it is not taken from there"
            )
        if where.est_trunk != trunk_id:
            sent = True
            client.active_numbers.assign_to_trunk(number, trunk_id)
        live = wait_voice_provisioned(client, number, trunk_id, timeout_s, operation=operation)
    except ProvisioningTimeout as exc:
        return Outcome(number, trunk_id, error=str(exc))  # still on its way here
    except ProvisioningError as exc:
        return Outcome(number, "", error=str(exc))  # FAILED (it stays where it was) or taken meanwhile
    except SinchError as exc:
        return Outcome(number, trunk_id if sent else recorded, error=str(exc))  # the PATCH may have been applied
    return Outcome(number, trunk_id, live.region_code)


def _move(client: SinchClient, number: str, old_trunk: str, trunk_id: str, timeout_s: float) -> Outcome:
    """Move a recorded number to another trunk in place (one PATCH, no unassignment in between)."""
    operation = f"moving {number} from trunk {old_trunk} to trunk {trunk_id}"
    try:
        client.active_numbers.assign_to_trunk(number, trunk_id)
        live = wait_voice_provisioned(client, number, trunk_id, timeout_s, operation=operation)
    except ProvisioningTimeout as exc:
        return Outcome(number, trunk_id, error=str(exc))
    except (ProvisioningError, SinchError) as exc:
        return Outcome(number, old_trunk, error=str(exc))  # a failed provisioning leaves it where it was
    return Outcome(number, trunk_id, live.region_code)


def _release(client: SinchClient, number: str, recorded: str, trunk_id: str, timeout_s: float) -> Outcome:
    """Unassign a recorded number if it is on its recorded trunk or the resource's trunk (an interrupted
    move may have left it on either), or on its way to one; leave it alone anywhere else."""
    ours = {recorded, trunk_id} - {""}
    operation = f"unassigning {number} from trunk {recorded}"
    try:
        live = find_active_number(client, number)
        if live is None:
            return Outcome(number, "")
        on_way, here = pending(live), applied(live).est_trunk
        if on_way is not None and on_way.est_trunk not in ours:
            if here in ours:  # someone else is moving it off: the trunk cannot go before that is done
                wait_voice_released(client, number, here, timeout_s, operation=operation)
            return Outcome(number, "")
        if here not in ours and on_way is None:
            return Outcome(number, "")  # moved elsewhere by hand, or already unassigned: not ours to change
        client.active_numbers.unassign_from_trunk(number)
        off = here if here in ours else on_way.est_trunk if on_way is not None else recorded
        wait_voice_released(client, number, off, timeout_s, operation=operation)
    except (ProvisioningError, SinchError) as exc:
        return Outcome(number, recorded, error=str(exc))
    return Outcome(number, "")


def _read(client: SinchClient, number: str) -> Outcome:
    """Where the number is applied now: a trunk, or "" when it is on none (or left the project)."""
    live = find_active_number(client, number, listed=True)
    if live is None:
        return Outcome(number, "")
    return Outcome(number, applied(live).est_trunk, live.region_code)


@dataclass(frozen=True)
class Step:
    """One number's work. `keep` is the trunk to record if `run` fails in a way nobody foresaw: when in
    doubt a number stays recorded, because destroy checks the live number before it changes anything."""

    number: str
    keep: str
    run: Callable[[], Outcome]


def _run_all(concurrency: int, steps: list[Step]) -> list[Outcome]:
    """Run the steps, at most `concurrency` at once; one number's failure never stops the others."""

    def guarded(step: Step) -> Outcome:
        try:
            return step.run()
        except Exception as exc:  # a bug or an unexpected error must not lose the numbers already done
            return Outcome(step.number, step.keep, error=f"{type(exc).__name__}: {exc}")

    if not steps:
        return []
    with ThreadPoolExecutor(max_workers=min(concurrency, len(steps)), thread_name_prefix="numbers") as pool:
        return list(pool.map(guarded, steps))


def summary(what: str, failures: Mapping[str, str]) -> str:
    """One line naming each failed number with its reason (the first `LISTED_FAILURES`)."""
    shown = [f"{number}: {failures[number]}" for number in sorted(failures)[:LISTED_FAILURES]]
    more = len(failures) - len(shown)
    tail = f"; and {more} more (see the failed_numbers output)" if more > 0 else ""
    return f"{what}: {len(failures)} number(s) failed: " + "; ".join(shown) + tail


def _outputs(
    inputs: Mapping[str, Any], recorded: Mapping[str, str], regions: Mapping[str, str], failures: Mapping[str, str]
) -> dict[str, Any]:
    numbers = {n: recorded[n] for n in sorted(recorded) if recorded[n]}
    return {
        "trunk_id": inputs["trunk_id"],
        "phone_numbers": numbers,
        "provisioning_timeout_seconds": inputs["provisioning_timeout_seconds"],
        "concurrency": inputs["concurrency"],
        "region_codes": {n: regions[n] for n in numbers if regions.get(n)},
        "failed_numbers": dict(sorted(failures.items())),
    }


def _apply(olds: Mapping[str, Any], outcomes: list[Outcome]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """The recorded numbers, regions and failures after `outcomes`, starting from the old outputs."""
    recorded = dict(olds.get("phone_numbers") or {})
    regions = dict(olds.get("region_codes") or {})
    failures: dict[str, str] = {}
    for outcome in outcomes:
        recorded[outcome.number] = outcome.trunk
        if outcome.region:
            regions[outcome.number] = outcome.region
        if outcome.error is not None:
            failures[outcome.number] = outcome.error
    return recorded, regions, failures


class PhoneNumberAssignmentsProvider(EstProvider):
    kind = "PhoneNumberAssignments"
    inputs_model = PhoneNumberAssignmentsInputs

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Validate, then key the numbers by number with the trunk as value (see the module docstring)."""
        result = super().check(olds, news)
        inputs = dict(result.inputs)
        numbers = inputs.get("phone_numbers")
        if not result.failures and isinstance(numbers, list) and not contains_unknown(numbers):
            inputs["phone_numbers"] = {n: inputs["trunk_id"] for n in numbers}
        return CheckResult(inputs, result.failures)

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        changed = [
            name
            for name in ("trunk_id", "phone_numbers", "provisioning_timeout_seconds", "concurrency")
            if contains_unknown(news.get(name)) or olds.get(name) != news.get(name)
        ]
        if olds.get("failed_numbers") and "phone_numbers" not in changed:
            changed.append("phone_numbers")  # retry what failed last time
        return DiffResult(changes=bool(changed), replaces=[], delete_before_replace=False)

    def create(self, props: dict[str, Any]) -> CreateResult:
        client = _context.client()
        trunk_id, timeout_s = props["trunk_id"], int(props["provisioning_timeout_seconds"])
        steps = [
            Step(n, trunk_id, partial(_assign, client, n, trunk_id, "", timeout_s)) for n in props["phone_numbers"]
        ]
        recorded, regions, failures = _apply({}, _run_all(int(props["concurrency"]), steps))
        outs = _outputs(props, recorded, regions, failures)
        return CreateResult(id_=f"numbers-{uuid.uuid4().hex[:16]}", outs=outs)

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        client = _context.client()
        recorded: dict[str, str] = props.get("phone_numbers") or {}
        concurrency = int(props.get("concurrency") or DEFAULT_CONCURRENCY)
        steps = [Step(n, t, partial(_read, client, n)) for n, t in recorded.items()]
        outcomes = _run_all(concurrency, steps)
        if any(o.error is not None for o in outcomes):  # unlike a write, a failed read can simply fail
            raise ProviderError(summary(f"reading the numbers of {self.kind} {id_}", _errors(outcomes)))
        now, regions, _ = _apply({}, outcomes)
        settings = {
            "trunk_id": props["trunk_id"],
            "provisioning_timeout_seconds": int(props.get("provisioning_timeout_seconds") or DEFAULT_TIMEOUT_S),
            "concurrency": concurrency,
        }
        outs = _outputs(settings, now, regions, props.get("failed_numbers") or {})
        return ReadResult(id_=id_, outs=outs, inputs=self.inputs_of(outs))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        client = _context.client()
        trunk_id, timeout_s = news["trunk_id"], int(news["provisioning_timeout_seconds"])
        recorded: dict[str, str] = {n: t for n, t in (olds.get("phone_numbers") or {}).items() if t}
        retry = set(olds.get("failed_numbers") or {})
        wanted = set(news["phone_numbers"])
        steps: list[Step] = []
        for number in sorted(wanted | set(recorded)):
            old = recorded.get(number, "")
            if number not in wanted:
                steps.append(Step(number, old, partial(_release, client, number, old, olds["trunk_id"], timeout_s)))
            elif old and old != trunk_id:
                steps.append(Step(number, old, partial(_move, client, number, old, trunk_id, timeout_s)))
            elif not old or number in retry:
                keep = old or trunk_id
                steps.append(Step(number, keep, partial(_assign, client, number, trunk_id, old, timeout_s)))
        recorded_after, regions, failures = _apply(olds, _run_all(int(news["concurrency"]), steps))
        return UpdateResult(outs=_outputs(news, recorded_after, regions, failures))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        client = _context.client()
        trunk_id = props["trunk_id"]
        timeout_s = int(props.get("provisioning_timeout_seconds") or DEFAULT_TIMEOUT_S)
        steps = [
            Step(n, t, partial(_release, client, n, t, trunk_id, timeout_s))
            for n, t in sorted((props.get("phone_numbers") or {}).items())
        ]
        failures = _errors(_run_all(int(props.get("concurrency") or DEFAULT_CONCURRENCY), steps))
        if failures:
            raise ProviderError(summary(f"unassigning the numbers of {self.kind} {id_}", failures))

    @classmethod
    def inputs_of(cls, outputs: Mapping[str, Any]) -> dict[str, Any]:
        """The refreshed inputs: the numbers keyed as `check` keys them, each with the trunk it is on."""
        return {
            "trunk_id": outputs["trunk_id"],
            "phone_numbers": dict(outputs["phone_numbers"]),
            "provisioning_timeout_seconds": outputs["provisioning_timeout_seconds"],
            "concurrency": outputs["concurrency"],
        }


def _errors(outcomes: list[Outcome]) -> dict[str, str]:
    return {o.number: o.error for o in outcomes if o.error is not None}
