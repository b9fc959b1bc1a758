"""The harness itself: the real CLI runs a dynamic resource from the suite's harness (outside the
installed package: the provider process finds it through the `PYTHONPATH` the engine sets) through
up -> preview -> refresh -> destroy, and reports the operations we expect at each step."""

from __future__ import annotations

import json

import pulumi
import pytest
from pulumi import automation as auto

from tests.conftest import state_resources
from tests.harness.engine import Engine, Operations
from tests.harness.noop import Noop

pytestmark = pytest.mark.engine


def _program(label: str) -> None:
    first = Noop("first", label=label)
    Noop("second", label=f"after {label}", opts=pulumi.ResourceOptions(depends_on=[first]))


def test_noop_basic_lifecycle(engine: Engine) -> None:
    stack = engine.stack(lambda: _program("one"), project="harness")

    ops = Operations()
    stack.up(on_event=ops)
    assert ops.of("first") == {"create"} and ops.of("second") == {"create"}

    ops = Operations()
    stack.preview(on_event=ops, expect_no_changes=True)
    assert ops.changed() == {}
    assert ops.of("first") == {"same"}

    stack.refresh(expect_no_changes=True)

    resources = state_resources(stack)
    types = sorted(r["type"] for r in resources if r["type"].startswith("pulumi-python"))
    assert types == ["pulumi-python:dynamic/testing:Noop"] * 2
    # NoopProvider opts out of always-secret serialisation: its pickle is a small by-reference blob.
    providers = [r["inputs"]["__provider"] for r in resources if "__provider" in r.get("inputs", {})]
    assert providers and all(isinstance(p, str) and len(p) < 400 for p in providers)

    ops = Operations()
    stack.destroy(on_event=ops)
    assert ops.of("first") == {"delete"} and ops.of("second") == {"delete"}
    left = state_resources(stack)
    assert json.dumps([r for r in left if r["type"] != "pulumi:pulumi:Stack"]) == "[]"


def test_in_place_update_is_reported_as_update(engine: Engine) -> None:
    stack = engine.stack(lambda: _program("one"), project="harness")
    stack.up()

    ops = Operations()
    stack.up(program=lambda: _program("two"), on_event=ops)
    assert ops.of("first") == {"update"}
    assert ops.of("second") == {"update"}
    stack.destroy()


def _exporting(label: str) -> None:
    Noop("first", label=label)
    pulumi.export("label", label)


def test_results_read_their_outputs_and_summary_when_first_used(engine: Engine) -> None:
    stack = engine.stack(lambda: _exporting("one"), project="harness")
    first = stack.up()
    assert first.outputs["label"].value == "one"
    assert first.summary.result == "succeeded" and first.summary.kind == "update"
    assert (first.summary.resource_changes or {}).get(auto.OpType.CREATE) == 2

    second = stack.up(program=lambda: _exporting("two"))
    refreshed = stack.refresh()
    with pytest.raises(AssertionError, match="after a later operation"):
        second.outputs["label"]
    assert refreshed.summary.kind == "refresh"
    assert stack.outputs()["label"].value == "two"
    stack.destroy()


def test_stacks_keep_their_secrets_with_the_stand_in_vault(engine: Engine) -> None:
    stack = engine.stack(
        lambda: None, project="harness", config={"harness:token": "s3cret-value"}, secrets=["harness:token"]
    )
    settings = (engine.root / "work" / "harness" / "Pulumi.dev.yaml").read_text()
    assert "secretsprovider: hashivault://pulumi" in settings and "encryptedkey:" in settings
    assert "s3cret-value" not in settings
    value = stack.get_config("harness:token")
    assert (value.value, value.secret) == ("s3cret-value", True)
