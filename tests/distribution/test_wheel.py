"""The distributions a release publishes: `python -m build` makes an sdist and a wheel that pass
`twine check --strict`; the wheel holds the package's modules and metadata and nothing else; installed
alone into a fresh virtualenv, with no repository on the path, it imports every public name and module
and its two commands start.

The fresh virtualenv gets the package's dependencies from the cached `newest` one of the dependency smoke
(a `.pth` file names its site-packages), so the test needs no index; `pip check` then proves that what
the wheel declares is satisfied by them.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

import pulumi_sinch_est
from tests.distribution.dependency_sets import newest
from tests.distribution.metadata import VERSION
from tests.harness.engine import REPO_ROOT
from tests.harness.venvs import pinned_venv, python_of

PACKAGE = "pulumi_sinch_est"
DIST_INFO = f"{PACKAGE}-{VERSION}.dist-info"
PACKAGES = {
    PACKAGE,
    f"{PACKAGE}/client",
    f"{PACKAGE}/client/models",
    f"{PACKAGE}/components",
    f"{PACKAGE}/emulator",
    f"{PACKAGE}/emulator/routes",
    f"{PACKAGE}/emulator/state",
    f"{PACKAGE}/export",
    f"{PACKAGE}/providers",
    f"{PACKAGE}/resources",
}
"""Every package the wheel ships: a new one is a decision, made here."""
METADATA = {"METADATA", "WHEEL", "RECORD", "entry_points.txt", "top_level.txt"}
SDIST_EXTRAS = {"PKG-INFO", "README.md", "CHANGELOG.md", "MANIFEST.in", "pyproject.toml", "setup.cfg"}
COMMANDS = ("sinch-est-emulator", "sinch-est-export", "sinch-est-recover")

IMPORT_EVERYTHING = """
import importlib, importlib.metadata, json, pkgutil, sys
import pulumi_sinch_est as package
names = {name: type(getattr(package, name)).__name__ for name in package.__all__}
modules = sorted(m.name for m in pkgutil.walk_packages(package.__path__, "pulumi_sinch_est."))
for module in modules:
    if not module.endswith(".__main__"):
        importlib.import_module(module)
print(json.dumps({
    "file": package.__file__,
    "names": sorted(names),
    "modules": modules,
    "version": importlib.metadata.version("pulumi-sinch-est"),
    "path": sys.path,
}))
"""


@dataclass(frozen=True)
class Dists:
    wheel: Path
    sdist: Path


def _run(
    command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
    return result


def _one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, f"{pattern} in {folder}: {found}"
    return found[0]


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    """Built once for the module, without build isolation: the build backend is the development
    virtualenv's, which `build` checks against pyproject.toml's `build-system.requires`."""
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(REPO_ROOT)])
    return Dists(wheel=_one(out, "*.whl"), sdist=_one(out, "*.tar.gz"))


def _sources() -> list[Path]:
    return sorted(p.relative_to(REPO_ROOT) for p in (REPO_ROOT / PACKAGE).rglob("*.py") if "__pycache__" not in p.parts)


def _package_files() -> set[str]:
    """The package's files as the repository holds them."""
    return {p.as_posix() for p in _sources()} | {f"{PACKAGE}/py.typed"}


def _modules() -> set[str]:
    """Every module and subpackage below the package, dotted, as `pkgutil.walk_packages` names them."""
    dotted = {".".join(p.with_suffix("").parts) for p in _sources()}
    return {m.removesuffix(".__init__") for m in dotted} - {PACKAGE}


def test_twine_check_strict_passes(dists: Dists) -> None:
    _run([sys.executable, "-m", "twine", "check", "--strict", str(dists.wheel), str(dists.sdist)])


def test_the_wheel_holds_the_package_and_its_metadata_only(dists: Dists) -> None:
    names = set(zipfile.ZipFile(dists.wheel).namelist())
    assert names == _package_files() | {f"{DIST_INFO}/{name}" for name in METADATA}
    assert {str(PurePosixPath(n).parent) for n in names if n.endswith("/__init__.py")} == PACKAGES


def test_the_sdist_holds_the_same_package_and_no_tests(dists: Dists) -> None:
    with tarfile.open(dists.sdist) as sdist:
        names = {PurePosixPath(m.name) for m in sdist.getmembers() if m.isfile()}
    top = PurePosixPath(f"{PACKAGE}-{VERSION}")
    relative = {n.relative_to(top).as_posix() for n in names}
    package = {n for n in relative if n.startswith(f"{PACKAGE}/")}
    others = {n for n in relative if not n.startswith((f"{PACKAGE}/", f"{PACKAGE}.egg-info/"))}
    assert package == _package_files()
    assert others == SDIST_EXTRAS


def test_the_wheel_alone_imports_every_public_name_and_module(dists: Dists, tmp_path: Path) -> None:
    dependencies = pinned_venv("newest", newest())
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    site = _one(venv, "lib/python*/site-packages")
    (site / "pinned_dependencies.pth").write_text(f"{_one(dependencies, 'lib/python*/site-packages')}\n")
    pip = [sys.executable, "-m", "pip", "--python", str(python_of(venv)), "--disable-pip-version-check"]
    _run([*pip, "install", "--no-deps", "--no-index", str(dists.wheel)])
    _run([*pip, "check"])

    # -I: no PYTHONPATH, no user site, no current folder on the path; the folder is empty anyway.
    report = json.loads(_run([str(python_of(venv)), "-I", "-c", IMPORT_EVERYTHING], cwd=tmp_path).stdout)
    assert Path(report["file"]).is_relative_to(site)
    assert not any(Path(entry).is_relative_to(REPO_ROOT) for entry in report["path"] if entry)
    assert report["names"] == sorted(pulumi_sinch_est.__all__)
    assert set(report["modules"]) == _modules()
    assert report["version"] == VERSION
    for command in COMMANDS:
        result = _run([str(venv / "bin" / command), "--help"], cwd=tmp_path, env={"PATH": str(venv / "bin")})
        assert command in result.stdout
