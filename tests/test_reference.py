"""The reference is generated from the code and must agree with it: the pages under docs/reference/, the
README's resource table and the generated part of each class docstring (what `help(Trunk)` shows) are
regenerated in memory by tools/gen_reference.py and compared with what is committed.

The source itself is checked too: every argument and every output is documented, each resource says what
its id is, and each example passes only arguments its class takes.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pulumi
import pytest

import pulumi_sinch_est

ROOT = Path(__file__).resolve().parents[1]


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_reference", ROOT / "tools" / "gen_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


gen = _load_generator()
SUBJECTS = gen.subjects()
NAMES = [s.name for s in SUBJECTS]


def test_pages_readme_table_and_docstrings_match_the_code() -> None:
    stale = [str(path.relative_to(ROOT)) for path in gen.stale()]
    assert stale == [], "regenerate with `python tools/gen_reference.py`"


def test_every_public_resource_has_a_page() -> None:
    documented = {s.cls for s in SUBJECTS}
    # The package imports its names on first use, so they are looked up, not read from its namespace.
    exported = (getattr(pulumi_sinch_est, name) for name in pulumi_sinch_est.__all__)
    public = {v for v in exported if isinstance(v, type) and issubclass(v, pulumi.Resource)}
    assert public == documented
    assert sorted(p.name for p in gen.PAGES.glob("*.md")) == sorted(
        [*(f"{s.module}.md" for s in SUBJECTS), "README.md"]
    )


@pytest.mark.parametrize("subject", SUBJECTS, ids=NAMES)
def test_help_shows_every_argument_and_output(subject: Any) -> None:
    doc = inspect.getdoc(subject.cls) or ""
    assert doc == gen.docstring(subject)
    arguments, _, outputs = doc.partition("Outputs, besides `id`:")
    for name in (f.name for f in gen.fields(subject.args)):
        assert re.search(rf"^    {name}: ", arguments, re.MULTILINE), name
    for name in (f.name for f in gen.outputs(subject)):
        assert re.search(rf"`{name}`|^    {name}: ", outputs, re.MULTILINE), name


@pytest.mark.parametrize("subject", SUBJECTS, ids=NAMES)
def test_every_argument_and_output_is_documented(subject: Any) -> None:
    undocumented = [f.name for f in gen.fields(subject.args) if not f.doc]
    undocumented += [f"{kind.__name__}.{f.name}" for kind in gen.nested(subject) for f in gen.fields(kind) if not f.doc]
    undocumented += [f"output {f.name}" for f in gen.outputs(subject) if not f.doc]
    undocumented += [f"child {f.name}" for f in gen.children(subject) if not f.doc]
    assert undocumented == []


@pytest.mark.parametrize("subject", [s for s in SUBJECTS if s.provider is not None], ids=lambda s: s.name)
def test_every_resource_says_what_its_id_is(subject: Any) -> None:
    assert gen.id_sentence(subject)


@pytest.mark.parametrize("subject", SUBJECTS, ids=NAMES)
def test_examples_pass_only_arguments_the_classes_take(subject: Any) -> None:
    tree = ast.parse(gen.example(subject))
    by_name = {s.name: s for s in SUBJECTS}
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]
    constructed = [c for c in calls if c.func.id in by_name]  # type: ignore[attr-defined]
    assert any(c.func.id == subject.name for c in constructed)  # type: ignore[attr-defined]
    for call in constructed:
        taken = {f.name for f in gen.fields(by_name[call.func.id].args)}  # type: ignore[attr-defined]
        assert {k.arg for k in call.keywords} <= taken


def test_import_id_column_matches_the_args() -> None:
    """The README's claim of which resources take `import_id` is the Args' own."""
    readme = (ROOT / "README.md").read_text()
    for subject in SUBJECTS:
        takes = "import_id" in subject.args.__annotations__
        row = next(line for line in readme.splitlines() if line.startswith(f"| [{subject.name}]("))
        assert row.split("|")[3].strip() == ("yes" if takes else "no")


def _returned_keys(subject: Any) -> set[str]:
    """The keys of the dict literal each `_outputs` function of the provider's module (and of its
    shared base module, for the attachments) returns, names and `self.` attributes resolved."""
    provider = subject.provider
    keys: set[str] = set()
    for cls in provider.__mro__:
        module = sys.modules[cls.__module__]
        if not module.__name__.startswith("pulumi_sinch_est.providers."):
            continue
        tree = ast.parse(inspect.getsource(module))
        for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "_outputs"):
            for returned in (n.value for n in ast.walk(function) if isinstance(n, ast.Return)):
                if isinstance(returned, ast.Dict):
                    keys |= {_resolve(key, module, provider) for key in returned.keys if key is not None}
    return keys


def _resolve(key: ast.expr, module: ModuleType, provider: type) -> str:
    if isinstance(key, ast.Constant):
        return str(key.value)
    if isinstance(key, ast.Attribute) and isinstance(key.value, ast.Name) and key.value.id == "self":
        return str(getattr(provider, key.attr))
    assert isinstance(key, ast.Name), ast.unparse(key)
    return str(getattr(module, key.id))


@pytest.mark.parametrize("subject", [s for s in SUBJECTS if s.provider is not None], ids=lambda s: s.name)
def test_every_documented_output_is_one_the_provider_returns(subject: Any) -> None:
    documented = {f.name for f in gen.outputs(subject)}
    returned = _returned_keys(subject)
    assert returned, f"no `_outputs` found for {subject.name}"
    assert documented <= returned
