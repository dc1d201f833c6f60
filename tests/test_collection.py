"""Every test module under tests/ is collected, and no two modules share a name.

pytest's default ``norecursedirs`` skips any directory named ``build``; for a long
time that hid tests/build (installer, fetch, stage, patch, wrappers) from every run.
This test asks pytest itself what it collects, in a child process with the
project's configuration, so any directory that gets skipped again fails here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


def _collected_modules() -> set[str]:
    """The test modules pytest collects from tests/ (all markers, slow ones too)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTEST_ADDOPTS"}
    command = [sys.executable, "-m", "pytest", "--collect-only", "-qq", "-p", "no:cacheprovider"]
    # addopts deselects the slow tests, which would hide modules that hold only slow ones.
    command += ["-o", "addopts=", "tests"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    # With -qq pytest prints one "path: count" line per module.
    return {line.rpartition(":")[0] for line in result.stdout.splitlines() if ".py: " in line}


def test_every_test_module_is_collected() -> None:
    on_disk = {path.relative_to(ROOT).as_posix() for path in TESTS.rglob("test_*.py")}
    assert "tests/build/test_installer.py" in on_disk
    assert on_disk - _collected_modules() == set()


def test_no_two_test_modules_share_a_basename() -> None:
    # Test directories are not packages, so pytest imports every module (and the helpers
    # beside them) by its basename: a second module of the same name clashes or shadows.
    places: dict[str, list[str]] = defaultdict(list)
    for path in TESTS.rglob("*.py"):
        relative = path.relative_to(TESTS)
        if relative.parts[0] != "repos" and path.name != "conftest.py":
            places[path.name].append(relative.as_posix())
    assert {name: paths for name, paths in places.items() if len(paths) > 1} == {}
