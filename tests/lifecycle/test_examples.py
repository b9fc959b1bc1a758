"""Every example project goes up, previews clean and comes down in one destroy, against the emulator,
run exactly as `pulumi up` in its folder runs it (its Pulumi.yaml and Pulumi.dev.yaml apply)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Sinch

pytestmark = pytest.mark.engine

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PASSWORD = "Examp1e-Secret-Passw0rd"
SECRETS = {
    "inbound-registered": {"est-inbound-registered:sipPassword": PASSWORD},
    "outbound-credentials": {"est-outbound-credentials:sipPassword": PASSWORD},
}


WORKFLOWS = ["outbound-acl", "inbound-static", "bidirectional", "inbound-registered", "outbound-credentials"]
"""Sinch's workflows A to E, in that order."""
TESTED_ELSEWHERE = ["sip-trunking"]
"""Examples with a test file of their own, which checks what they declare in more detail."""


def test_every_example_is_tested() -> None:
    projects = sorted(p.name for p in EXAMPLES.iterdir() if (p / "Pulumi.yaml").exists())
    assert projects == sorted(WORKFLOWS + TESTED_ELSEWHERE)


@pytest.mark.parametrize("example", WORKFLOWS)
def test_example_up_preview_destroy(sinch: Sinch, example: str) -> None:
    stack = sinch.example_stack(EXAMPLES / example, SECRETS.get(example))
    outputs = stack.up().outputs
    assert outputs["sip_domain"].value.endswith(".pstn.sinch.com")
    assert any(sinch.leftovers().values())
    stack.preview(expect_no_changes=True)
    stack.destroy()
    assert sinch.leftovers() == {k: [] for k in sinch.leftovers()}
    assert PASSWORD not in sinch.engine.stored_text()
