"""pyproject.toml, requirements.lock and environment.yml pin the same versions; the README's
commands exist."""

from __future__ import annotations

import re
import subprocess
import tomllib

import yaml

from zzreport.data import paths

ROOT = paths.PROJECT_ROOT


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(requirements: list[str]) -> dict[str, str]:
    found = {}
    for requirement in requirements:
        name, _, version = requirement.partition("==")
        assert version, f"{requirement!r} is not pinned with =="
        found[canonical(name.strip())] = version.strip()
    return found


def pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    return pins(requirements)


def lock_pins() -> dict[str, str]:
    lines = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    return pins([line for line in lines if line.strip() and not line.startswith("#")])


def environment_pins() -> dict[str, str]:
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    found = {}
    for entry in environment["dependencies"]:
        if isinstance(entry, dict):
            found |= pins([p for p in entry["pip"] if "==" in p])
        elif "=" in entry:
            name, version = entry.split("=", 1)
            if name != "python":
                found[canonical(name)] = version
    return found


def test_environment_yml_lists_the_same_packages_and_versions_as_pyproject() -> None:
    assert environment_pins() == pyproject_pins()


def test_lock_agrees_with_every_direct_pin() -> None:
    lock = lock_pins()
    disagreements = {
        name: (version, lock.get(name))
        for name, version in pyproject_pins().items()
        if lock.get(name) != version
    }
    assert disagreements == {}


def test_installed_versions_are_the_locked_ones() -> None:
    from importlib.metadata import distributions

    installed = {canonical(d.metadata["Name"]): d.version for d in distributions()}
    stale = {
        name: (version, installed.get(name))
        for name, version in lock_pins().items()
        if installed.get(name) != version
    }
    assert stale == {}, "run `make setup` (the environment is not the locked one)"


def test_every_make_target_the_readme_names_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = set(re.findall(r"`make ([a-z-]+)", readme)) | set(
        re.findall(r"^make ([a-z-]+)", readme, re.M)
    )
    assert {"report", "test"} <= targets
    for target in sorted(targets):
        dry_run = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True)
        assert dry_run.returncode == 0, f"make {target}: {dry_run.stderr}"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    commands = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert "make test" in commands


def test_the_test_schedule_names_existing_files() -> None:
    """tests/conftest.py groups the files that share the session builds and hands the long
    files out first: a renamed file would silently fall out of both lists."""
    from tests.conftest import LONG_FIRST, SHARED_BUILD_FILES, start_rank

    for name in SHARED_BUILD_FILES:
        assert (ROOT / "tests" / name).is_file(), name
    for unit in LONG_FIRST:
        assert unit == "real-builds" or (ROOT / unit).is_file(), unit
    ranks = [start_rank(f"tests/{name}::t") for name in ("publish/test_build.py", "test_lab.py")]
    assert ranks == [0, 1] and start_rank("tests/test_units.py::t") == len(LONG_FIRST)
