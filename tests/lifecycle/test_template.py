"""The Pulumi template (`templates/sinch-est-python`) makes a project that works, created the way a user
creates it and run against the emulator through the real engine.

The project is created by the pinned CLI itself: `pulumi new <template folder> --generate-only`, which
substitutes the project name and description and drops the `template:` block. The pinned CLI has no
Python language plugin (it cannot be built here, see the README), and `pulumi new` loads it after
writing the files, so that one error is expected and nothing else is. `--generate-only` creates no stack,
so the test then answers the template's prompts the way `pulumi new` stores them: as stack config, the
key secret encrypted. The emulator's URLs go into the same stack config and every `SINCH_*` variable is
removed from the engine's environment, so the project runs on its stack config alone, as a user's does.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from pulumi import automation as auto

from .conftest import Sinch

pytestmark = pytest.mark.engine

TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "sinch-est-python"
MISSING_LANGUAGE_PLUGIN = "no language plugin 'pulumi-language-python' found"
PROMPTS = {"sinch:projectId", "sinch:keyId", "sinch:keySecret", "pbxAddress", "phoneNumbers"}


def _template() -> dict[str, Any]:
    settings: dict[str, Any] = yaml.safe_load((TEMPLATE / "Pulumi.yaml").read_text())["template"]
    return settings


def test_template_prompts_for_the_credentials_pbx_and_numbers() -> None:
    prompts = _template()["config"]
    assert set(prompts) == PROMPTS
    assert prompts["sinch:keySecret"].get("secret") is True
    assert all(prompts[key].get("description") for key in prompts)


def _pulumi_new(sinch: Sinch, target: Path) -> None:
    result = subprocess.run(
        [
            str(sinch.engine.cli_root / "bin" / "pulumi"),
            "new",
            str(TEMPLATE),
            "--generate-only",
            "--yes",
            "--name",
            "acme-voice",
            "--description",
            "Acme's trunk",
            "--dir",
            str(target),
        ],
        env={**sinch.engine.environment(), "PULUMI_HOME": str(sinch.engine.root / "home"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        assert MISSING_LANGUAGE_PLUGIN in result.stderr, result.stderr
    assert "Created project 'acme-voice'" in result.stdout, result.stdout + result.stderr


def test_pulumi_new_project_goes_up_against_the_emulator(sinch: Sinch) -> None:
    target = sinch.engine.root / "acme-voice"
    _pulumi_new(sinch, target)
    project = yaml.safe_load((target / "Pulumi.yaml").read_text())
    assert (project["name"], project["description"]) == ("acme-voice", "Acme's trunk")
    assert "template" not in project
    assert sorted(p.name for p in target.iterdir()) == ["Pulumi.yaml", "__main__.py", "requirements.txt"]

    emulator = {k: sinch.engine.env.pop(k) for k in list(sinch.engine.env) if k.startswith("SINCH_")}
    stack = sinch.engine.project_stack(target, "dev")
    sinch.stacks.append(stack)
    defaults = {key: str(prompt["default"]) for key, prompt in _template()["config"].items() if "default" in prompt}
    answers = {
        "sinch:projectId": emulator["SINCH_PROJECT_ID"],
        "sinch:keyId": emulator["SINCH_KEY_ID"],
        "acme-voice:pbxAddress": defaults["pbxAddress"],
        "acme-voice:phoneNumbers": defaults["phoneNumbers"],
        "sinch:estUrl": emulator["SINCH_EST_URL"],
        "sinch:numbersUrl": emulator["SINCH_NUMBERS_URL"],
        "sinch:authUrl": emulator["SINCH_AUTH_URL"],
    }
    stack.set_all_config({key: auto.ConfigValue(value) for key, value in answers.items()})
    stack.set_config("sinch:keySecret", auto.ConfigValue(emulator["SINCH_KEY_SECRET"], secret=True))

    outputs = stack.up().outputs
    assert outputs["workflow"].value == "C"
    assert outputs["sip_domain"].value.endswith(".pstn.sinch.com")
    assert sinch.leftovers()["phoneNumbers"] == [defaults["phoneNumbers"]]
    stack.preview(expect_no_changes=True)
    stack.destroy()
    assert sinch.leftovers() == {k: [] for k in sinch.leftovers()}
    assert emulator["SINCH_KEY_SECRET"] not in sinch.engine.stored_text()
