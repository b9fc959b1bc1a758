"""Virtualenvs holding an exact set of the package's dependencies, built once into the cache outside the
clone.

A virtualenv holds the dependencies only, never the package: whoever runs its interpreter puts the
repository root on `PYTHONPATH`, so the code under test is always the working tree and a virtualenv stays
good until its pins change. Its folder is named by a hash of the pins and the interpreter's version. It
is built in a temporary folder beside its final place and renamed into place only once its installs
succeeded and it reports the pinned versions, so an interrupted build is never mistaken for a good cache
(the pattern of tools/pulumi-cli/build.sh). Nothing in it records its own path except pip's script
shebangs, which are never used: everything runs as `<venv>/bin/python -m ...`.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .cache import cache_root

BUILD_TIMEOUT_S = 900


class VenvBuildError(RuntimeError):
    """pip could not install the pins, or the result does not report them."""


def venv_key(pins: Mapping[str, str]) -> str:
    """What the cached folder is named by: the pins and the interpreter's version."""
    text = "\n".join(f"{name}=={version}" for name, version in sorted(pins.items()))
    text += f"\npython {sys.version_info.major}.{sys.version_info.minor}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def python_of(venv: Path) -> Path:
    return venv / "bin" / "python"


def installed_versions(venv: Path, names: list[str]) -> dict[str, str]:
    """What the virtualenv's interpreter reports for each distribution; `{}` when it does not run."""
    code = "import importlib.metadata as m, json, sys; print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))"
    try:
        result = subprocess.run(
            [str(python_of(venv)), "-c", code, *names], capture_output=True, text=True, check=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    versions: dict[str, str] = json.loads(result.stdout)
    return versions


def _matches(venv: Path, pins: Mapping[str, str]) -> bool:
    return installed_versions(venv, sorted(pins)) == dict(pins)


def pinned_venv(label: str, pins: Mapping[str, str]) -> Path:
    """The cached virtualenv with exactly `pins` (name -> version), built on first use."""
    target = cache_root() / f"deps-{label}-{venv_key(pins)}"
    if _matches(target, pins):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
    try:
        _install(build, pins)
        if not _matches(build, pins):
            raise VenvBuildError(f"{build} does not report the pins {dict(pins)}")
        shutil.rmtree(target, ignore_errors=True)
        try:
            build.rename(target)
        except OSError:
            # Another run renamed its own build into place first: keep theirs.
            if not _matches(target, pins):
                raise
    finally:
        shutil.rmtree(build, ignore_errors=True)
    if not _matches(target, pins):
        raise VenvBuildError(f"{target} does not report the pins {dict(pins)} after the rename")
    return target


def _install(venv: Path, pins: Mapping[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=120)
    requirements = [f"{name}=={version}" for name, version in sorted(pins.items())]
    command = [str(python_of(venv)), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *requirements]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=BUILD_TIMEOUT_S)
    if result.returncode != 0:
        raise VenvBuildError(f"pip install {' '.join(requirements)} failed:\n{result.stderr[-3000:]}")
