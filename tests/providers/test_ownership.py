"""The one ownership rule (`providers/_ownership.py`) on its own: which match a create whose outcome is
unknown may adopt, given what existed before it began."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pulumi_sinch_est.client import AmbiguousMatchError, CallBlockingRule
from pulumi_sinch_est.providers._ownership import CreatedBefore, IdsBefore, adopted

START = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def rule(rule_id: str | None, minutes: int | None = None) -> CallBlockingRule:
    created = None if minutes is None else START + timedelta(minutes=minutes)
    return CallBlockingRule(id=rule_id, name="no-premium", direction="outbound", create_time=created)


def test_the_one_match_not_seen_before_is_adopted() -> None:
    before = IdsBefore.read(lambda: [rule("THEIRS", -60)])
    ours = rule("OURS", 1)
    assert adopted([rule("THEIRS", -60), ours], before, "finding") == ours


def test_only_older_matches_mean_the_create_made_nothing() -> None:
    before = IdsBefore.read(lambda: [rule("THEIRS", -60)])
    assert adopted([rule("THEIRS", -60)], before, "finding") is None


def test_an_object_a_paged_read_skipped_still_counts_as_older() -> None:
    # A page boundary shifted by a concurrent delete hid THEIRS from the read; it was created before NEWEST,
    # which the read saw, so it existed before the POST.
    before = IdsBefore.read(lambda: [rule("NEWEST", -1)])
    assert adopted([rule("THEIRS", -30)], before, "finding") is None
    assert adopted([rule("THEIRS", -30), rule("OURS", 1)], before, "finding") == rule("OURS", 1)


@pytest.mark.parametrize(
    "matches",
    [[rule("A", 1), rule("B", 2)], [rule(None, 1)]],
    ids=["two-new", "no-id"],
)
def test_what_cannot_be_decided_names_every_match(matches: list[CallBlockingRule]) -> None:
    before = IdsBefore.read(lambda: [rule("THEIRS", -60)])
    with pytest.raises(AmbiguousMatchError) as caught:
        adopted([rule("THEIRS", -60), *matches], before, "finding X")
    assert "THEIRS (created 2026-11-30T08:00:00+00:00, there before this create began)" in str(caught.value)
    assert len(caught.value.ids) == len(matches) + 1


def test_recovery_evidence_is_the_create_time_against_since() -> None:
    before = CreatedBefore(START)
    assert adopted([rule("THEIRS", -60), rule("OURS", 1)], before, "finding") == rule("OURS", 1)
    assert adopted([rule("THEIRS", -60)], before, "finding") is None
    for unknown in (CreatedBefore(None), before):
        with pytest.raises(AmbiguousMatchError, match="age unknown"):
            adopted([rule("OURS", None if unknown is before else 1)], unknown, "finding")
