"""mypy (with django-stubs) passes on every services and selectors module of every app: run here,
in a subprocess, so that the suite (which CI runs) keeps the annotations true, not only `make lint`."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def checked_files() -> set[Path]:
    config = tomllib.loads((BASE_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    return {path for pattern in config["tool"]["mypy"]["files"] for path in BASE_DIR.glob(pattern)}


def services_and_selectors() -> set[Path]:
    """Every module of a services or selectors layer, flat or a package (at any depth)."""
    found = set()
    for path in (BASE_DIR / "hall32").rglob("*.py"):
        parts = path.relative_to(BASE_DIR / "hall32").parts
        if "tests" in parts or "migrations" in parts:
            continue
        layers = {Path(part).stem for part in parts[1:]}
        if layers & {"services", "selectors"}:
            found.add(path)
    return found


def test_mypy_is_configured_for_every_services_and_selectors_module():
    missing = services_and_selectors() - checked_files()
    assert not missing, sorted(str(p.relative_to(BASE_DIR)) for p in missing)


def test_mypy_passes_on_the_services_and_selectors():
    result = subprocess.run(
        [sys.executable, "-m", "mypy"],
        cwd=BASE_DIR,
        env={**os.environ, "HALL32_ENV_FILE": "/dev/null"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
