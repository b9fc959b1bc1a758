"""What a provider process imports before its first call, and that lazy exports still export everything.

The dynamic-provider host unpickles a provider by reference, importing its module and so the package;
whatever those imports pull in is paid by every provider process before it answers anything.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import pulumi_sinch_est
import pulumi_sinch_est.client

PROVIDER_MODULES = [
    "pulumi_sinch_est.providers.trunk",
    "pulumi_sinch_est.providers.acl",
    "pulumi_sinch_est.providers.acl_attachment",
    "pulumi_sinch_est.providers.credential_list",
    "pulumi_sinch_est.providers.credential_list_attachment",
    "pulumi_sinch_est.providers.endpoint",
    "pulumi_sinch_est.providers.phone_number_assignment",
    "pulumi_sinch_est.providers.phone_number_assignments",
    "pulumi_sinch_est.providers.country_permission",
    "pulumi_sinch_est.providers.call_blocking_rule",
]
NOT_BEFORE_THE_FIRST_REQUEST = [
    "httpx",
    "pulumi_sinch_est.client.requester",
    "pulumi_sinch_est.components",
    "pulumi_sinch_est.resources",
]


PROBE = """
import json, sys
for module in sys.argv[1:]:
    __import__(module)
from pulumi_sinch_est.client import models
built = [n for n, m in vars(models).items() if getattr(m, "__pydantic_complete__", False)]
print(json.dumps({"loaded": sorted(sys.modules), "built": built}))
"""


def test_provider_modules_load_no_http_client_resources_components_or_model_validators() -> None:
    """One fresh interpreter imports every provider module (what a provider process may do): none of it
    pulls in httpx, the request machinery, resources or components, nor builds a wire model's validator."""
    run = subprocess.run([sys.executable, "-c", PROBE, *PROVIDER_MODULES], check=True, capture_output=True, text=True)
    seen = json.loads(run.stdout)
    assert set(PROVIDER_MODULES) <= set(seen["loaded"])
    assert [name for name in NOT_BEFORE_THE_FIRST_REQUEST if name in seen["loaded"]] == []
    assert seen["built"] == []


def test_the_client_leaves_httpx_s_command_line_unloaded() -> None:
    """httpx imports its command-line client (click, rich, pygments) whenever they are installed; the
    client's first request must not pay for that. Those packages are in this suite's environment (the
    emulator extra brings click, the release tools rich), so the probe would see them here."""
    code = (
        "import json, sys\nfrom pulumi_sinch_est.client import transport\n"
        "print(json.dumps([name for name, module in sys.modules.items() if module]))"
    )
    run = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    loaded = set(json.loads(run.stdout))
    assert "httpx" in loaded
    assert sorted(loaded & {"httpx._main", "click", "rich", "pygments"}) == []


@pytest.mark.parametrize("package", [pulumi_sinch_est, pulumi_sinch_est.client])
def test_every_exported_name_resolves(package: object) -> None:
    names: list[str] = package.__all__  # type: ignore[attr-defined]
    for name in names:
        assert getattr(package, name) is not None, name
    assert set(names) <= set(dir(package))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Nope'"):
        _ = pulumi_sinch_est.Nope
