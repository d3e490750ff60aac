"""`zzreport --version` names the package version from pyproject.toml and the data editions."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib

import zzreport
from zzreport.data import paths


def test_version_names_package_and_data_editions() -> None:
    project = tomllib.loads((paths.PROJECT_ROOT / "pyproject.toml").read_text("utf-8"))
    register = json.loads((paths.RAW_DIR / "external_figures.meta.json").read_text("utf-8"))
    result = subprocess.run(
        [sys.executable, "-m", "zzreport.cli", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"zzreport {project['project']['version']} ")
    assert f"sources register edition {register['edition']}" in result.stdout
    assert zzreport.__version__ == project["project"]["version"]
