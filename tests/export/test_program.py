"""The exported program from fixed projects: byte-identical to the committed golden file, formatted,
lint-clean and type-correct, with names that are valid, unique and stable."""

from __future__ import annotations

import keyword
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pulumi_sinch_est.export.naming import MAX_NAME, name_project
from pulumi_sinch_est.export.read import Project
from pulumi_sinch_est.export.render import render_network, render_program, render_voice
from pulumi_sinch_est.export.write import FolderNotEmptyError, project_files, write_folder

from .fixed import awkward_project, office_project

GOLDEN = Path(__file__).parent / "golden" / "__main__.py.golden"
"""The program `office_project` must give; regenerate with `python -m tests.export.fixed` and review."""
REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def test_the_program_matches_the_golden_file() -> None:
    project = office_project()
    assert render_program(project, name_project(project)).text == GOLDEN.read_text(encoding="utf-8")


def test_the_order_the_api_answers_in_does_not_change_the_program() -> None:
    shuffled = office_project()
    shuffled.trunks.reverse()
    shuffled.acls.reverse()
    for view in shuffled.trunks:
        view.endpoints.reverse()
        view.acl_ids.reverse()
        view.phone_numbers.reverse()
    for acl in shuffled.acls:
        acl.ranges.reverse()
    assert render_program(shuffled, name_project(shuffled)).text == GOLDEN.read_text(encoding="utf-8")


def test_the_program_counts_and_lists_what_it_declares() -> None:
    project = office_project()
    program = render_program(project, name_project(project))
    assert dict(program.resources) == {
        "Acl": 2,
        "CredentialList": 1,
        "Trunk": 3,
        "Endpoint": 4,
        "AclAttachment": 4,
        "CredentialListAttachment": 2,
        "PhoneNumberAssignments": 3,
        "CallBlockingRule": 1,
        "CountryPermission": 1,
    }
    assert [(s.config_key, s.credential_list, s.username) for s in program.secrets] == [
        ("office_phones_alice_password", "Office phones", "alice"),
        ("office_phones_bob_password", "Office phones", "bob"),
    ]


def test_awkward_names_become_valid_unique_identifiers() -> None:
    names = name_project(awkward_project())
    every = [
        *names.trunks.values(),
        *names.endpoints.values(),
        *names.acls.values(),
        *names.credential_lists.values(),
        *names.credential_list_attachments.values(),
    ]
    assert len(every) == len(set(every))
    for name in every:
        assert name.isidentifier() and not keyword.iskeyword(name) and len(name) <= MAX_NAME, name
    assert names.trunks == {
        "T1": "class_",
        "T2": "class_2",
        "T3": "n_2nd_floor",
        "T4": "zurich_buro",
        "T5": "a_very_long_trunk_name_t",
        "T6": "no_name_at_all",
        "T7": "pulumi_2",
    }
    assert names.acls == {"A1": "class_acl"}
    keys = list(names.password_keys.values())
    assert len(keys) == len(set(keys)) and all(len(k) <= 38 for k in keys)


def _tool(name: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MYPYPATH": str(REPO)}  # the package is installed editable, which mypy cannot follow
    return subprocess.run([str(BIN / name), *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


def _folders(layout: str, project: Project) -> dict[str, dict[str, str]]:
    names = name_project(project)
    if layout == "single":
        return {"exported": project_files(render_program(project, names), "sinch-est", "dev", project.project_id)}
    voice_config = {"networkStack": "organization/sinch-est-network/dev"}
    return {
        "network": project_files(render_network(project, names), "sinch-est-network", "dev", project.project_id),
        "voice": project_files(
            render_voice(project, names), "sinch-est-voice", "dev", project.project_id, voice_config
        ),
    }


@pytest.fixture(scope="module")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One mypy cache for the folders below: each checks only its `__main__.py`, and the analysis of pulumi,
    pydantic and this package under it, most of a cold run, is the same for all of them."""
    return tmp_path_factory.mktemp("mypy")


@pytest.mark.parametrize(
    ("project", "layout"),
    [(office_project, "single"), (awkward_project, "single"), (office_project, "multi-stack")],
    ids=["office", "awkward", "office-multi-stack"],
)
def test_the_folder_passes_ruff_and_mypy(
    tmp_path: Path, mypy_cache: Path, project: Callable[[], Project], layout: str
) -> None:
    # Long Sinch names and descriptions cannot be wrapped: line length is judged on the office project only.
    ignore = ["--ignore", "E501"] if project is awkward_project else []
    for folder, files in _folders(layout, project()).items():
        out = tmp_path / folder
        write_folder(out, files, force=False)
        for result in (
            _tool("ruff", "format", "--isolated", "--check", "--diff", ".", cwd=out),
            _tool("ruff", "check", "--isolated", "--select", "E,W,F,I,UP,B,SIM", *ignore, ".", cwd=out),
            _tool("mypy", "--strict", "--cache-dir", str(mypy_cache), "__main__.py", cwd=out),
        ):
            assert result.returncode == 0, result.stdout + result.stderr


def test_the_multi_stack_layout_splits_the_lists_from_the_trunks() -> None:
    project = office_project()
    names = name_project(project)
    network, voice = render_network(project, names), render_voice(project, names)
    assert set(network.resources) == {"Acl", "CredentialList"} and network.secrets
    assert set(voice.resources).isdisjoint(network.resources) and not voice.secrets
    whole = render_program(project, names).resources
    assert network.resources + voice.resources == whole
    assert 'acl_id=acl_ids["office_network_acl"],' in voice.text
    assert 'credential_list_id=credential_list_ids["office_phones_credentials"],' in voice.text


def test_the_folder_holds_the_project_files(tmp_path: Path) -> None:
    project = office_project()
    files = project_files(render_program(project, name_project(project)), "pbx", "prod", project.project_id)
    assert sorted(files) == ["Pulumi.prod.yaml", "Pulumi.yaml", "README.md", "__main__.py", "requirements.txt"]
    assert "name: pbx\n" in files["Pulumi.yaml"] and "  name: python\n" in files["Pulumi.yaml"]
    assert files["Pulumi.prod.yaml"] == f'config:\n  sinch:projectId: "{project.project_id}"\n'
    assert files["requirements.txt"].startswith("pulumi-sinch-est==")
    assert "pulumi config set --secret office_phones_alice_password" in files["README.md"]


def test_a_non_empty_folder_is_refused_unless_forced(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(FolderNotEmptyError, match="is not empty"):
        write_folder(tmp_path, {"__main__.py": "x = 1\n"}, force=False)
    assert not (tmp_path / "__main__.py").exists()
    write_folder(tmp_path, {"__main__.py": "x = 1\n"}, force=True)
    assert (tmp_path / "__main__.py").read_text() == "x = 1\n" and (tmp_path / "notes.txt").exists()
