"""Every Python snippet in the README and the docs (the generated reference pages included) is a program
that runs: it is executed under Pulumi's mocks, and each resource it declares is given only arguments its
class takes. A snippet missing an import, naming an argument that does not exist or giving the component
contradictory answers fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pulumi
import pytest
from pulumi.runtime import mocks

import pulumi_sinch_est

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md")), *sorted((ROOT / "examples").rglob("*.md"))]
PASSWORD = "Examp1e-Secret-Passw0rd"


def _snippets() -> list[tuple[str, str]]:
    found = []
    for document in DOCUMENTS:
        blocks = re.findall(r"```python\n(.*?)```", document.read_text(), flags=re.DOTALL)
        found += [(f"{document.relative_to(ROOT)}#{i}", block) for i, block in enumerate(blocks)]
    return found


SNIPPETS = _snippets()


class _Mocks(mocks.Mocks):
    def new_resource(self, args: mocks.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        outputs = dict(args.inputs)
        if args.typ == "pulumi:pulumi:StackReference":  # what the multi-stack example's network stack exports
            return args.name, {"outputs": {"acl_ids": {"office": "acl-id"}, "credential_list_ids": {}}}
        if args.typ.endswith(":PhoneNumberAssignments"):  # the provider maps each number to its trunk
            outputs["phone_numbers"] = dict.fromkeys(args.inputs["phone_numbers"], args.inputs["trunk_id"])
        return f"{args.name}-id", outputs

    def call(self, args: mocks.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        return {}, None


def _args_of(name: str) -> set[str]:
    args = getattr(pulumi_sinch_est, f"{name}Args")
    return set(args.__annotations__)


@pytest.mark.parametrize(("where", "code"), SNIPPETS, ids=[w for w, _ in SNIPPETS])
def test_snippet_passes_only_arguments_its_classes_take(where: str, code: str) -> None:
    for call in ast.walk(ast.parse(code)):
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Name)
            and hasattr(pulumi_sinch_est, f"{call.func.id}Args")
        ):
            given = {k.arg for k in call.keywords if k.arg} - {"opts"}
            assert given <= _args_of(call.func.id), ast.unparse(call)


@pytest.mark.parametrize(("where", "code"), SNIPPETS, ids=[w for w, _ in SNIPPETS])
def test_snippet_runs(where: str, code: str) -> None:
    keys = re.findall(r"require(?:_secret|_object)?\(\"(\w+)\"\)", code)
    config = {f"project:{key}": "organization/network/shared" if key.endswith("Stack") else PASSWORD for key in keys}
    pulumi.runtime.set_mocks(_Mocks(), project="project", stack="dev", preview=False)
    pulumi.runtime.set_all_config(config)
    try:
        pulumi.runtime.test(lambda: exec(compile(code, where, "exec"), {"__name__": "__main__"}))()
    finally:
        pulumi.runtime.set_all_config({})
