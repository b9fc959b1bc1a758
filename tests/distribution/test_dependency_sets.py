"""The pins the dependency smoke runs with are the ends of pyproject.toml's ranges, and each range ends
below the next major version."""

from __future__ import annotations

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from tests.distribution.dependency_sets import extra_requirements, floor, newest, oldest, runtime_requirements


def test_the_oldest_set_is_the_floor_of_each_runtime_dependency() -> None:
    pins = oldest()
    assert sorted(pins) == ["httpx", "pulumi", "pydantic"]
    for requirement in runtime_requirements():
        assert requirement.specifier.contains(pins[requirement.name])


def test_the_newest_set_pins_every_dependency_inside_its_range() -> None:
    pins = newest()
    requirements = runtime_requirements() + extra_requirements()
    assert sorted(pins) == sorted(r.name for r in requirements)
    for requirement in requirements:
        assert requirement.specifier.contains(pins[requirement.name]), f"{pins[requirement.name]} outside {requirement}"


def test_every_range_ends_at_the_next_major_version() -> None:
    pins = newest()
    for requirement in runtime_requirements() + extra_requirements():
        ceilings = [Version(s.version) for s in requirement.specifier if s.operator == "<"]
        next_major = Version(str(Version(pins[requirement.name]).major + 1))
        assert ceilings == [next_major], f"{requirement}: one `<` bound, at {next_major}"


def test_a_requirement_without_a_floor_is_refused() -> None:
    with pytest.raises(ValueError, match="exactly one `>=` floor"):
        floor(Requirement("pulumi<4"))
