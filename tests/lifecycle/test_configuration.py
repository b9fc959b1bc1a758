"""Credentials reach the provider from stack config alone, never land in state in plaintext, and are
never sent to a URL from another layer.

The provider host hands the stack's config to `configure()`; this proves it with the real engine by
running with no `SINCH_*` variable in the environment at all.
"""

from __future__ import annotations

import httpx
import pulumi
import pytest

from pulumi_sinch_est import Trunk
from pulumi_sinch_est.emulator.config import EmulatorConfig
from pulumi_sinch_est.emulator.server import EmulatorServer

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


def test_a_stray_url_in_the_environment_never_receives_stack_credentials(sinch: Sinch) -> None:
    """The shell still has `eval $(sinch-est-emulator)`'s SINCH_EST_URL of a second emulator; the stack's
    config holds the key. The update fails naming both places and the second emulator hears nothing."""
    env = {k: sinch.engine.env.pop(k) for k in list(sinch.engine.env) if k.startswith("SINCH_")}
    config = {
        "sinch:projectId": env["SINCH_PROJECT_ID"],
        "sinch:keyId": env["SINCH_KEY_ID"],
        "sinch:keySecret": env["SINCH_KEY_SECRET"],
        "sinch:authUrl": env["SINCH_AUTH_URL"],
    }
    with EmulatorServer(EmulatorConfig(port=0)) as stray:
        sinch.engine.env["SINCH_EST_URL"] = stray.url

        def program() -> None:
            Trunk("main", name="Stray URL", host_name="stray-url")

        stack = sinch.stack(program, config=config, secrets={"sinch:keySecret"})
        with pytest.raises(pulumi.automation.errors.CommandError) as failure:
            stack.up()
        heard = httpx.get(f"{stray.url}/_emulator/requests").json()
        del sinch.engine.env["SINCH_EST_URL"]

    message = " ".join(str(failure.value).split())
    assert "stack config `sinch:keyId`" in message and "environment variable SINCH_EST_URL" in message
    assert (heard["requests"] if isinstance(heard, dict) else heard) == []
    assert sinch.writes() == [] and sinch.leftovers()["trunks"] == []
