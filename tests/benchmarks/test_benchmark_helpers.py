"""The benchmark's own arithmetic: what counts as a request, the minimum each operation may make, and a
floor that loads nothing of the package (its provider process must measure the engine alone)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import stacks
from benchmarks.minimum import minimum
from benchmarks.probes import Requests, provider_blob_bytes


def test_requests_are_split_into_reads_writes_and_tokens() -> None:
    log = [
        {"method": "POST", "path": "/oauth2/token"},
        {"method": "GET", "path": "/v1/projects/p/trunks/t"},
        {"method": "PATCH", "path": "/v1/projects/p/activeNumbers/+15550100000"},
        {"method": "DELETE", "path": "/v1/projects/p/trunks/t"},
    ]
    assert Requests.of(log) == Requests(reads=1, writes=2, tokens=1)
    assert Requests.of(log).total == 4


def test_a_site_is_ten_resources_with_three_numbers() -> None:
    kinds = stacks.kinds(200)
    assert sum(kinds.values()) == 200 and kinds["PhoneNumberAssignment"] == stacks.numbers_needed(200) == 60
    with pytest.raises(ValueError, match="multiples of 10"):
        stacks.kinds(55)


@pytest.mark.parametrize(
    ("op", "expected"),
    [
        # A number: read before, write, read after; a trunk, list or endpoint: the ids there before its POST.
        ("up", Requests(reads=220, writes=200, tokens=1)),
        ("preview", Requests()),
        # one listing each of trunks, ACLs, credential lists and numbers; per trunk (20): endpoints and links
        ("refresh", Requests(reads=4 + 3 * 20, tokens=1)),
        ("destroy", Requests(reads=120, writes=200, tokens=1)),
    ],
)
def test_minimum_per_operation(op: str, expected: Requests) -> None:
    assert minimum(op, stacks.kinds(200)) == expected


def test_provider_blob_size_is_the_mean_over_dynamic_resources(tmp_path: Path) -> None:
    resources = [
        {"urn": "stack", "outputs": {}},
        {"urn": "a", "outputs": {"__provider": "x" * 8}},
        {"urn": "b", "outputs": {"__provider": "x" * 18}},
    ]
    saved = tmp_path / "dev.json"
    saved.write_text(json.dumps({"checkpoint": {"latest": {"resources": resources}}}))
    assert provider_blob_bytes(saved) == 15  # the JSON strings, quotes included: 10 and 20


def test_the_floor_imports_nothing_of_the_package() -> None:
    code = (
        "import sys, tests.harness.noop, benchmarks.stacks; "
        "print(sorted(m for m in sys.modules if m.startswith('pulumi_sinch_est')))"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
