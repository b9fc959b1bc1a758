"""CHANGELOG.md keeps the Keep a Changelog shape, and the version in pyproject.toml has its section (the
release workflow refuses to publish a version without one)."""

from __future__ import annotations

import re

from tests.distribution.metadata import VERSION
from tests.harness.engine import REPO_ROOT

CHANGELOG = REPO_ROOT / "CHANGELOG.md"
CATEGORIES = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
RELEASE = re.compile(r"\[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})")


def _headings(level: str) -> list[str]:
    return [line[len(level) + 1 :] for line in CHANGELOG.read_text().splitlines() if line.startswith(level + " ")]


def test_unreleased_comes_first_then_releases_newest_first() -> None:
    sections = _headings("##")
    assert sections[0] == "[Unreleased]"
    releases = [RELEASE.fullmatch(s) for s in sections[1:]]
    assert all(releases), f"not `[x.y.z] - YYYY-MM-DD`: {sections[1:]}"
    versions = [tuple(int(n) for n in m.group(1).split(".")) for m in releases if m]
    assert versions == sorted(versions, reverse=True)


def test_the_current_version_has_a_section() -> None:
    assert any(s.startswith(f"[{VERSION}] - ") for s in _headings("##"))


def test_changes_are_grouped_by_the_standard_categories() -> None:
    assert set(_headings("###")) <= CATEGORIES
