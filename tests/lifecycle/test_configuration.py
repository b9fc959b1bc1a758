"""Credentials reach the provider from stack config alone, and never land in state in plaintext.

The provider host hands the stack's config to `configure()`; this proves it with the real engine by
running with no `SINCH_*` variable in the environment at all.
"""

from __future__ import annotations

import pulumi
import pytest

from pulumi_sinch_est import Trunk

from .conftest import Sinch

pytestmark = pytest.mark.engine


def test_stack_config_reaches_the_provider(sinch: Sinch) -> None:
    env = {k: sinch.engine.env.pop(k) for k in list(sinch.engine.env) if k.startswith("SINCH_")}
    config = {
        "sinch:projectId": env["SINCH_PROJECT_ID"],
        "sinch:keyId": env["SINCH_KEY_ID"],
        "sinch:keySecret": env["SINCH_KEY_SECRET"],
        "sinch:estUrl": env["SINCH_EST_URL"],
        "sinch:numbersUrl": env["SINCH_NUMBERS_URL"],
        "sinch:authUrl": env["SINCH_AUTH_URL"],
    }

    def program() -> None:
        pulumi.export("id", Trunk("main", name="From config", host_name="from-config").id)

    stack = sinch.stack(program, config=config, secrets={"sinch:keySecret"})
    trunk_id = stack.up().outputs["id"].value
    assert sinch.api.get(f"/trunks/{trunk_id}").json()["hostName"] == "from-config"

    stack.refresh(expect_no_changes=True)
    stored = sinch.engine.stored_text()
    assert "sinch:keySecret" in stored and env["SINCH_KEY_SECRET"] not in stored


def test_missing_credentials_fail_with_where_to_set_them(sinch: Sinch) -> None:
    for key in [k for k in sinch.engine.env if k.startswith("SINCH_")]:
        del sinch.engine.env[key]

    def program() -> None:
        Trunk("main", name="No credentials", host_name="no-credentials")

    stack = sinch.stack(program)
    with pytest.raises(pulumi.automation.errors.CommandError) as failure:
        stack.up()
    message = str(failure.value)
    assert "sinch:projectId" in message and "SINCH_PROJECT_ID" in message
    assert sinch.leftovers()["trunks"] == []
