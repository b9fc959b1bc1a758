"""The docs the package points users at exist: every troubleshooting anchor an error hint names, and every
relative link in the README and the guides.

Error hints end with `see docs/troubleshooting.md#<anchor>`; a renamed section would silently turn that
into a dead reference in every failed `up` that prints it.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TROUBLESHOOTING = ROOT / "docs" / "troubleshooting.md"
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "examples").rglob("*.md"))]


def _anchors(document: Path) -> set[str]:
    return set(re.findall(r'<a id="([^"]+)"></a>', document.read_text()))


def _referenced_anchors() -> set[str]:
    source = "\n".join(p.read_text() for p in (ROOT / "pulumi_sinch_est").rglob("*.py"))
    return set(re.findall(r"troubleshooting_ref\(\s*[\"']([^\"']+)[\"']\s*\)", source)) | set(
        re.findall(r"troubleshooting\.md#([A-Za-z0-9-]+)", source)
    )


def test_error_hints_name_existing_troubleshooting_sections() -> None:
    referenced = _referenced_anchors()
    assert referenced, "no error hint links the troubleshooting guide"
    assert referenced <= _anchors(TROUBLESHOOTING)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(document: Path) -> None:
    links = re.findall(r"\]\(([^)\s]+)\)", document.read_text())
    assert [t for t in links if not re.match(r"[a-z]+:|#", t) and _dead(document, t)] == []


def _dead(document: Path, target: str) -> bool:
    path, _, anchor = target.partition("#")
    resolved = (document.parent / path).resolve()
    if not resolved.exists():
        return True
    return bool(anchor) and resolved.suffix == ".md" and anchor not in _anchors(resolved) | _heading_slugs(resolved)


def _heading_slugs(document: Path) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens."""
    headings = re.findall(r"^#+\s+(.+)$", document.read_text(), flags=re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def test_install_lines_name_the_current_release_tag() -> None:
    """The git-tag installs and the template URL the README gives users point at this version's tag."""
    tag = f"v{version('pulumi-sinch-est')}"
    texts = [p.read_text() for p in [*DOCUMENTS, *(ROOT / "templates").rglob("*.txt")]]
    tags = {t for text in texts for t in re.findall(r"pulumi-sinch-est(?:/tree/|@)(v[\w.]+)", text)}
    assert tags == {tag}
