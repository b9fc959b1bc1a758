"""The two ends of the package's dependency ranges, as exact pins (name -> version).

`oldest()` is each runtime dependency's floor in pyproject.toml (its `>=`), so a floor is written once.
`newest()` is requirements-newest.txt: the newest releases inside the ranges, runtime dependencies and
the `emulator` extra, pinned so that a run is reproducible.
"""

from __future__ import annotations

from pathlib import Path

from packaging.requirements import Requirement

from tests.distribution.metadata import PROJECT

NEWEST = Path(__file__).with_name("requirements-newest.txt")
EXTRA = "emulator"


def runtime_requirements() -> list[Requirement]:
    return [Requirement(line) for line in PROJECT["dependencies"]]


def extra_requirements() -> list[Requirement]:
    return [Requirement(line) for line in PROJECT["optional-dependencies"][EXTRA]]


def floor(requirement: Requirement) -> str:
    """The version of the requirement's one `>=` clause; a requirement without one has no tested floor."""
    floors = [spec.version for spec in requirement.specifier if spec.operator == ">="]
    if len(floors) != 1:
        raise ValueError(f"{requirement} needs exactly one `>=` floor, not {len(floors)}")
    return floors[0]


def oldest() -> dict[str, str]:
    return {r.name: floor(r) for r in runtime_requirements()}


def newest() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in NEWEST.read_text().splitlines():
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        name, sep, version = text.partition("==")
        if not sep:
            raise ValueError(f"{NEWEST.name}: `{text}` is not an exact pin (name==version)")
        pins[name.strip()] = version.strip()
    return pins
