"""Ids go into URL paths: `check` refuses any id or `import_id` that is not made of id characters, so
nothing like `../endpoints` or `T1/x` can turn a request into one for another object."""

from __future__ import annotations

import pytest
from pulumi.dynamic import ResourceProvider

from pulumi_sinch_est.providers.acl import AclProvider
from pulumi_sinch_est.providers.acl_attachment import AclAttachmentProvider
from pulumi_sinch_est.providers.call_blocking_rule import CallBlockingRuleProvider
from pulumi_sinch_est.providers.credential_list import CredentialListProvider
from pulumi_sinch_est.providers.endpoint import EndpointProvider
from pulumi_sinch_est.providers.phone_number_assignment import PhoneNumberAssignmentProvider
from pulumi_sinch_est.providers.trunk import TrunkProvider

BAD_IDS = ["..", "../endpoints", "T1/../x", "01HA2E80QCBX185VVP21PJG9CT/..", ".", "a b", "%2e%2e", "-x", "x" * 129]
GOOD_IDS = ["01HA2E80QCBX185VVP21PJG9CT", "01W4FFL35P4NC4K35CREDENTIAL1", "3acb7ae1-cf3d-4112-ba5e-3a9d8c71cd47"]


def _failure(provider: ResourceProvider, inputs: dict[str, object], field: str) -> str | None:
    failures = provider.check({}, inputs).failures or []
    return next((f.reason for f in failures if f.property == field), None)


@pytest.mark.parametrize(
    "provider",
    [
        TrunkProvider(),
        AclProvider(),
        CallBlockingRuleProvider(),
        EndpointProvider(),
        CredentialListProvider(),
    ],
    ids=lambda p: type(p).__name__,
)
@pytest.mark.parametrize("bad", BAD_IDS)
def test_an_import_id_that_is_not_an_id_fails_check(provider: ResourceProvider, bad: str) -> None:
    reason = _failure(provider, {"import_id": bad}, "import_id")

    assert reason is not None and "expected a Sinch object id" in reason


@pytest.mark.parametrize("good", GOOD_IDS)
def test_id_shaped_import_ids_pass(good: str) -> None:
    assert _failure(TrunkProvider(), {"import_id": good}, "import_id") is None


@pytest.mark.parametrize(
    ("provider", "field"),
    [
        (EndpointProvider(), "trunk_id"),
        (AclAttachmentProvider(), "trunk_id"),
        (AclAttachmentProvider(), "acl_id"),
        (PhoneNumberAssignmentProvider(), "trunk_id"),
    ],
    ids=lambda x: x if isinstance(x, str) else type(x).__name__,
)
@pytest.mark.parametrize("bad", ["../endpoints", "T1/.."])
def test_an_object_id_input_that_is_not_an_id_fails_check(provider: ResourceProvider, field: str, bad: str) -> None:
    reason = _failure(provider, {field: bad}, field)

    assert reason is not None and "expected a Sinch object id" in reason
